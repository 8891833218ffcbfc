import Foundation

/// A schema v1 database whose every text column holds the ``HostileText`` corpus (and bytes
/// that are not UTF-8), with enough users behind each string that every group is published.
public enum HostileDatabase {
  /// Bytes that are not valid UTF-8, as an SQL expression.
  public static let invalidUTF8SQL = "CAST(X'C328A0A1FFFE3C7363726970743E' AS TEXT)"

  /// SQL that fills a fresh schema v1 database. Each hostile string `i` is a user id, a display
  /// name, an email, a track id, title, artist and album, a genre, a search, a playlist title,
  /// a source and a model; six ordinary users play, search and rate it too.
  public static func sql() -> String {
    sql(strings: HostileText.corpus.map(quoted) + [invalidUTF8SQL])
  }

  /// The same shape of database with plain words instead of the corpus: what a normal site
  /// built from this structure contains.
  public static func plainSQL() -> String {
    sql(strings: (0...HostileText.corpus.count).map { quoted("plain word \($0)") })
  }

  /// The same database with only the strings PostgreSQL can hold in these columns (valid UTF-8,
  /// no NUL character, and short enough for a b-tree key: at most 2,000 bytes, as ids are
  /// primary keys): what is loaded into both databases to compare their sites.
  public static func postgresSQL() -> String {
    sql(
      strings: HostileText.corpus.filter { !$0.contains("\u{0}") && $0.utf8.count <= 2_000 }.map(
        quoted))
  }

  /// An SQL string literal; NUL characters, which cannot appear in SQL text, become `char(0)`.
  static func quoted(_ text: String) -> String {
    text.split(separator: "\u{0}", omittingEmptySubsequences: false)
      .map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }
      .joined(separator: " || char(0) || ")
  }

  static func sql(strings: [String]) -> String {
    var lines: [String] = []
    let base = 1_767_225_600
    for (index, text) in strings.enumerated() {
      let time = base - index * 3600
      lines.append("INSERT INTO users VALUES (\(text), \(text), 'hostile\(index)@example.com', 0);")
      lines.append(
        "INSERT INTO tracks (track_id, title, artist, album) VALUES (\(text), \(text), \(text), \(text));"
      )
      lines.append("INSERT INTO track_genres VALUES (\(text), \(text));")
      for user in ["u1", "u2", "u3", "u4", "u5", "u6"] + [text] {
        let who = user.hasPrefix("u") && user.count == 2 ? "'\(user)'" : user
        lines.append(
          "INSERT INTO activity (user_id, kind, occurred_at, query, track_id) VALUES (\(who), 'search', \(time), \(text), \(text));"
        )
        lines.append(
          "INSERT INTO activity (user_id, kind, occurred_at, query, track_id) VALUES (\(who), 'playlist', \(time), \(text), NULL);"
        )
        lines.append(
          "INSERT INTO activity (user_id, kind, occurred_at, query, track_id) VALUES (\(who), \(text), \(time), NULL, \(text));"
        )
        for verdict in [1, -1] {
          lines.append(
            "INSERT INTO feedback (user_id, track_id, verdict, occurred_at, source, model) VALUES (\(who), \(text), \(verdict), \(time), \(text), \(text));"
          )
        }
      }
    }
    for user in ["u1", "u2", "u3", "u4", "u5", "u6"] {
      lines.append(
        "INSERT INTO users VALUES ('\(user)', 'Plain \(user)', '\(user)@example.com', 0);")
    }
    return lines.joined(separator: "\n")
  }
}

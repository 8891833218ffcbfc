import EventStore
import Foundation

extension MemorySource {
  /// The rows as SQL for a database that `tunedash init` created (``Fixture/init(schema:sql:)``):
  /// the optional columns some row uses, then one `INSERT` per row. The database then holds
  /// the same rows, so both sources must give the same answers.
  public var sql: String {
    var lines = featureColumns.dropFirst(SchemaV1.audioFeatures.count).map {
      "ALTER TABLE tracks ADD COLUMN \($0) REAL;"
    }
    let optOut = users.contains { $0.optedOut != nil }
    if optOut { lines.append("ALTER TABLE users ADD COLUMN \(SchemaV1.optOutColumn) INTEGER;") }
    for user in users {
      var values = [
        text(user.id), text(user.displayName), text(user.email), integer(user.createdAt),
      ]
      if optOut { values.append(integer(user.optedOut.map { $0 ? 1 : 0 })) }
      lines.append(
        insert(
          "users",
          ["user_id", "display_name", "email", "created_at"]
            + (optOut ? [SchemaV1.optOutColumn] : []), values))
    }
    let features = featureColumns
    for track in tracks {
      let numbers = features.map { track.features[$0].map(real) ?? "NULL" }
      lines.append(
        insert(
          "tracks", ["track_id", "title", "artist", "album"] + features,
          [text(track.id), text(track.title), text(track.artist), text(track.album)] + numbers))
    }
    for pair in genres {
      lines.append(
        insert("track_genres", ["track_id", "genre"], [text(pair.track), text(pair.genre)]))
    }
    for row in activity {
      lines.append(
        insert(
          "activity", ["event_id", "user_id", "kind", "occurred_at", "query", "track_id"],
          [
            integer(row.id), text(row.user), text(row.kind), integer(row.time), text(row.query),
            text(row.track),
          ]))
    }
    for row in feedback {
      lines.append(
        insert(
          "feedback",
          ["feedback_id", "user_id", "track_id", "verdict", "occurred_at", "source", "model"],
          [
            integer(row.id), text(row.user), text(row.track), integer(row.verdict),
            integer(row.time), text(row.source), text(row.model),
          ]))
    }
    return lines.joined(separator: "\n")
  }

  private func insert(_ table: String, _ columns: [String], _ values: [String]) -> String {
    "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")));"
  }

  /// A text literal, quotes doubled; `NULL` for `nil`.
  private func text(_ value: String?) -> String {
    value.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL"
  }

  /// An integer literal; `NULL` for `nil`.
  private func integer(_ value: Int64?) -> String { value.map(String.init) ?? "NULL" }

  /// A real literal that reads back as the same double (Swift's shortest exact form).
  private func real(_ value: Double) -> String {
    precondition(value.isFinite, "SQL has no literal for \(value)")
    return "\(value)"
  }
}

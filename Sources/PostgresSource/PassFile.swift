import Foundation

/// libpq's password file (`~/.pgpass`, or the file `PGPASSFILE` names): lines of
/// `hostname:port:database:username:password`, where `*` matches anything, `\:` and `\\` stand
/// for `:` and `\`, and lines starting with `#` are comments. The first matching line wins.
///
/// As libpq does, a file that its group or others can read (mode not 0600 or stricter) is
/// ignored: a password there may already be known to others.
public struct PassFile: Sendable {
  /// The parsed lines, five fields each.
  let entries: [[String]]

  /// Parses the text of a password file.
  public init(text: String) {
    entries = text.split(whereSeparator: \.isNewline).compactMap { line in
      guard !line.hasPrefix("#") else { return nil }
      let fields = Self.fields(of: line)
      return fields.count == 5 ? fields : nil
    }
  }

  /// The password for `url`, or `nil` when no line matches.
  public func password(for url: PostgresURL) -> String? {
    let wanted = [url.host, String(url.port), url.database, url.user]
    for entry in entries {
      let matches = zip(entry.prefix(4), wanted).allSatisfy { field, value in
        field == "*" || field == value
      }
      if matches { return entry[4] }
    }
    return nil
  }

  /// The password file of this user: `PGPASSFILE`, else `~/.pgpass`; `nil` when it does not
  /// exist or is readable by others (then `warning` says so).
  public static func load(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    warning: (String) -> Void = { _ in }
  ) -> PassFile? {
    let path =
      environment["PGPASSFILE"]
      ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass"
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let mode = (attributes[.posixPermissions] as? NSNumber)?.uint16Value
    else { return nil }
    guard mode & 0o077 == 0 else {
      warning("password file \(path) has group or world access and is ignored; chmod 0600 it")
      return nil
    }
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    return PassFile(text: text)
  }

  /// Splits a line at unescaped colons, undoing `\:` and `\\`.
  private static func fields(of line: Substring) -> [String] {
    var fields: [String] = []
    var current = ""
    var escaped = false
    for character in line {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == ":" {
        fields.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    fields.append(current)
    return fields
  }
}

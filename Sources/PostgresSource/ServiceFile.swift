import Foundation

/// The keywords a libpq connection service sets (`service=events` in the URI, or
/// `PGSERVICE`), read from the service files where libpq looks for them — `PGSERVICEFILE` or
/// `~/.pg_service.conf` first, then `pg_service.conf` in `PGSYSCONFDIR` or the system's
/// folder — only so that TuneDash's own defaults step aside for what the service sets
/// (``ConnectionString/parameters(environment:warning:)``), as they do for the URI. libpq
/// reads the file again to connect, with its own rules; nothing here connects or reports a
/// malformed file (libpq does, exit 65).
///
/// ```
/// # ~/.pg_service.conf
/// [events]
/// host=db.internal
/// connect_timeout=3
/// ```
/// `ServiceFile.keywords(of: "events", environment: env)` is
/// `["host": "db.internal", "connect_timeout": "3"]`.
enum ServiceFile {
  /// The folder of the system-wide service file when `PGSYSCONFDIR` is not set: Debian's libpq
  /// (`pg_config --sysconfdir`).
  static let systemFolder = "/etc/postgresql-common"

  /// The keywords and values `service` sets: those of the first file that defines it (the
  /// user's file wins over the system's, as in libpq); empty when none does.
  static func keywords(of service: String, environment: [String: String]) -> [String: String] {
    let nonEmpty = { (name: String) in environment[name].flatMap { $0.isEmpty ? nil : $0 } }
    let user = nonEmpty("PGSERVICEFILE") ?? nonEmpty("HOME").map { $0 + "/.pg_service.conf" }
    let system = (nonEmpty("PGSYSCONFDIR") ?? systemFolder) + "/pg_service.conf"
    for path in [user, system].compactMap({ $0 }) {
      if let found = section(service, in: path) { return found }
    }
    return [:]
  }

  /// The `keyword=value` lines of the first `[service]` section of the file at `path`, as
  /// libpq reads them: each line trimmed, blank lines and `#` comments skipped, the keyword up
  /// to the first `=`, a keyword's first value kept. `nil` when the file cannot be read or has no such section.
  static func section(_ service: String, in path: String) -> [String: String]? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    var found: [String: String]?
    for raw in text.split(whereSeparator: \.isNewline) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      if line.hasPrefix("[") {
        // The section after the one found ends it.
        if found != nil { break }
        if line.hasPrefix("[\(service)]") { found = [:] }
        continue
      }
      guard found != nil, let equals = line.firstIndex(of: "=") else { continue }
      // A keyword given twice keeps its first value, as in libpq.
      let keyword = String(line[..<equals])
      if found?[keyword] == nil { found?[keyword] = String(line[line.index(after: equals)...]) }
    }
    return found
  }
}

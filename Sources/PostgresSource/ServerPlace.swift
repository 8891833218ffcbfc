import CLibPQ

/// Where a connection went and as whom, as libpq settled it (from the URI, the environment and
/// its defaults): what error messages name. Never the password.
struct ServerPlace: Sendable {
  /// The `--db` value without its passwords.
  let location: String
  /// The host name or address, or the socket's folder.
  let host: String
  /// The port.
  let port: String
  /// The role.
  let user: String
  /// The database.
  let database: String

  /// What libpq settled for `connection`, whether it succeeded or not.
  init(_ connection: OpaquePointer, location: String) {
    self.location = location
    let text = { (value: UnsafeMutablePointer<CChar>?) in value.map { String(cString: $0) } ?? "" }
    host = text(PQhost(connection))
    port = text(PQport(connection))
    user = text(PQuser(connection))
    database = text(PQdb(connection))
  }

  /// The server as messages name it: `HOST:PORT`, or the socket's path.
  var name: String {
    host.hasPrefix("/") ? "\(host)/.s.PGSQL.\(port)" : "\(host):\(port)"
  }
}

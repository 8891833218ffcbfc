/// One server libpq tried while connecting, and why that failed (``EventStoreError/attempts(_:)``
/// reads them from libpq's message, a line each).
struct ConnectAttempt: Equatable {
  /// The server as libpq's message names it: `at "db1", port 5432`, `at "db1" (10.0.0.7), port
  /// 5432`, `on socket "/run/postgresql/.s.PGSQL.5432"`, `at "db1"` for a name it could not
  /// resolve; empty for a failure before any server (an option libpq refused).
  let server: String
  /// Why it failed, without libpq's framing (``EventStoreError/reason(_:)``).
  let reason: String

  /// The server as TuneDash's messages name one (``ServerPlace/name``): `db1:5432`, the
  /// socket's path, or a host name alone; `nil` when the message names none.
  var name: String? {
    let socket = "on socket \""
    if server.hasPrefix(socket) {
      return String(server.dropFirst(socket.count).prefix { $0 != "\"" })
    }
    let host = "at \""
    guard server.hasPrefix(host) else { return nil }
    let name = server.dropFirst(host.count).prefix { $0 != "\"" }
    guard let port = server.range(of: ", port ") else { return String(name) }
    return "\(name):\(server[port.upperBound...].prefix { $0.isNumber })"
  }
}

import EventStore
import PostgresNIO

extension PostgresReader {
  /// The `users` rows of `ids` (see ``EventSourceReader/contacts(_:)``), in one query.
  public func contacts(_ ids: [String]) throws -> [String: ListenerContact] {
    // Column names come from SchemaV1's constants, never from user text.
    let optOut = try SchemaV1.optOutExpression(present: columnNames(of: "users"), location: location)
    let wanted = Array(Set(ids))
    return try session.run(table: "users") { session in
      var contacts: [String: ListenerContact] = [:]
      let rows = try await Session.rows(
        "SELECT user_id, display_name, email, \(unescaped: optOut) FROM users WHERE user_id = ANY(\(wanted))",
        on: session)
      for row in rows {
        let cells = row.makeRandomAccess()
        guard let id = StoredValue(cells[0]).string else { continue }
        let name = StoredValue(cells[1]).string
        var email: String?
        if case .text = StoredValue(cells[2]) { email = StoredValue(cells[2]).string }
        var optedOut = false
        if case .integer(1) = StoredValue(cells[3]) { optedOut = true }
        contacts[id] = ListenerContact(displayName: name?.isEmpty == false ? name : nil, email: email, optedOut: optedOut)
      }
      return contacts
    }
  }
}

import EventStore

extension PostgresReader {
  /// The `users` rows of `ids` (see ``ListenerDirectory/contacts(_:)``), in one query.
  public func contacts(_ ids: [String]) throws -> [String: ListenerContact] {
    // Column names come from SchemaV1's constants, never from user text.
    let optOut = try SchemaV1.optOutExpression(
      present: columnNames(of: "users"), location: location)
    let rows = try connection.execute(
      "SELECT user_id::text, display_name, email, \(optOut) FROM users WHERE user_id::text = ANY($1)",
      parameters: [Self.arrayLiteral(ids)], table: "users")
    var contacts: [String: ListenerContact] = [:]
    for row in 0..<rows.count {
      guard let id = rows.value(row, 0).string else { continue }
      let name = rows.value(row, 1).string
      var email: String?
      if case .text = rows.value(row, 2) { email = rows.value(row, 2).string }
      let optedOut = rows.value(row, 3) == .integer(1)
      contacts[id] = ListenerContact(
        displayName: name?.isEmpty == false ? name : nil, email: email, optedOut: optedOut)
    }
    return contacts
  }
}

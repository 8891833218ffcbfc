import EventStore

extension SQLiteReader {
  /// The `users` rows of `ids` (see ``ListenerDirectory/contacts(_:)``), one primary-key lookup
  /// each.
  public func contacts(_ ids: [String]) throws -> [String: ListenerContact] {
    // Column names come from SchemaV1's constants, never from user text.
    let optOut = try SchemaV1.optOutExpression(present: columnNames(of: "users"), location: path)
    let statement = try RawStatement(
      db, sql: "SELECT display_name, email, \(optOut) FROM users WHERE user_id = ?")
    var contacts: [String: ListenerContact] = [:]
    for id in Set(ids) {
      statement.reset()
      statement.bind(1, id)
      guard try statement.step(db) else { continue }
      let name = statement.string(0)
      contacts[id] = ListenerContact(
        displayName: name?.isEmpty == false ? name : nil,
        email: statement.type(1) == CellKind.text ? statement.string(1) : nil,
        optedOut: statement.type(2) == CellKind.integer && statement.int64(2) == 1)
    }
    return contacts
  }
}

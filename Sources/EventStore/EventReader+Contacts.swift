extension EventReader {
  /// The `users` rows of `ids` (see ``EventSourceReader/contacts(_:)``), one primary-key lookup
  /// each.
  public func contacts(_ ids: [String]) throws -> [String: ListenerContact] {
    let present = try columnNames(of: "users")
    guard present.contains(SchemaV1.emailColumn) else {
      throw EventStoreError(
        .contractViolation, path: path, table: "users", column: SchemaV1.emailColumn,
        message: "table `users` in \(path) has no column `email`, which the weekly digest needs",
        hint: "add `email TEXT` to users (schema v1 has it), or a view that provides it")
    }
    // Column names come from SchemaV1's constants, never from user text.
    let optOut = present.contains(SchemaV1.optOutColumn) ? SchemaV1.optOutColumn : "0"
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

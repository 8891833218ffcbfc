import EventStore

extension MemorySource: ListenerDirectory {
  /// The id of every user with a non-empty one, in the order they were added.
  public func registeredUsers(_ body: (UnsafeRawBufferPointer) -> Void) {
    for user in users where !user.id.isEmpty {
      Array(user.id.utf8).withUnsafeBytes { body($0) }
    }
  }

  /// The non-empty display names of the given ids.
  public func displayNames(_ ids: [String]) -> [String: String] {
    var names: [String: String] = [:]
    for id in Set(ids) {
      if let name = user(id)?.displayName, !name.isEmpty { names[id] = name }
    }
    return names
  }

  /// The `users` row of each given id that has one (see ``ListenerDirectory/contacts(_:)``).
  public func contacts(_ ids: [String]) -> [String: ListenerContact] {
    var contacts: [String: ListenerContact] = [:]
    for id in Set(ids) {
      guard let user = user(id) else { continue }
      contacts[id] = ListenerContact(
        displayName: user.displayName?.isEmpty == false ? user.displayName : nil,
        email: user.email, optedOut: user.optedOut == true)
    }
    return contacts
  }

  /// The first `users` row whose id has the bytes of `id`.
  private func user(_ id: String) -> User? {
    users.first { $0.id.sameBytes(id) }
  }
}

/// The listener-directory role of a source: the `users` table — who is registered, their
/// display names, and how to reach them. What the user counts, the pages' labels and the weekly
/// digest read.
public protocol ListenerDirectory {
  /// The id of every row of `users` (an empty id left out), in no particular order: what the
  /// counts of registered and never-active listeners need (no sort, no names).
  func registeredUsers(_ body: (UnsafeRawBufferPointer) -> Void) throws

  /// Display names of the given user ids (those found in `users` with a non-empty name).
  func displayNames(_ ids: [String]) throws -> [String: String]

  /// The `users` row of each given id that has one: display name, email and opt-out, for the
  /// weekly digest. The optional column `email_opt_out` counts as 0 when the table lacks it.
  /// - Throws: ``EventStoreError`` when `users` has no `email` column.
  func contacts(_ ids: [String]) throws -> [String: ListenerContact]
}

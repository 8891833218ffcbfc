import Engine
import EventStore

extension EngineState {
  /// Adds a partial state of another, disjoint set of listeners (checked: a listener in both
  /// throws ``PartialStateError/Reason/listenersOverlap``).
  ///
  /// The other state's users follow this state's (its user `u` becomes `users.count + u`), its
  /// labels are interned here, and every accumulator merges its state
  /// (``AccumulatorGroup/merge(_:_:)``); issue and `users`-table counts add up. The cut, as-of time
  /// and partition count must already have been checked to be the same.
  mutating func merge(_ other: EngineState) throws(PartialStateError) {
    let offset = users.count
    for user in 0..<other.users.count {
      let index = other.users.bytes(at: Int32(user)).withUnsafeBytes { users.intern($0) }
      guard Int(index) == offset + user else { throw PartialStateError(.listenersOverlap) }
    }
    let labelMap = (0..<other.labels.count).map { label in
      other.labels.bytes(at: Int32(label)).withUnsafeBytes { labels.intern($0) }
    }
    issues.add(other.issues)
    registeredUsers += other.registeredUsers
    neverActiveUsers += other.neverActiveUsers
    registered.append(other.registered, offset: offset)
    engine.merge(
      other.engine, MergeMapping(userOffset: offset, users: other.users.count, labels: labelMap))
  }
}

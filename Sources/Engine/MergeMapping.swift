/// How the interned ids of a partial state map into the merged state, for
/// ``AccumulatorGroup/merge(_:_:)``.
///
/// Partitions hold disjoint sets of listeners, so the merged user interner is the partials'
/// interners one after the other: user `u` of a partial becomes `userOffset + u`, and every
/// per-user array is the partials' arrays laid end to end. Labels (`source`, `model`) are shared
/// between partitions and are interned again: ``labels`` maps each. Tracks and genres come from
/// the catalog, the same in every partial, and keep their indexes; terms are interned by
/// ``WordCounter`` itself, which remaps its own.
package struct MergeMapping {
  /// Users merged before this partial: its user `u` becomes `userOffset + u`.
  package let userOffset: Int
  /// The partial's users (its interner's count): indexes past it in a per-user array are unused
  /// spare capacity and are not copied.
  package let users: Int
  /// `[label]`: the merged index of each of the partial's labels.
  package let labels: [Int32]

  /// The mapping of a partial whose `users` listeners follow `userOffset` merged ones, and whose
  /// labels become `labels`.
  package init(userOffset: Int, users: Int, labels: [Int32]) {
    (self.userOffset, self.users, self.labels) = (userOffset, users, labels)
  }

  /// The merged index of the partial's user `user`.
  @inline(__always)
  package func user(_ user: Int32) -> Int32 { Int32(userOffset) + user }

  /// `merged` (a per-user array of the users merged so far) followed by the partial's `part`:
  /// `merged` is cut or padded with `empty` to ``userOffset`` entries, then the partial's first
  /// ``users`` entries (fewer if its array stopped early) are appended.
  package func appendUsers<Element>(_ part: [Element], to merged: inout [Element], empty: Element) {
    if merged.count > userOffset {
      merged.removeLast(merged.count - userOffset)
    } else if merged.count < userOffset {
      merged.append(contentsOf: repeatElement(empty, count: userOffset - merged.count))
    }
    merged.append(contentsOf: part.prefix(users))
  }
}

/// Adds `part` to `merged` element by element, growing `merged` with zeros when `part` is longer:
/// how every count indexed by window, day, track, genre or kind merges (a sum).
package func addCounts<Element: FixedWidthInteger>(_ part: [Element], to merged: inout [Element]) {
  if merged.count < part.count {
    merged.append(contentsOf: repeatElement(0, count: part.count - merged.count))
  }
  merged.withUnsafeMutableBufferPointer { merged in
    for index in part.indices { merged[index] &+= part[index] }
  }
}

extension PairLog {
  /// Whether `runs` can be merged by ``spliced(_:_:keepsTimes:after:report:)``: the first
  /// keeps every pair after `threshold` and holds at least four times the pairs of the others
  /// together, and none of the others is counted.
  static func canSplice(_ runs: [Run], after threshold: UInt32?) -> Bool {
    guard runs.count > 1, keepsEvery(runs[0], after: threshold) else { return false }
    let others = runs.dropFirst()
    return !others.contains(where: \.counted)
      && others.reduce(0) { $0 + $1.count } * 4 <= runs[0].count
  }

  /// Whether `run` is indexed and none of its stamps is at or before `threshold` (`nil`: none).
  static func keepsEvery(_ run: Run, after threshold: UInt32?) -> Bool {
    guard let index = run.index, index.isUsable else { return false }
    return threshold.map { index.minimumStamp > $0 } ?? true
  }

  /// The run that ``merged(_:keepsTimes:keeping:)`` writes from `base` and `others`, byte for
  /// byte, when every pair of `base` is kept (``canSplice(_:after:)``): the stretches of the
  /// users without a pair in `others` are copied as they are (``RunWriter/copy(_:users:)``),
  /// and only the others' stretches are merged pair by pair. A pair only `others` hold is kept
  /// when its stamp is after `threshold`.
  ///
  /// With `report`, calls it as ``mergeReportingNew(_:)`` does: for each user with a pair that
  /// `base` does not hold, with all of that user's pairs in key order, each marked new or not.
  static func spliced(
    _ base: Run, _ others: [Run], keepsTimes: Bool, after threshold: UInt32?,
    report: ((UnsafeBufferPointer<UserPair>) -> Void)? = nil
  ) -> Run {
    let (pairs, stamps) = latest(others, keepsTimes: keepsTimes)
    let index = base.index!
    // A rewritten stretch takes at most its old bytes, each new entry's and, for the first
    // entries of it and of the copied stretch after it, a varint written anew.
    let capacity =
      base.bytes.count + (pairs.count + 1) * (RunWriter.maximumEntryBytes + 20)
    // `report` unwrapped once, not per pair (an optional closure bound per pair is a retain and
    // a release per pair), and the groups the closure's own variable, not a captured one (whose
    // every access is checked at run time).
    let (reporting, body) = (report != nil, report ?? { _ in })
    return RunWriter.run(capacity: capacity, keepsTimes: keepsTimes, indexed: true) { writer in
      var groups = UserGroups()
      func write(_ pair: UInt64, _ stamp: UInt32, isNew: Bool) {
        writer.append(pair, stamp)
        if reporting { groups.add(pair, isNew: isNew, body) }
      }
      // The first user of `base` not written yet, and the first new pair not written yet.
      var copied = 0
      var next = 0
      while next < pairs.count {
        let user = pairs[next] >> 32
        var end = next
        while end < pairs.count && pairs[end] >> 32 == user { end += 1 }
        let position = index.position(of: UInt32(user), from: copied)
        writer.copy(base, users: copied..<position)
        let holds = position < index.count && UInt64(index.users[position]) == user
        var reader = RunReader(base, keepsTimes: keepsTimes, user: holds ? position : nil)
        var old = reader.next()
        while old != nil || next < end {
          if let (pair, stamp) = old, next == end || pair <= pairs[next] {
            if next < end && pair == pairs[next] {
              write(pair, max(stamp, stamps[next]), isNew: false)
              next += 1
            } else {
              write(pair, stamp, isNew: false)
            }
            old = reader.next()
          } else {
            if threshold.map({ stamps[next] > $0 }) ?? true {
              write(pairs[next], stamps[next], isNew: true)
            }
            next += 1
          }
        }
        copied = holds ? position + 1 : position
      }
      writer.copy(base, users: copied..<index.count)
      if reporting { groups.close(body) }
    }
  }

  /// The pairs of `runs`, each once with its latest stamp, in order.
  private static func latest(_ runs: [Run], keepsTimes: Bool) -> (
    pairs: [UInt64], stamps: [UInt32]
  ) {
    var pairs: [UInt64] = []
    var stamps: [UInt32] = []
    let sightings = runs.reduce(0) { $0 + $1.count }
    pairs.reserveCapacity(sightings)
    stamps.reserveCapacity(sightings)
    MergedRuns.forEach(runs, keepsTimes: keepsTimes) { pair, stamp, _ in
      pairs.append(pair)
      stamps.append(stamp)
    }
    return (pairs, stamps)
  }
}

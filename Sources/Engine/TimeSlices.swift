/// The stretches of time that moving edges passed over, as disjoint slices.
package enum TimeSlices {
  /// For each edge moved from `old[i]` to `new[i]` (never back), the times `(old[i], new[i]]`
  /// that it passed over, with overlapping or touching slices joined and empty ones dropped, in
  /// time order: every time passed over lies in exactly one slice, so a row is read once however
  /// many edges passed it.
  package static func passed(from old: [Int64], to new: [Int64]) -> [(after: Int64, through: Int64)]
  {
    precondition(old.count == new.count, "one new position per edge")
    let moved = zip(old, new).filter { $0.0 < $0.1 }.sorted { $0.0 < $1.0 }
    var slices: [(after: Int64, through: Int64)] = []
    for (after, through) in moved {
      if let last = slices.last, after <= last.through {
        slices[slices.count - 1].through = max(last.through, through)
      } else {
        slices.append((after, through))
      }
    }
    return slices
  }
}

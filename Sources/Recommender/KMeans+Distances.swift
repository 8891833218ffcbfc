extension KMeans {
  /// Squared Euclidean distance between row `i` of `a` and row `j` of `b`, summed dimension by
  /// dimension from 0.
  @inline(__always)
  static func distance(
    _ a: UnsafeBufferPointer<Double>, _ i: Int, _ b: UnsafeBufferPointer<Double>, _ j: Int, _ d: Int
  ) -> Double {
    var sum = 0.0
    for t in 0..<d {
      let delta = a[i &* d &+ t] - b[j &* d &+ t]
      sum += delta * delta
    }
    return sum
  }

  /// Moves point `i` out of cluster `old` into the empty cluster `new`, whose centre becomes it.
  static func relocate(
    _ p: UnsafeBufferPointer<Double>, _ i: Int, from old: Int, to new: Int, d: Int,
    _ sums: inout [Double], _ counts: inout [Int]
  ) {
    counts[old] -= 1
    for t in 0..<d { sums[old * d + t] -= p[i * d + t] }
    counts[new] = 1
    for t in 0..<d { sums[new * d + t] = p[i * d + t] }
  }
}

/// One restart's Lloyd iterations with Hamerly's bounds, as a value that can stop and go on: the
/// restarts first iterate until scikit-learn's tolerance, and only the kept one goes on until no
/// assignment changes.
///
/// Every point keeps an upper bound on the distance to its centre and a lower bound on the
/// distance to any other centre, both corrected by how far the centres moved; a point whose upper
/// bound is below its lower bound (and below half the distance from its centre to the nearest
/// other centre) cannot change cluster and is skipped. The assignments are Lloyd's — the bounds
/// only save distance computations (at this size, most of them) — except that a point exactly as
/// far from two centres stays where it was.
///
/// One iteration: an empty cluster takes the point farthest from its centre; every centre moves
/// to the mean of its points; every point is reassigned to its nearest centre. The per
/// cluster sums and counts are kept up to date point by point as points change cluster, in point
/// order, so the same start always gives the same result.
struct BoundedLloyd: Sendable {
  /// When ``run(_:until:maxIterations:)`` stops (besides the cap).
  enum Stop: Sendable, Equatable {
    /// When an iteration changes no assignment.
    case stable
    /// When an iteration changes no assignment, or when the sum over centres of the squared
    /// distance each centre moved in that iteration is at most this (scikit-learn's `tol` test).
    case shift(Double)
  }

  /// Points per row.
  let d: Int
  /// Number of centres.
  let k: Int
  /// The centres, `centroids[c * d + t]`.
  private(set) var centroids: [Double]
  /// Each point's centre.
  private(set) var assignments: [Int32]
  /// Iterations so far (the first assignment is not one).
  private(set) var iterations = 0
  /// Whether the last iteration changed no assignment (the centres are the means of their points
  /// and every point is at its nearest centre).
  private(set) var stable = false
  private var upper: [Double]
  private var lower: [Double]
  private var sums: [Double]
  private var counts: [Int]

  /// The first assignment from `start` (`k` rows of `d` values): every distance.
  init(_ p: UnsafeBufferPointer<Double>, d: Int, k: Int, centroids start: [Double]) {
    let n = d > 0 ? p.count / d : 0
    self.d = d
    self.k = k
    centroids = start
    assignments = [Int32](repeating: 0, count: n)
    upper = [Double](repeating: 0, count: n)
    lower = [Double](repeating: 0, count: n)
    sums = [Double](repeating: 0, count: k * d)
    counts = [Int](repeating: 0, count: k)
    let blocks = CentreBlocks(k: k, d: d)
    start.withUnsafeBufferPointer { blocks.load($0) }
    Self.withMutableBuffers(&assignments, &upper, &lower) { assigned, up, low in
      for i in 0..<n { (assigned[i], up[i], low[i]) = blocks.nearestTwo(p, i) }
    }
    for i in 0..<n {
      let c = Int(assignments[i])
      counts[c] += 1
      for t in 0..<d { sums[c * d + t] += p[i * d + t] }
    }
  }

  /// The sum of squared distances of the points `p` to their centres.
  func inertia(_ p: UnsafeBufferPointer<Double>) -> Double {
    centroids.withUnsafeBufferPointer { c in
      var total = 0.0
      for i in assignments.indices { total += KMeans.distance(p, i, c, Int(assignments[i]), d) }
      return total
    }
  }

  /// Iterates on the points `p` (the ones the value was made from) until `stop` or until
  /// ``iterations`` reaches `maxIterations`; nothing when already ``stable``.
  mutating func run(_ p: UnsafeBufferPointer<Double>, until stop: Stop, maxIterations: Int) {
    let threshold: Double
    switch stop {
    case .stable: threshold = -1
    case .shift(let value): threshold = value
    }
    let blocks = CentreBlocks(k: k, d: d)
    while !stable && iterations < maxIterations {
      iterations += 1
      let shift = iterate(p, blocks)
      if shift <= threshold { break }
    }
  }

  /// One iteration; returns the sum of the centres' squared moves.
  private mutating func iterate(_ p: UnsafeBufferPointer<Double>, _ blocks: CentreBlocks) -> Double
  {
    let (n, d, k) = (assignments.count, d, k)
    // An empty cluster takes the point farthest from its centre (ties: the first); a second
    // empty cluster the next farthest. Rare: the distances are only computed then.
    if counts.contains(0) {
      var distances = centroids.withUnsafeBufferPointer { c in
        (0..<n).map { KMeans.distance(p, $0, c, Int(assignments[$0]), d) }
      }
      for c in 0..<k where counts[c] == 0 {
        let far = distances.indices.max { distances[$0] < distances[$1] }!
        distances[far] = 0
        KMeans.relocate(p, far, from: Int(assignments[far]), to: c, d: d, &sums, &counts)
        assignments[far] = Int32(c)
        upper[far] = 0
        lower[far] = 0
      }
    }
    // New centres: the means of their points.
    var moved = [Double](repeating: 0, count: k)
    var shift = 0.0
    for c in 0..<k where counts[c] > 0 {
      var squared = 0.0
      for t in 0..<d {
        let value = sums[c * d + t] / Double(counts[c])
        let delta = value - centroids[c * d + t]
        squared += delta * delta
        centroids[c * d + t] = value
      }
      shift += squared
      moved[c] = squared.squareRoot()
    }
    centroids.withUnsafeBufferPointer { blocks.load($0) }
    // Bounds follow the centres: the own centre moved by moved[a]; any other by at most the
    // largest move of the others.
    var largest = 0
    for c in 1..<k where moved[c] > moved[largest] { largest = c }
    var second = 0.0
    for c in 0..<k where c != largest { second = max(second, moved[c]) }
    // What a point's lower bound drops by: the largest move of the centres other than its own.
    let drop = (0..<k).map { $0 == largest ? second : moved[largest] }
    // Half the distance from each centre to its nearest other centre.
    var half = [Double](repeating: .infinity, count: k)
    centroids.withUnsafeBufferPointer { c in
      for a in 0..<k {
        for b in (a + 1)..<max(a + 1, k) {
          let gap = KMeans.distance(c, a, c, b, d).squareRoot() / 2
          half[a] = min(half[a], gap)
          half[b] = min(half[b], gap)
        }
      }
    }
    var changed = false
    Self.withBuffers(moved, drop, half) { moved, drop, half in
      Self.withMutableBuffers(&assignments, &upper, &lower) { assigned, up, low in
        centroids.withUnsafeBufferPointer { c in
          sums.withUnsafeMutableBufferPointer { sums in
            counts.withUnsafeMutableBufferPointer { counts in
              for i in 0..<n {
                let a = Int(assigned[i])
                var u = up[i] + moved[a]
                let l = low[i] - drop[a]
                let bound = max(half[a], l)
                if u <= bound {
                  (up[i], low[i]) = (u, l)
                  continue
                }
                let own = KMeans.distance(p, i, c, a, d)
                u = own.squareRoot()
                if u <= bound {
                  (up[i], low[i]) = (u, l)
                  continue
                }
                let nearest = blocks.nearestTwo(p, i, keep: a, keepDistance: own)
                (assigned[i], up[i], low[i]) = nearest
                let now = Int(nearest.centre)
                if now != a {
                  changed = true
                  counts[a] -= 1
                  counts[now] += 1
                  for t in 0..<d {
                    sums[a &* d &+ t] -= p[i &* d &+ t]
                    sums[now &* d &+ t] += p[i &* d &+ t]
                  }
                }
              }
            }
          }
        }
      }
    }
    stable = !changed
    return shift
  }

  /// `body` with the three arrays' buffers.
  @inline(__always)
  private static func withBuffers<R>(
    _ a: [Double], _ b: [Double], _ c: [Double],
    _ body: (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>)
      -> R
  ) -> R {
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in c.withUnsafeBufferPointer { c in body(a, b, c) } }
    }
  }

  /// `body` with the per-point arrays' mutable buffers.
  @inline(__always)
  private static func withMutableBuffers<R>(
    _ a: inout [Int32], _ b: inout [Double], _ c: inout [Double],
    _ body: (
      UnsafeMutableBufferPointer<Int32>, UnsafeMutableBufferPointer<Double>,
      UnsafeMutableBufferPointer<Double>
    ) -> R
  ) -> R {
    a.withUnsafeMutableBufferPointer { a in
      b.withUnsafeMutableBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in body(a, b, c) }
      }
    }
  }
}

import Foundation

/// K-means clustering (Lloyd's algorithm) with k-means++ seeding, several seeded restarts, and
/// the restart of lowest inertia kept — the method scikit-learn's `KMeans` uses, so its inertia is
/// the reference for ours.
///
/// - Seeding: "greedy" k-means++ — the first centre is a uniformly random point; each next one is
///   the best of 2 + ⌊ln k⌋ candidates drawn with probability proportional to their squared
///   distance to the nearest centre so far (best = lowest resulting sum of squared distances).
/// - Iterations: assign every point to its nearest centre (ties: the lower centre index), move
///   each centre to the mean of its points, until no assignment changes or `maxIterations`. A
///   centre left without points moves to the point farthest from its own centre.
/// - Inertia: the sum over points of the squared Euclidean distance to their centre.
///
/// Points are rows of a flat array (`points[i * dimensions + d]`). Pure: the same points, k and
/// seed always give the same result.
public struct KMeans: Sendable {
  /// A clustering.
  public struct Result: Sendable, Equatable {
    /// The centres, `centroids[c * dimensions + d]`.
    public var centroids: [Double]
    /// Each point's cluster.
    public var assignments: [Int32]
    /// Sum of squared distances of points to their centres.
    public var inertia: Double
    /// Lloyd iterations of the kept restart.
    public var iterations: Int
  }

  /// Number of clusters (at most the number of points).
  public var clusters: Int
  /// Restarts from different seedings; the lowest inertia wins.
  public var restarts: Int
  /// The cap on Lloyd iterations per restart.
  public var maxIterations: Int
  /// The seed of the first restart (restart r uses seed + r).
  public var seed: UInt64

  /// A configuration; scikit-learn's defaults are 10 restarts and 300 iterations.
  public init(clusters: Int, restarts: Int = 10, maxIterations: Int = 300, seed: UInt64 = 17) {
    self.clusters = clusters
    self.restarts = max(1, restarts)
    self.maxIterations = max(1, maxIterations)
    self.seed = seed
  }

  /// Clusters `points` (rows of `dimensions` values).
  public func fit(_ points: [Double], dimensions: Int) -> Result {
    let n = dimensions > 0 ? points.count / dimensions : 0
    let k = min(clusters, n)
    guard k > 0 else { return Result(centroids: [], assignments: [], inertia: 0, iterations: 0) }
    // Restarts are independent: they run side by side on the machine's cores, and the lowest
    // inertia wins (ties: the earlier restart), so the result does not depend on the cores.
    let results = RestartResults(count: restarts)
    let (seed, maxIterations) = (self.seed, self.maxIterations)
    DispatchQueue.concurrentPerform(iterations: restarts) { restart in
      var random = SeededRandom(seed: seed &+ UInt64(restart))
      let start = Self.seedCentroids(points, n: n, d: dimensions, k: k, random: &random)
      results.set(
        restart,
        Self.lloyd(points, n: n, d: dimensions, k: k, centroids: start, maxIterations: maxIterations))
    }
    let all = results.values
    var best = all[0]
    for result in all.dropFirst() where result.inertia < best.inertia { best = result }
    return best
  }

  /// The restarts' results, written from several threads, one slot each.
  private final class RestartResults: @unchecked Sendable {
    private var slots: [Result?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ result: Result) { lock.withLock { slots[index] = result } }
    var values: [Result] { lock.withLock { slots.map { $0! } } }
  }

  /// Squared Euclidean distance between row `i` of `a` and row `j` of `b`.
  @inline(__always)
  static func distance(
    _ a: UnsafeBufferPointer<Double>, _ i: Int, _ b: UnsafeBufferPointer<Double>, _ j: Int, _ d: Int
  ) -> Double {
    var sum = 0.0
    for t in 0..<d {
      let delta = a[i * d + t] - b[j * d + t]
      sum += delta * delta
    }
    return sum
  }

  static func seedCentroids(
    _ points: [Double], n: Int, d: Int, k: Int, random: inout SeededRandom
  ) -> [Double] {
    var centroids: [Double] = []
    centroids.reserveCapacity(k * d)
    let first = Int(random.next() % UInt64(n))
    centroids.append(contentsOf: points[(first * d)..<(first * d + d)])
    let trials = 2 + Int(log(Double(k)))
    return points.withUnsafeBufferPointer { p in
      var closest = (0..<n).map { i in centroids.withUnsafeBufferPointer { distance(p, i, $0, 0, d) } }
      var potential = closest.reduce(0, +)
      for _ in 1..<k {
        var bestCandidate = -1
        var bestPotential = Double.infinity
        for _ in 0..<trials {
          let candidate = sample(closest, total: potential, random: &random)
          var total = 0.0
          closest.withUnsafeBufferPointer { near in
            for i in 0..<n { total += min(near[i], distance(p, i, p, candidate, d)) }
          }
          if total < bestPotential { (bestCandidate, bestPotential) = (candidate, total) }
        }
        closest.withUnsafeMutableBufferPointer { near in
          for i in 0..<n { near[i] = min(near[i], distance(p, i, p, bestCandidate, d)) }
        }
        centroids.append(contentsOf: p[(bestCandidate * d)..<(bestCandidate * d + d)])
        potential = bestPotential
      }
      return centroids
    }
  }

  /// A point drawn with probability `weights[i] / total` (uniformly when every weight is 0).
  static func sample(_ weights: [Double], total: Double, random: inout SeededRandom) -> Int {
    guard total > 0 else { return Int(random.next() % UInt64(weights.count)) }
    var target = random.unit() * total
    for (i, weight) in weights.enumerated() {
      target -= weight
      if target < 0 { return i }
    }
    return weights.lastIndex { $0 > 0 } ?? weights.count - 1
  }

  /// Lloyd's iterations with Hamerly's bounds: every point keeps an upper bound on the distance
  /// to its centre and a lower bound on the distance to any other centre, both corrected by how
  /// far the centres moved; a point whose upper bound is below its lower bound (and below half
  /// the distance from its centre to the nearest other centre) cannot change cluster and is
  /// skipped. The assignments are Lloyd's — the bounds only save distance computations (at this
  /// size, most of them) — except that a point exactly as far from two centres stays where it
  /// was.
  static func lloyd(
    _ points: [Double], n: Int, d: Int, k: Int, centroids start: [Double], maxIterations: Int
  ) -> Result {
    var centroids = start
    // Per point: cluster, upper and lower bound — raw buffers, as the loops below visit every
    // point in every iteration and array bounds checks would double their cost.
    let assignments = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
    let upper = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
    let lower = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
    defer {
      assignments.deallocate()
      upper.deallocate()
      lower.deallocate()
    }
    var iterations = 0
    points.withUnsafeBufferPointer { p in
      // The first assignment: every distance. Sums and counts per cluster are then kept up to
      // date point by point as points change cluster.
      centroids.withUnsafeBufferPointer { c in
        for i in 0..<n { nearestTwo(p, i, c, k, d, &assignments[i], &upper[i], &lower[i]) }
      }
      var (sums, counts) = clusterSums(p, Array(assignments), k: k, d: d)
      while iterations < maxIterations {
        iterations += 1
        // New centres: the means of their points; an empty one takes the farthest point.
        for c in 0..<k where counts[c] == 0 {
          let far = upper.indices.max { upper[$0] < upper[$1] }!
          relocate(p, far, from: Int(assignments[far]), to: c, d: d, &sums, &counts)
          assignments[far] = Int32(c)
          upper[far] = 0
          lower[far] = 0
        }
        var moved = [Double](repeating: 0, count: k)
        for c in 0..<k where counts[c] > 0 {
          var shift = 0.0
          for t in 0..<d {
            let value = sums[c * d + t] / Double(counts[c])
            let delta = value - centroids[c * d + t]
            shift += delta * delta
            centroids[c * d + t] = value
          }
          moved[c] = shift.squareRoot()
        }
        // Bounds follow the centres: the own centre moved by moved[a]; any other by at most the
        // largest move of the others.
        var largest = 0
        for c in 1..<k where moved[c] > moved[largest] { largest = c }
        var second = 0.0
        for c in 0..<k where c != largest { second = max(second, moved[c]) }
        for i in 0..<n {
          let a = Int(assignments[i])
          upper[i] += moved[a]
          lower[i] -= a == largest ? second : moved[largest]
        }
        // Half the distance from each centre to its nearest other centre.
        var half = [Double](repeating: .infinity, count: k)
        centroids.withUnsafeBufferPointer { c in
          for a in 0..<k {
            for b in (a + 1)..<max(a + 1, k) {
              let gap = distance(c, a, c, b, d).squareRoot() / 2
              half[a] = min(half[a], gap)
              half[b] = min(half[b], gap)
            }
          }
        }
        var changed = false
        centroids.withUnsafeBufferPointer { c in
          for i in 0..<n {
            let a = Int(assignments[i])
            let bound = max(half[a], lower[i])
            if upper[i] <= bound { continue }
            upper[i] = distance(p, i, c, a, d).squareRoot()
            if upper[i] <= bound { continue }
            nearestTwo(p, i, c, k, d, &assignments[i], &upper[i], &lower[i], keep: a)
            let now = Int(assignments[i])
            if now != a {
              changed = true
              counts[a] -= 1
              counts[now] += 1
              for t in 0..<d {
                sums[a * d + t] -= p[i * d + t]
                sums[now * d + t] += p[i * d + t]
              }
            }
          }
        }
        if !changed { break }
      }
    }
    let assigned = Array(assignments)
    return Result(
      centroids: centroids, assignments: assigned,
      inertia: inertia(points, centroids, assigned, d: d), iterations: iterations)
  }

  /// Point `i`'s nearest centre (ties: `keep` when it is among the nearest, else the lowest
  /// index), its distance and the distance to the second-nearest centre.
  @inline(__always)
  static func nearestTwo(
    _ p: UnsafeBufferPointer<Double>, _ i: Int, _ c: UnsafeBufferPointer<Double>, _ k: Int, _ d: Int,
    _ assignment: inout Int32, _ upper: inout Double, _ lower: inout Double, keep: Int = -1
  ) {
    var best = -1
    var bestDistance = Double.infinity
    var secondDistance = Double.infinity
    for j in 0..<k {
      let dist = distance(p, i, c, j, d)
      if dist < bestDistance || (dist == bestDistance && j == keep) {
        secondDistance = bestDistance
        (best, bestDistance) = (j, dist)
      } else if dist < secondDistance {
        secondDistance = dist
      }
    }
    assignment = Int32(best)
    upper = bestDistance.squareRoot()
    lower = secondDistance.squareRoot()
  }

  /// Plain Lloyd iterations, every distance every time: the reference the bounded version
  /// is tested against.
  static func lloydReference(
    _ points: [Double], n: Int, d: Int, k: Int, centroids start: [Double], maxIterations: Int
  ) -> Result {
    var centroids = start
    var assignments = [Int32](repeating: -1, count: n)
    var distances = [Double](repeating: 0, count: n)
    var iterations = 0
    points.withUnsafeBufferPointer { p in
      while iterations < maxIterations {
        iterations += 1
        var changed = false
        centroids.withUnsafeBufferPointer { c in
          for i in 0..<n {
            var nearest = 0
            var nearestDistance = distance(p, i, c, 0, d)
            for j in 1..<k {
              let dist = distance(p, i, c, j, d)
              if dist < nearestDistance { (nearest, nearestDistance) = (j, dist) }
            }
            distances[i] = nearestDistance
            if assignments[i] != Int32(nearest) {
              assignments[i] = Int32(nearest)
              changed = true
            }
          }
        }
        if !changed { break }
        // New centres: the means of their points; an empty one takes the farthest point.
        var (sums, counts) = clusterSums(p, assignments, k: k, d: d)
        for c in 0..<k where counts[c] == 0 {
          let far = distances.indices.max { distances[$0] < distances[$1] }!
          distances[far] = 0
          relocate(p, far, from: Int(assignments[far]), to: c, d: d, &sums, &counts)
          assignments[far] = Int32(c)
        }
        for c in 0..<k where counts[c] > 0 {
          for t in 0..<d { centroids[c * d + t] = sums[c * d + t] / Double(counts[c]) }
        }
      }
    }
    return Result(
      centroids: centroids, assignments: assignments,
      inertia: inertia(points, centroids, assignments, d: d), iterations: iterations)
  }

  /// Per cluster: the sum of its points' coordinates (`sums[c * d + t]`) and its point count.
  static func clusterSums(
    _ p: UnsafeBufferPointer<Double>, _ assignments: [Int32], k: Int, d: Int
  ) -> ([Double], [Int]) {
    var sums = [Double](repeating: 0, count: k * d)
    var counts = [Int](repeating: 0, count: k)
    for i in assignments.indices {
      let c = Int(assignments[i])
      counts[c] += 1
      for t in 0..<d { sums[c * d + t] += p[i * d + t] }
    }
    return (sums, counts)
  }

  /// The sum of squared distances of points to their centres.
  static func inertia(_ points: [Double], _ centroids: [Double], _ assignments: [Int32], d: Int)
    -> Double
  {
    points.withUnsafeBufferPointer { p in
      centroids.withUnsafeBufferPointer { c in
        assignments.indices.reduce(0.0) { $0 + distance(p, $1, c, Int(assignments[$1]), d) }
      }
    }
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

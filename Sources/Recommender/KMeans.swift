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
    var best: Result?
    for restart in 0..<restarts {
      var random = SeededRandom(seed: seed &+ UInt64(restart))
      let start = Self.seedCentroids(points, n: n, d: dimensions, k: k, random: &random)
      let result = Self.lloyd(points, n: n, d: dimensions, k: k, centroids: start, maxIterations: maxIterations)
      if best == nil || result.inertia < best!.inertia { best = result }
    }
    return best!
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
        var bestClosest: [Double] = []
        for _ in 0..<trials {
          let candidate = sample(closest, total: potential, random: &random)
          var updated = closest
          var total = 0.0
          for i in 0..<n {
            let dist = distance(p, i, p, candidate, d)
            if dist < updated[i] { updated[i] = dist }
            total += updated[i]
          }
          if total < bestPotential {
            (bestCandidate, bestPotential, bestClosest) = (candidate, total, updated)
          }
        }
        centroids.append(contentsOf: p[(bestCandidate * d)..<(bestCandidate * d + d)])
        (closest, potential) = (bestClosest, bestPotential)
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

  static func lloyd(
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
        var sums = [Double](repeating: 0, count: k * d)
        var counts = [Int](repeating: 0, count: k)
        for i in 0..<n {
          let c = Int(assignments[i])
          counts[c] += 1
          for t in 0..<d { sums[c * d + t] += p[i * d + t] }
        }
        for c in 0..<k where counts[c] == 0 {
          let far = distances.indices.max { distances[$0] < distances[$1] }!
          distances[far] = 0
          let old = Int(assignments[far])
          counts[old] -= 1
          for t in 0..<d { sums[old * d + t] -= p[far * d + t] }
          assignments[far] = Int32(c)
          counts[c] = 1
          for t in 0..<d { sums[c * d + t] = p[far * d + t] }
        }
        for c in 0..<k where counts[c] > 0 {
          for t in 0..<d { centroids[c * d + t] = sums[c * d + t] / Double(counts[c]) }
        }
      }
    }
    let inertia = points.withUnsafeBufferPointer { p in
      centroids.withUnsafeBufferPointer { c in
        (0..<n).reduce(0.0) { $0 + distance(p, $1, c, Int(assignments[$1]), d) }
      }
    }
    return Result(centroids: centroids, assignments: assignments, inertia: inertia, iterations: iterations)
  }
}

extension KMeans {
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
}

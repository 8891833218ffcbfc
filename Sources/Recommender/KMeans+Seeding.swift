import Foundation

extension KMeans {
  /// Greedy k-means++: `k` starting centres (`k` rows of `d` values) for the `n` rows of `points`.
  ///
  /// The first centre is a uniformly drawn point. Each next one: 2 + ⌊ln k⌋ candidates drawn
  /// with probability proportional to their squared distance to the nearest centre so far; the
  /// candidate that leaves the lowest sum of squared distances to the nearest centre wins (ties:
  /// the first drawn). Four candidates are measured in one pass over the points, one per SIMD
  /// lane; each lane adds its terms in point order, so every sum is the one a plain loop gives.
  static func seedCentroids(
    _ points: [Double], n: Int, d: Int, k: Int, random: inout SeededRandom
  ) -> [Double] {
    var centroids: [Double] = []
    centroids.reserveCapacity(k * d)
    let first = Int(random.next() % UInt64(n))
    centroids.append(contentsOf: points[(first * d)..<(first * d + d)])
    let trials = 2 + Int(log(Double(k)))
    return points.withUnsafeBufferPointer { p in
      var closest = (0..<n).map { i in
        centroids.withUnsafeBufferPointer { distance(p, i, $0, 0, d) }
      }
      var potential = closest.reduce(0, +)
      for _ in 1..<k {
        // Drawing does not depend on the measuring: all candidates first, then the sums.
        let candidates = (0..<trials).map { _ in sample(closest, total: potential, random: &random)
        }
        var bestCandidate = -1
        var bestPotential = Double.infinity
        for group in stride(from: 0, to: trials, by: 4) {
          let lanes = (0..<4).map { candidates[min(group + $0, trials - 1)] }
          let totals = closest.withUnsafeBufferPointer { potentials(p, d: d, closest: $0, lanes) }
          for lane in 0..<min(4, trials - group) where totals[lane] < bestPotential {
            (bestCandidate, bestPotential) = (lanes[lane], totals[lane])
          }
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

  /// For each of four candidate rows of `p`: the sum over rows i, in order, of the smaller of
  /// `closest[i]` and the squared distance from row i to the candidate.
  private static func potentials(
    _ p: UnsafeBufferPointer<Double>, d: Int, closest: UnsafeBufferPointer<Double>,
    _ candidates: [Int]
  ) -> SIMD4<Double> {
    // Dimension t of the four candidates in one vector.
    let coordinates = (0..<d).map { t in
      SIMD4(
        p[candidates[0] * d + t], p[candidates[1] * d + t], p[candidates[2] * d + t],
        p[candidates[3] * d + t])
    }
    return coordinates.withUnsafeBufferPointer { c in
      var totals = SIMD4<Double>.zero
      var row = p.baseAddress!
      for i in 0..<closest.count {
        var sum = SIMD4<Double>.zero
        for t in 0..<d {
          let delta = SIMD4(repeating: row[t]) - c[t]
          sum += delta * delta
        }
        let near = SIMD4(repeating: closest[i])
        totals += sum.replacing(with: near, where: near .< sum)
        row += d
      }
      return totals
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
}

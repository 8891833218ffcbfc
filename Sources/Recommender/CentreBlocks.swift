/// The centres laid out for the nearest-centre search: blocks of four centres, each block one
/// `SIMD4` per dimension, so that one point's squared distances to four centres take one
/// subtraction, multiplication and addition per dimension. The unused lanes of a last, partly
/// filled block are infinitely far away.
///
/// The squared distances are summed dimension by dimension from 0, as
/// ``KMeans/distance(_:_:_:_:_:)`` sums them, so they are the same numbers to the last bit.
/// One value serves one thread: it holds the scratch space the distances are written to.
final class CentreBlocks {
  /// `blocks[b * d + t]`: dimension t of centres 4b … 4b + 3.
  private let blocks: UnsafeMutableBufferPointer<SIMD4<Double>>
  /// One point's distances to every centre (and the unused lanes).
  private let distances: UnsafeMutableBufferPointer<SIMD4<Double>>
  private let k: Int
  private let d: Int

  /// Space for `k` centres of `d` dimensions; ``load(_:)`` fills it.
  init(k: Int, d: Int) {
    self.k = k
    self.d = d
    blocks = .allocate(capacity: (k + 3) / 4 * d)
    blocks.initialize(repeating: SIMD4(repeating: .infinity))
    distances = .allocate(capacity: (k + 3) / 4)
    distances.initialize(repeating: .zero)
  }

  deinit {
    blocks.deallocate()
    distances.deallocate()
  }

  /// Takes the centres `centroids[c * d + t]`.
  func load(_ centroids: UnsafeBufferPointer<Double>) {
    for c in 0..<k {
      for t in 0..<d { blocks[c / 4 * d + t][c % 4] = centroids[c * d + t] }
    }
  }

  /// Row `i` of `p`'s nearest centre (ties: `keep` when it is among the nearest, else the lowest
  /// index), its distance and the distance to the second-nearest centre (infinity when k = 1).
  /// `keepDistance` is the squared distance to `keep`, as ``KMeans/distance(_:_:_:_:_:)`` gives
  /// it.
  @inline(__always)
  func nearestTwo(
    _ p: UnsafeBufferPointer<Double>, _ i: Int, keep: Int = -1, keepDistance: Double = .nan
  ) -> (centre: Int32, distance: Double, second: Double) {
    let row = p.baseAddress! + i &* d
    var block = UnsafePointer(blocks.baseAddress!)
    for b in 0..<distances.count {
      var sum = SIMD4<Double>.zero
      for t in 0..<d {
        let delta = SIMD4(repeating: row[t]) - block[t]
        sum += delta * delta
      }
      distances[b] = sum
      block += d
    }
    let flat = UnsafeRawPointer(distances.baseAddress!).assumingMemoryBound(to: Double.self)
    var best = 0
    var bestDistance = flat[0]
    var secondDistance = Double.infinity
    // Without branches: the second nearest is the nearer of itself and the farther of the
    // nearest and this one.
    for j in 1..<k {
      let distance = flat[j]
      best = distance < bestDistance ? j : best
      secondDistance = min(secondDistance, max(bestDistance, distance))
      bestDistance = min(bestDistance, distance)
    }
    // A tie with the point's own centre keeps it.
    if keep >= 0 && keep != best && keepDistance == bestDistance {
      (best, secondDistance) = (keep, bestDistance)
    }
    return (Int32(truncatingIfNeeded: best), bestDistance.squareRoot(), secondDistance.squareRoot())
  }
}

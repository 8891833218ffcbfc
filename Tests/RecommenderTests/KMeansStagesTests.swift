import Foundation
import Testing

@testable import Recommender

/// How K-means stops (the tolerance stage, then the kept restart until stable), which restart it
/// keeps, and that the vectorised seeding and nearest-centre search give the plain loops'
/// numbers.
@Suite("K-means stages")
struct KMeansStagesTests {
  /// `n` rows of `d` values drawn uniformly from [−2, 2).
  static func points(n: Int, d: Int, seed: UInt64) -> [Double] {
    var random = SeededRandom(seed: seed)
    return (0..<(n * d)).map { _ in random.unit() * 4 - 2 }
  }

  @Test func theToleranceIsScaledByTheMeanFeatureVariance() {
    // Rows (0, 0) and (2, 4): the variances are (1² + 1²) ÷ 2 = 1 and (2² + 2²) ÷ 2 = 4, whose
    // mean is 2.5.
    #expect(KMeans.meanVariance([0, 0, 2, 4], n: 2, d: 2) == 2.5)
    // 1, 2, 3, 4: mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5; 5 ÷ 4 = 1.25.
    #expect(KMeans.meanVariance([1, 2, 3, 4], n: 4, d: 1) == 1.25)
  }

  @Test func anyShiftWithinAnInfiniteToleranceStopsAfterOneIteration() {
    let points = Self.points(n: 400, d: 3, seed: 1)
    var random = SeededRandom(seed: 2)
    let start = KMeans.seedCentroids(points, n: 400, d: 3, k: 5, random: &random)
    points.withUnsafeBufferPointer { p in
      var run = BoundedLloyd(p, d: 3, k: 5, centroids: start)
      run.run(p, until: .shift(.infinity), maxIterations: 300)
      #expect(run.iterations == 1)
    }
  }

  @Test func stoppingAtTheToleranceAndGoingOnIsRunningStraightToStable() {
    let (n, d, k) = (2_000, 3, 8)
    let points = Self.points(n: n, d: d, seed: 3)
    var random = SeededRandom(seed: 4)
    let start = KMeans.seedCentroids(points, n: n, d: d, k: k, random: &random)
    points.withUnsafeBufferPointer { p in
      var straight = BoundedLloyd(p, d: d, k: k, centroids: start)
      straight.run(p, until: .stable, maxIterations: 300)
      var staged = BoundedLloyd(p, d: d, k: k, centroids: start)
      staged.run(p, until: .shift(1e-3), maxIterations: 300)
      #expect(!staged.stable)
      #expect(staged.iterations < straight.iterations)
      staged.run(p, until: .stable, maxIterations: 300)
      #expect(staged.stable)
      #expect(staged.iterations == straight.iterations)
      #expect(staged.assignments == straight.assignments)
      #expect(staged.centroids == straight.centroids)
    }
  }

  @Test func theCapCountsBothStagesTogether() {
    let points = Self.points(n: 2_000, d: 3, seed: 3)
    let result = KMeans(clusters: 8, restarts: 2, maxIterations: 4).fit(points, dimensions: 3)
    #expect(result.iterations == 4)
  }

  @Test func theKeptRestartIsTheLowestInertiaAtTheToleranceGoingOnUntilStable() {
    // The first stage by hand: each restart r seeded from 17 + r, iterated until the centres'
    // squared moves sum to at most 1e-4 × the mean variance; the lowest inertia then goes on.
    let (n, d, k, restarts) = (1_500, 4, 7, 4)
    let points = Self.points(n: n, d: d, seed: 5)
    let threshold = 1e-4 * KMeans.meanVariance(points, n: n, d: d)
    let expected = points.withUnsafeBufferPointer { p in
      var best: (run: BoundedLloyd, inertia: Double)?
      for restart in 0..<restarts {
        var random = SeededRandom(seed: 17 + UInt64(restart))
        let start = KMeans.seedCentroids(points, n: n, d: d, k: k, random: &random)
        var run = BoundedLloyd(p, d: d, k: k, centroids: start)
        run.run(p, until: .shift(threshold), maxIterations: 300)
        let inertia = run.inertia(p)
        if best == nil || inertia < best!.inertia { best = (run, inertia) }
      }
      var kept = best!.run
      kept.run(p, until: .stable, maxIterations: 300)
      return kept
    }
    let result = KMeans(clusters: k, restarts: restarts).fit(points, dimensions: d)
    #expect(result.assignments == expected.assignments)
    #expect(result.centroids == expected.centroids)
    #expect(result.iterations == expected.iterations)
  }

  @Test func theKeptClusteringIsAFixedPointOfLloydsIterations() {
    // Stopped because no assignment changed: every centre is the mean of its points and every
    // point is at a nearest centre.
    let (n, d, k) = (1_200, 3, 6)
    let points = Self.points(n: n, d: d, seed: 6)
    let result = KMeans(clusters: k, restarts: 3).fit(points, dimensions: d)
    #expect(result.iterations < 300)
    points.withUnsafeBufferPointer { p in
      result.centroids.withUnsafeBufferPointer { c in
        for i in 0..<n {
          let own = KMeans.distance(p, i, c, Int(result.assignments[i]), d)
          #expect((0..<k).allSatisfy { own <= KMeans.distance(p, i, c, $0, d) })
        }
      }
    }
    for cluster in 0..<k {
      let members = (0..<n).filter { result.assignments[$0] == Int32(cluster) }
      for t in 0..<d {
        let mean = members.reduce(0.0) { $0 + points[$1 * d + t] } / Double(members.count)
        #expect(abs(mean - result.centroids[cluster * d + t]) < 1e-12)
      }
    }
  }

  @Test func theNearestTwoTakeTheLowerIndexOnTiesUnlessTheOwnCentreIsAmongThem() {
    // One dimension, centres 0, 2, 2, 5, 9, −1: a block of four and a partly filled one.
    let blocks = CentreBlocks(k: 6, d: 1)
    [0.0, 2, 2, 5, 9, -1].withUnsafeBufferPointer { blocks.load($0) }
    [1.0, 8.5].withUnsafeBufferPointer { p in
      // Point 1: squared distances 1, 1, 1, 16, 64, 4. Nearest: centre 0 (the lowest of the
      // three at 1); the second nearest is also 1 away.
      let plain = blocks.nearestTwo(p, 0)
      #expect(plain.centre == 0 && plain.distance == 1 && plain.second == 1)
      // Its own centre 2 is among the nearest: it stays.
      let kept = blocks.nearestTwo(p, 0, keep: 2, keepDistance: 1)
      #expect(kept.centre == 2 && kept.distance == 1 && kept.second == 1)
      // Point 8.5: squared distances 72.25, 42.25, 42.25, 12.25, 0.25, 90.25: centre 4 at 0.5,
      // then centre 3 at √12.25 = 3.5; its own centre 1 is not among the nearest.
      let far = blocks.nearestTwo(p, 1, keep: 1, keepDistance: 42.25)
      #expect(far.centre == 4 && far.distance == 0.5 && far.second == 3.5)
    }
  }

  @Test func theBlockedSearchGivesThePlainLoopsNumbers() {
    for (d, k) in [(5, 1), (5, 4), (5, 5), (9, 17), (2, 30)] {
      let points = Self.points(n: 300, d: d, seed: UInt64(d * 100 + k))
      let centres = Self.points(n: k, d: d, seed: UInt64(k))
      let blocks = CentreBlocks(k: k, d: d)
      centres.withUnsafeBufferPointer { blocks.load($0) }
      points.withUnsafeBufferPointer { p in
        centres.withUnsafeBufferPointer { c in
          for i in 0..<300 {
            // Plain: one centre after another, the first nearest kept.
            var (best, bestDistance, second) = (-1, Double.infinity, Double.infinity)
            for j in 0..<k {
              let distance = KMeans.distance(p, i, c, j, d)
              if distance < bestDistance {
                (second, best, bestDistance) = (bestDistance, j, distance)
              } else if distance < second {
                second = distance
              }
            }
            let found = blocks.nearestTwo(p, i)
            #expect(Int(found.centre) == best, "d \(d), k \(k), point \(i)")
            #expect(found.distance == bestDistance.squareRoot())
            #expect(found.second == second.squareRoot())
          }
        }
      }
    }
  }

  @Test func seedingFourCandidatesAtOnceGivesThePlainLoopsCentres() {
    // k = 60 draws 2 + ⌊ln 60⌋ = 6 candidates per centre: a group of four and one of two.
    for k in [1, 2, 5, 17, 60] {
      let (n, d) = (700, 5)
      let points = Self.points(n: n, d: d, seed: 7)
      var vectorised = SeededRandom(seed: 8)
      var plain = SeededRandom(seed: 8)
      #expect(
        KMeans.seedCentroids(points, n: n, d: d, k: k, random: &vectorised)
          == Self.plainSeeding(points, n: n, d: d, k: k, random: &plain), "k \(k)")
    }
  }

  /// Greedy k-means++ one candidate at a time, every sum a plain loop in point order.
  static func plainSeeding(
    _ points: [Double], n: Int, d: Int, k: Int, random: inout SeededRandom
  ) -> [Double] {
    points.withUnsafeBufferPointer { p in
      let first = Int(random.next() % UInt64(n))
      var chosen = [first]
      var closest = (0..<n).map { KMeans.distance(p, $0, p, first, d) }
      var potential = closest.reduce(0, +)
      for _ in 1..<k {
        var (bestCandidate, bestPotential) = (-1, Double.infinity)
        var candidates: [Int] = []
        for _ in 0..<(2 + Int(log(Double(k)))) {
          candidates.append(KMeans.sample(closest, total: potential, random: &random))
        }
        for candidate in candidates {
          var total = 0.0
          for i in 0..<n { total += min(closest[i], KMeans.distance(p, i, p, candidate, d)) }
          if total < bestPotential { (bestCandidate, bestPotential) = (candidate, total) }
        }
        for i in 0..<n { closest[i] = min(closest[i], KMeans.distance(p, i, p, bestCandidate, d)) }
        chosen.append(bestCandidate)
        potential = bestPotential
      }
      return chosen.flatMap { points[($0 * d)..<($0 * d + d)] }
    }
  }
}

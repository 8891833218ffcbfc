import Foundation
import Synchronization
import Workers

/// K-means clustering (Lloyd's algorithm) with k-means++ seeding, several seeded restarts, and
/// the restart of lowest inertia kept — the method scikit-learn's `KMeans` uses, so its inertia is
/// the reference for ours.
///
/// - Seeding: "greedy" k-means++ — the first centre is a uniformly random point; each next one is
///   the best of 2 + ⌊ln k⌋ candidates drawn with probability proportional to their squared
///   distance to the nearest centre so far (best = lowest resulting sum of squared distances).
///   Restart r draws from `SeededRandom(seed: seed + r)`.
/// - An iteration: a centre left without points moves to the point farthest from its own centre;
///   every centre moves to the mean of its points; every point is assigned to its nearest centre
///   (ties: the centre it had, else the lower centre index).
/// - Stopping, in two stages:
///   1. Every restart iterates until an iteration changes no assignment, or until the sum over
///      centres of the squared distance each centre moved in one iteration is at most
///      `tolerance` × the mean over features of the points' population variance (scikit-learn's
///      `tol` criterion, whose default is also 1e-4), or until `maxIterations`.
///   2. The restart of lowest inertia at that point (ties: the earlier restart) goes on iterating
///      until an iteration changes no assignment, or until it has made `maxIterations` in all.
///   So the kept clustering is a fixed point of Lloyd's iterations unless the cap was reached;
///   the other restarts stop where scikit-learn would.
/// - Inertia: the sum over points of the squared Euclidean distance to their centre.
///
/// The iterations skip most distance computations with Hamerly's bounds (`BoundedLloyd`) and
/// measure a point against four centres at a time (`CentreBlocks`); the assignments are those of
/// plain Lloyd iterations from the same start (the tests compare them). Restarts run side by side on the machine's cores, each one sequential, and the choice between
/// them depends only on their inertia and number; so the result never depends on the cores or
/// on thread scheduling. Points are rows of a flat array (`points[i * dimensions + d]`). Pure:
/// the same points, configuration and seed always give the same result.
public struct KMeans: Sendable {
  /// A clustering.
  public struct Result: Sendable, Equatable {
    /// The centres, `centroids[c * dimensions + d]`.
    public var centroids: [Double]
    /// Each point's cluster.
    public var assignments: [Int32]
    /// Sum of squared distances of points to their centres.
    public var inertia: Double
    /// Lloyd iterations of the kept restart, both stages together.
    public var iterations: Int

    /// A result as ``KMeans/fit(_:dimensions:)`` returned it (kept from an earlier fit).
    public init(centroids: [Double], assignments: [Int32], inertia: Double, iterations: Int) {
      self.centroids = centroids
      self.assignments = assignments
      self.inertia = inertia
      self.iterations = iterations
    }
  }

  /// Number of clusters (at most the number of points).
  public var clusters: Int
  /// Restarts from different seedings; the lowest inertia after the first stage wins.
  public var restarts: Int
  /// The cap on Lloyd iterations per restart (both stages together for the kept one).
  public var maxIterations: Int
  /// The seed of the first restart (restart r uses seed + r).
  public var seed: UInt64
  /// The first stage's relative tolerance: a restart stops when the sum of its centres' squared
  /// moves in one iteration is at most this × the mean variance of the features.
  public var tolerance: Double

  /// How the restarts run: one after the other unless the caller passes a parallel loop (at a
  /// lower priority for a clustering computed beside a build's scan). The result is the same
  /// either way.
  public var loop: IndexLoop = IndexLoops.serial

  /// A configuration; scikit-learn's defaults are 10 restarts, 300 iterations and a tolerance of
  /// 1e-4.
  public init(
    clusters: Int, restarts: Int = 10, maxIterations: Int = 300, seed: UInt64 = 17,
    tolerance: Double = 1e-4
  ) {
    self.clusters = clusters
    self.restarts = max(1, restarts)
    self.maxIterations = max(1, maxIterations)
    self.seed = seed
    self.tolerance = max(0, tolerance)
  }

  /// Clusters `points` (rows of `dimensions` values).
  public func fit(_ points: [Double], dimensions: Int) -> Result {
    let n = dimensions > 0 ? points.count / dimensions : 0
    let k = min(clusters, n)
    guard k > 0 else { return Result(centroids: [], assignments: [], inertia: 0, iterations: 0) }
    let threshold = tolerance * Self.meanVariance(points, n: n, d: dimensions)
    let best = BestRestart()
    let (seed, maxIterations) = (self.seed, self.maxIterations)
    let restart: @Sendable (Int) -> Void = { restart in
      points.withUnsafeBufferPointer { p in
        var random = SeededRandom(seed: seed &+ UInt64(restart))
        let start = Self.seedCentroids(points, n: n, d: dimensions, k: k, random: &random)
        var run = BoundedLloyd(p, d: dimensions, k: k, centroids: start)
        run.run(p, until: .shift(threshold), maxIterations: maxIterations)
        best.offer(run, inertia: run.inertia(p), restart: restart)
      }
    }
    loop(restarts, restart)
    var kept = best.run!
    return points.withUnsafeBufferPointer { p in
      kept.run(p, until: .stable, maxIterations: maxIterations)
      return Result(
        centroids: kept.centroids, assignments: kept.assignments, inertia: kept.inertia(p),
        iterations: kept.iterations)
    }
  }

  /// Lloyd iterations with Hamerly's bounds from `start` until no assignment changes or
  /// `maxIterations`: one restart without the tolerance stage.
  static func lloyd(
    _ points: [Double], n: Int, d: Int, k: Int, centroids start: [Double], maxIterations: Int
  ) -> Result {
    points.withUnsafeBufferPointer { all in
      let p = UnsafeBufferPointer(rebasing: all[0..<(n * d)])
      var run = BoundedLloyd(p, d: d, k: k, centroids: start)
      run.run(p, until: .stable, maxIterations: maxIterations)
      return Result(
        centroids: run.centroids, assignments: run.assignments, inertia: run.inertia(p),
        iterations: run.iterations)
    }
  }

  /// The mean over the `d` features of the population variance of `n` rows.
  static func meanVariance(_ points: [Double], n: Int, d: Int) -> Double {
    guard n > 0, d > 0 else { return 0 }
    var total = 0.0
    for t in 0..<d {
      var mean = 0.0
      for i in 0..<n { mean += points[i * d + t] }
      mean /= Double(n)
      var squares = 0.0
      for i in 0..<n {
        let delta = points[i * d + t] - mean
        squares += delta * delta
      }
      total += squares / Double(n)
    }
    return total / Double(d)
  }

  /// The best first-stage restart so far, offered from several threads: the lowest inertia,
  /// ties to the lower restart number, so the winner does not depend on the order of the offers.
  private final class BestRestart: Sendable {
    private let best = Mutex<(run: BoundedLloyd, inertia: Double, restart: Int)?>(nil)

    func offer(_ run: BoundedLloyd, inertia: Double, restart: Int) {
      best.withLock { best in
        if let best, (best.inertia, best.restart) < (inertia, restart) { return }
        best = (run, inertia, restart)
      }
    }

    var run: BoundedLloyd? { best.withLock { $0?.run } }
  }
}

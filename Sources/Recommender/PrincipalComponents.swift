/// The first two principal components of feature rows — for a "sound map" that places tracks or
/// cluster centroids on a plane. Built from the same standardised rows (z-scores) K-means
/// clusters, e.g. ``ContentRecommender/z``. Pure and deterministic: no randomness, and the same
/// rows always give the same numbers.
///
/// Definition, for n rows x₁ … xₙ of d values:
/// - mean m = (1/n) Σ xᵢ (about 0 for z-scores; subtracted all the same);
/// - covariance C = (1/n) Σ (xᵢ − m)(xᵢ − m)ᵀ, the *population* covariance (÷ n, not n − 1), a
///   d × d matrix;
/// - its eigenvalues λ₁ ≥ λ₂ ≥ … ≥ λ_d and unit eigenvectors, by the cyclic Jacobi method (see
///   `SymmetricEigen`); equal eigenvalues keep the order in which the method leaves them;
/// - component j is the unit eigenvector of λⱼ, with its sign fixed so that its loading of
///   largest absolute value is positive (of equally large ones, the first) — scikit-learn's
///   convention since 1.5, so the components match its `PCA().components_`;
/// - the explained-variance share of component j is λⱼ ÷ (λ₁ + … + λ_d), the trace of C (0 when
///   every row is the same);
/// - the projection of a point p is (x, y) = ((p − m) · component₁, (p − m) · component₂).
///
/// With one dimension there is no second component: `y` is always 0 and its share is 0.
/// With no rows, C is zero: the components are the first two axes and the shares are 0.
///
/// ```swift
/// let map = PrincipalComponents(rows: model.z, dimensions: model.dimensions)
/// let d = model.dimensions
/// let places = (0..<model.clusterCount).map { c in
///   map.project(model.clustering.centroids[(c * d)..<(c * d + d)])
/// }
/// ```
public struct PrincipalComponents: Sendable, Equatable {
  /// Values per row (d).
  public let dimensions: Int
  /// The mean of each feature over the rows, subtracted before projecting.
  public let means: [Double]
  /// The population covariance matrix, row-major: `covariance[i * dimensions + j]`.
  public let covariance: [Double]
  /// Every eigenvalue of ``covariance``, largest first (the variance along each component).
  public let eigenvalues: [Double]
  /// The first and second components (unit vectors of `dimensions` loadings, each with its
  /// largest loading positive); only the first when `dimensions` is 1, none when it is 0.
  public let components: [[Double]]
  /// Each component's share of the total variance, λⱼ ÷ trace, in the order of ``components``.
  public let explainedVarianceRatio: [Double]

  /// The components of the rows of `rows` (`rows[i * dimensions + t]`, as ``ContentRecommender/z``
  /// holds them).
  public init(rows: [Double], dimensions d: Int) {
    let n = d > 0 ? rows.count / d : 0
    dimensions = max(0, d)
    var means = [Double](repeating: 0, count: dimensions)
    for i in 0..<n { for t in 0..<d { means[t] += rows[i * d + t] } }
    if n > 0 { for t in 0..<d { means[t] /= Double(n) } }
    var covariance = [Double](repeating: 0, count: dimensions * dimensions)
    var centred = [Double](repeating: 0, count: dimensions)
    for i in 0..<n {
      for t in 0..<d { centred[t] = rows[i * d + t] - means[t] }
      for a in 0..<d {
        for b in a..<d { covariance[a * d + b] += centred[a] * centred[b] }
      }
    }
    for a in 0..<d {
      for b in a..<d {
        covariance[a * d + b] /= Double(max(n, 1))
        covariance[b * d + a] = covariance[a * d + b]
      }
    }
    self.means = means
    self.covariance = covariance

    let eigen = SymmetricEigen(covariance, dimensions: dimensions)
    // Largest eigenvalue first; equal ones keep their order.
    let order = (0..<dimensions).sorted {
      eigen.values[$0] != eigen.values[$1] ? eigen.values[$0] > eigen.values[$1] : $0 < $1
    }
    eigenvalues = order.map { eigen.values[$0] }
    let trace = eigenvalues.reduce(0, +)
    components = order.prefix(2).map { j in
      var vector = (0..<d).map { eigen.vectors[$0 * d + j] }
      var largest = 0
      for t in 1..<max(1, d) where abs(vector[t]) > abs(vector[largest]) { largest = t }
      if vector[largest] < 0 { vector = vector.map { -$0 } }
      return vector
    }
    explainedVarianceRatio = order.prefix(2).map { trace > 0 ? eigen.values[$0] / trace : 0 }
  }

  /// The place of `point` (`dimensions` values, e.g. a track's z-scores or a cluster centroid)
  /// on the map: its centred coordinates along the first and second component.
  public func project(_ point: some Collection<Double>) -> (x: Double, y: Double) {
    var coordinates = [0.0, 0.0]
    for (j, component) in components.enumerated() {
      for (t, value) in point.prefix(dimensions).enumerated() {
        coordinates[j] += (value - means[t]) * component[t]
      }
    }
    return (coordinates[0], coordinates[1])
  }
}

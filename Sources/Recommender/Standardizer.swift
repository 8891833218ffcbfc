/// Z-scores per feature with the catalog's mean and standard deviation, as scikit-learn's
/// `StandardScaler` computes them: z = (x − mean) ÷ sd, where sd is the population standard
/// deviation (divided by n, not n − 1). A feature with no spread (sd = 0) gets z = 0 for every
/// track: it cannot tell tracks apart.
public struct Standardizer: Sendable, Equatable {
  /// The mean of each feature.
  public let means: [Double]
  /// The population standard deviation of each feature (0 when every value is the same).
  public let deviations: [Double]

  /// Fits the means and deviations of `rows` (each row one track's raw values).
  public init(rows: [[Double]]) {
    self.init(values: rows.flatMap { $0 }, dimensions: rows.first?.count ?? 0)
  }

  /// Fits the means and deviations of `values` stored row by row, `dimensions` per row: the same
  /// numbers as ``init(rows:)`` for the same rows, to the last bit.
  public init(values: [Double], dimensions: Int) {
    var means = Array(repeating: 0.0, count: dimensions)
    var deviations = Array(repeating: 0.0, count: dimensions)
    let count = dimensions > 0 ? values.count / dimensions : 0
    let n = Double(max(count, 1))
    for row in 0..<count { for d in 0..<dimensions { means[d] += values[row * dimensions + d] } }
    for d in 0..<dimensions { means[d] /= n }
    for row in 0..<count {
      for d in 0..<dimensions {
        let delta = values[row * dimensions + d] - means[d]
        deviations[d] += delta * delta
      }
    }
    for d in 0..<dimensions { deviations[d] = (deviations[d] / n).squareRoot() }
    self.means = means
    self.deviations = deviations
  }

  /// The z-scores of one row.
  public func standardize(_ row: [Double]) -> [Double] {
    row.indices.map { d in deviations[d] > 0 ? (row[d] - means[d]) / deviations[d] : 0 }
  }

  /// The z-scores of `values` stored row by row, as ``standardize(_:)`` computes each row.
  public func standardize(values: [Double]) -> [Double] {
    let dimensions = means.count
    return values.indices.map { index in
      let d = index % dimensions
      return deviations[d] > 0 ? (values[index] - means[d]) / deviations[d] : 0
    }
  }
}

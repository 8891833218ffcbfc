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
    let dimensions = rows.first?.count ?? 0
    var means = Array(repeating: 0.0, count: dimensions)
    var deviations = Array(repeating: 0.0, count: dimensions)
    let n = Double(max(rows.count, 1))
    for row in rows { for d in 0..<dimensions { means[d] += row[d] } }
    for d in 0..<dimensions { means[d] /= n }
    for row in rows {
      for d in 0..<dimensions {
        let delta = row[d] - means[d]
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
}

import Testing

@testable import Recommender

/// Principal components worked out by hand.
@Suite("Principal components")
struct PrincipalComponentsTests {
  /// Four points, two along u = (0.6, 0.8) and two along v = (0.8, −0.6):
  /// (3, 4) = 5u, (−3, −4) = −5u, (2, −1.5) = 2.5v, (−2, 1.5) = −2.5v.
  static let rotated: [Double] = [3, 4, -3, -4, 2, -1.5, -2, 1.5]

  @Test func twoDimensionsByHand() throws {
    let map = PrincipalComponents(rows: Self.rotated, dimensions: 2)
    // Mean (0, 0). Covariance ÷ 4:
    //   xx = (9 + 9 + 4 + 4) / 4 = 6.5
    //   yy = (16 + 16 + 2.25 + 2.25) / 4 = 9.125
    //   xy = (12 + 12 − 3 − 3) / 4 = 4.5
    #expect(map.means == [0, 0])
    #expect(map.covariance == [6.5, 4.5, 4.5, 9.125])
    // Eigenvalues: trace 15.625, determinant 6.5 × 9.125 − 4.5² = 59.3125 − 20.25 = 39.0625,
    // so λ = (15.625 ± √(15.625² − 4 × 39.0625)) / 2 = (15.625 ± 9.375) / 2 = 12.5 and 3.125
    // (= 5² ÷ 2 along u and 2.5² ÷ 2 along v).
    #expect(abs(map.eigenvalues[0] - 12.5) < 1e-12)
    #expect(abs(map.eigenvalues[1] - 3.125) < 1e-12)
    // Components u = (0.6, 0.8) and v = (0.8, −0.6): each one's largest loading (0.8) positive.
    try Self.expect(map.components[0], [0.6, 0.8])
    try Self.expect(map.components[1], [0.8, -0.6])
    // Shares: 12.5 / 15.625 = 0.8 and 3.125 / 15.625 = 0.2.
    try Self.expect(map.explainedVarianceRatio, [0.8, 0.2])
    // Projections: (3, 4) · u = 1.8 + 3.2 = 5, · v = 2.4 − 2.4 = 0; (2, −1.5) · u = 1.2 − 1.2 = 0,
    // · v = 1.6 + 0.9 = 2.5; a centroid at (1, 1): 0.6 + 0.8 = 1.4 and 0.8 − 0.6 = 0.2.
    try Self.expect(map.project([3.0, 4]), (5, 0))
    try Self.expect(map.project([2.0, -1.5]), (0, 2.5))
    try Self.expect(map.project([1.0, 1]), (1.4, 0.2))
  }

  @Test func theMeanIsSubtractedBeforeProjecting() throws {
    // The same points moved by (10, −5): the same covariance and components; (13, −1) is (3, 4)
    // moved, so it lands where (3, 4) did.
    let moved = (0..<8).map { Self.rotated[$0] + ($0 % 2 == 0 ? 10 : -5) }
    let map = PrincipalComponents(rows: moved, dimensions: 2)
    try Self.expect(map.means, [10, -5])
    try Self.expect(map.components[0], [0.6, 0.8])
    try Self.expect(map.project([13.0, -1]), (5, 0))
  }

  @Test func theSignMakesTheLargestLoadingPositive() throws {
    // Mirrored data, (x, y) → (−x, y): the covariance's xy flips sign, the components become
    // (−0.6, 0.8) and (0.8, 0.6) — largest loading 0.8, positive in both — and a point's first
    // coordinate keeps its sign: (−3, 4) lands at (5, 0) as (3, 4) did before.
    let mirrored = (0..<8).map { $0 % 2 == 0 ? -Self.rotated[$0] : Self.rotated[$0] }
    let map = PrincipalComponents(rows: mirrored, dimensions: 2)
    try Self.expect(map.components[0], [-0.6, 0.8])
    try Self.expect(map.components[1], [0.8, 0.6])
    try Self.expect(map.project([-3.0, 4]), (5, 0))
  }

  @Test func threeDimensionsOrderedByVariance() throws {
    // Six points on the axes: (±3, 0, 0), (0, ±6, 0), (0, 0, ±4.5). Covariance ÷ 6 is diagonal:
    // 2 × 9 / 6 = 3, 2 × 36 / 6 = 12, 2 × 20.25 / 6 = 6.75; trace 21.75.
    let rows: [Double] = [3, 0, 0, -3, 0, 0, 0, 6, 0, 0, -6, 0, 0, 0, 4.5, 0, 0, -4.5]
    let map = PrincipalComponents(rows: rows, dimensions: 3)
    #expect(map.eigenvalues == [12, 6.75, 3])
    #expect(map.components == [[0, 1, 0], [0, 0, 1]])
    // 12 / 21.75 = 16/29 and 6.75 / 21.75 = 9/29.
    try Self.expect(map.explainedVarianceRatio, [16.0 / 29, 9.0 / 29])
    try Self.expect(map.project([1.0, 2, 3]), (2, 3))
  }

  @Test func jacobiRotatesAThreeByThreeMatrixToItsEigenvalues() throws {
    // [[2, 1, 0], [1, 2, 0], [0, 0, 5]]: the upper block has eigenvalues 2 ± 1 with vectors
    // (1, ±1)/√2; 5 stays with (0, 0, 1). Every eigenvector has length 1 and A v = λ v.
    let matrix: [Double] = [2, 1, 0, 1, 2, 0, 0, 0, 5]
    let eigen = SymmetricEigen(matrix, dimensions: 3)
    try Self.expect(eigen.values.sorted(), [1, 3, 5])
    for j in 0..<3 {
      let vector = (0..<3).map { eigen.vectors[$0 * 3 + j] }
      #expect(abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
      for r in 0..<3 {
        let product = (0..<3).reduce(0.0) { $0 + matrix[r * 3 + $1] * vector[$1] }
        #expect(abs(product - eigen.values[j] * vector[r]) < 1e-12)
      }
    }
  }

  @Test func degenerateInputs() throws {
    // No rows: a zero covariance, the first two axes, no variance to explain.
    let empty = PrincipalComponents(rows: [], dimensions: 3)
    #expect(empty.components == [[1, 0, 0], [0, 1, 0]])
    #expect(empty.explainedVarianceRatio == [0, 0])
    // One dimension: one component, y always 0.
    let line = PrincipalComponents(rows: [1, 2, 3], dimensions: 1)
    #expect(line.components == [[1]])
    try Self.expect(line.project([4.0]), (2, 0))
  }

  /// Values equal to within 1e-12.
  static func expect(_ actual: [Double], _ expected: [Double]) throws {
    try #require(actual.count == expected.count)
    for (a, e) in zip(actual, expected) { #expect(abs(a - e) < 1e-12, "\(actual) vs \(expected)") }
  }

  /// A projection equal to within 1e-12.
  static func expect(_ actual: (x: Double, y: Double), _ expected: (Double, Double)) throws {
    try expect([actual.x, actual.y], [expected.0, expected.1])
  }
}

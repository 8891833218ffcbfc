/// The eigenvalues and eigenvectors of a small symmetric matrix by the cyclic Jacobi method:
/// sweep over the off-diagonal entries (p, q) with p < q in row order, and rotate each one to
/// zero, until the off-diagonal part is negligible. No randomness and a fixed order of
/// operations, so the same matrix always gives the same numbers to the last bit.
///
/// A rotation in the (p, q) plane with θ = (a_qq − a_pp) / (2 a_pq), t = sign(θ) / (|θ| +
/// √(θ² + 1)) (sign(0) = +1), c = 1 / √(t² + 1) and s = t c zeroes a_pq: a_pp becomes
/// a_pp − t a_pq, a_qq becomes a_qq + t a_pq, and for every other r, a_rp becomes c a_rp − s a_rq
/// and a_rq becomes s a_rp + c a_rq. The same rotation applied to the columns of V (starting
/// from the identity) collects the eigenvectors.
///
/// Sweeps stop when the sum of squares of the off-diagonal entries is at most 10⁻³⁰ times that
/// of all entries, or after 100 sweeps (a handful suffice for the 5 to 9 audio features).
struct SymmetricEigen: Sendable, Equatable {
  /// The eigenvalues, in the order of the matrix's diagonal (not sorted).
  let values: [Double]
  /// The eigenvectors as columns: `vectors[r * dimensions + j]` is entry r of the vector of
  /// `values[j]`; each has length 1.
  let vectors: [Double]

  /// The decomposition of the symmetric `dimensions` × `dimensions` matrix `matrix` (row-major;
  /// only its symmetric part is meaningful).
  init(_ matrix: [Double], dimensions n: Int) {
    var a = matrix
    var v = [Double](repeating: 0, count: n * n)
    for i in 0..<n { v[i * n + i] = 1 }
    let total = a.reduce(0) { $0 + $1 * $1 }
    for _ in 0..<100 {
      var off = 0.0
      for p in 0..<n {
        for q in 0..<n where q != p { off += a[p * n + q] * a[p * n + q] }
      }
      if off <= 1e-30 * total { break }
      for p in 0..<n {
        for q in (p + 1)..<max(p + 1, n) where a[p * n + q] != 0 {
          Self.rotate(&a, &v, n: n, p: p, q: q)
        }
      }
    }
    values = (0..<n).map { a[$0 * n + $0] }
    vectors = v
  }

  /// One Jacobi rotation that makes a_pq (and a_qp) zero.
  private static func rotate(_ a: inout [Double], _ v: inout [Double], n: Int, p: Int, q: Int) {
    let apq = a[p * n + q]
    let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
    // For a huge θ, θ² would overflow; t ≈ 1 / (2θ) there.
    let t =
      abs(theta) > 1e150
      ? 1 / (2 * theta)
      : (theta < 0 ? -1.0 : 1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
    let c = 1 / (t * t + 1).squareRoot()
    let s = t * c
    for r in 0..<n where r != p && r != q {
      let (arp, arq) = (a[r * n + p], a[r * n + q])
      a[r * n + p] = c * arp - s * arq
      a[p * n + r] = a[r * n + p]
      a[r * n + q] = s * arp + c * arq
      a[q * n + r] = a[r * n + q]
    }
    a[p * n + p] -= t * apq
    a[q * n + q] += t * apq
    a[p * n + q] = 0
    a[q * n + p] = 0
    for r in 0..<n {
      let (vrp, vrq) = (v[r * n + p], v[r * n + q])
      v[r * n + p] = c * vrp - s * vrq
      v[r * n + q] = s * vrp + c * vrq
    }
  }
}

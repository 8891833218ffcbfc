/// How evenly a range's rated recommendations spread over the catalog. Feedback rows are the
/// *rated* recommendations: recommendations nobody rated are not in the log.
public struct QualityReport: Codable, Equatable, Sendable {
  /// Distinct catalog tracks with at least one rating in the range.
  public var ratedTracks: Int
  /// Rows in `tracks`.
  public var catalogTracks: Int
  /// Catalog coverage = ratedTracks ÷ catalogTracks; `nil` for an empty catalog.
  public var coverage: Double?
  /// The Gini coefficient of ratings across every catalog track (tracks without a rating count
  /// as 0): 0 when every track has as many ratings, towards 1 when a few tracks have them all.
  /// G = Σᵢ Σⱼ |xᵢ − xⱼ| ÷ (2 n² μ), computed as 2 Σᵢ i·x₍ᵢ₎ ÷ (n Σ x) − (n + 1) ÷ n over the
  /// counts sorted ascending (i = 1 … n); `nil` when the range has no rating.
  public var gini: Double?

  /// Creates a quality report.
  public init(ratedTracks: Int, catalogTracks: Int, coverage: Double?, gini: Double?) {
    self.ratedTracks = ratedTracks
    self.catalogTracks = catalogTracks
    self.coverage = coverage
    self.gini = gini
  }
}

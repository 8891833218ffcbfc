/// A comparison restricted to one recommendation source: the same overlap days, only the
/// ratings of recommendations seeded from that source.
public struct SourceComparison: Codable, Equatable, Sendable {
  /// The source's name, as on the "by source" chart.
  public var source: String
  /// Whether numbers are shown (``ComparisonStatus/compared``) or withheld for privacy.
  public var status: ComparisonStatus
  /// n for this source: listeners with a counted rating of A or B from it; `nil` when
  /// withheld.
  public var listeners: Int?
  /// A's and B's numbers for this source (their days are the whole comparison's).
  public var versions: [ComparedVersion]
  /// d, the intervals, the p-value and the verdict for this source.
  public var result: ComparisonResult

  /// Creates a per-source comparison.
  public init(
    source: String, status: ComparisonStatus, listeners: Int?, versions: [ComparedVersion],
    result: ComparisonResult
  ) {
    self.source = source
    self.status = status
    self.listeners = listeners
    self.versions = versions
    self.result = result
  }

  private enum CodingKeys: String, CodingKey { case source, status, listeners, versions }

  /// Decodes a comparison written by ``encode(to:)``.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    source = try container.decode(String.self, forKey: .source)
    status = try container.decode(ComparisonStatus.self, forKey: .status)
    listeners = try container.decodeIfPresent(Int.self, forKey: .listeners)
    versions = try container.decode([ComparedVersion].self, forKey: .versions)
    result = try ComparisonResult(from: decoder)
  }

  /// Writes every field, `null` for a missing one; the result's fields sit beside the others.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(source, forKey: .source)
    try container.encode(status, forKey: .status)
    try container.encode(listeners, forKey: .listeners)
    try container.encode(versions, forKey: .versions)
    try result.encode(to: encoder)
  }
}

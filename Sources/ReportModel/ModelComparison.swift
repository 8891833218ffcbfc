/// One comparison of two recommender model versions in a range, the way experimentation
/// platforms compare them: is B's like ratio higher or lower than A's, counting per listener and
/// only on the days on which both versions served?
///
/// Definitions (the same in the README and on the About page):
/// - **Versions compared**: every pair of versions the range's "by model version" chart shows
///   (at least `minUsers` raters in the range; "(not recorded)" is not a version). **A** is the
///   one whose first rating in the whole log is earlier (ties by name), **B** the other.
/// - **Overlap**: the local days of the range on which both A and B have at least one rating.
///   Only ratings on overlap days count. A pair without an overlap day is listed as never served
///   side by side, with each version's first and last day in the range, and no numbers.
/// - For the n listeners with a counted rating of A or B: likes and ratings per listener and
///   version; like ratios R_A, R_B; difference d = R_B − R_A; its variance V by the delta
///   method clustered by listener; the 95% interval d ± 1.959964·√V, the two-sided p-value of
///   d/√V, and the always-valid 95% interval (mSPRT, normal mixture, τ = 0.03); the verdict
///   reads only the always-valid interval. See the `Experiments` module for the formulas.
/// - **Privacy**: the numbers need at least `minUsers` listeners with counted ratings on each
///   side; otherwise the comparison is listed without them (``ComparisonStatus/tooFewListeners``).
///
/// In `report.json` every field is written, `null` where privacy or a missing overlap withholds
/// a number, so that a reader can tell a withheld comparison from an old report.
public struct ModelComparison: Codable, Equatable, Sendable {
  /// Version A's name (the earlier one).
  public var a: String
  /// Version B's name.
  public var b: String
  /// Whether numbers are shown, and if not, why.
  public var status: ComparisonStatus
  /// The days both versions served; `nil` when there is none.
  public var overlap: ComparisonOverlap?
  /// A's and B's numbers, in that order.
  public var versions: [ComparedVersion]
  /// d, the interval, the p-value and the verdict.
  public var result: ComparisonResult
  /// The same comparison restricted to each recommendation source (song, playlist, …) that has
  /// counted ratings of both versions, in the order of the "by source" chart.
  public var bySource: [SourceComparison]

  /// Creates a comparison.
  public init(
    a: String, b: String, status: ComparisonStatus, overlap: ComparisonOverlap?,
    versions: [ComparedVersion], result: ComparisonResult, bySource: [SourceComparison]
  ) {
    self.a = a
    self.b = b
    self.status = status
    self.overlap = overlap
    self.versions = versions
    self.result = result
    self.bySource = bySource
  }

  private enum CodingKeys: String, CodingKey {
    case a, b, status, overlap, versions, bySource
  }

  /// Decodes a comparison written by ``encode(to:)``.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    a = try container.decode(String.self, forKey: .a)
    b = try container.decode(String.self, forKey: .b)
    status = try container.decode(ComparisonStatus.self, forKey: .status)
    overlap = try container.decodeIfPresent(ComparisonOverlap.self, forKey: .overlap)
    versions = try container.decode([ComparedVersion].self, forKey: .versions)
    bySource = try container.decode([SourceComparison].self, forKey: .bySource)
    result = try ComparisonResult(from: decoder)
  }

  /// Writes every field, `null` for a missing one; the result's fields sit beside the others.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(a, forKey: .a)
    try container.encode(b, forKey: .b)
    try container.encode(status, forKey: .status)
    try container.encode(overlap, forKey: .overlap)
    try container.encode(versions, forKey: .versions)
    try container.encode(bySource, forKey: .bySource)
    try result.encode(to: encoder)
  }
}

/// Why a comparison has numbers or not.
public enum ComparisonStatus: String, Codable, Equatable, Sendable {
  /// Both versions served on at least one common day, and each side has at least `minUsers`
  /// listeners: the numbers are shown.
  case compared
  /// There is an overlap, but a side has fewer than `minUsers` listeners with counted ratings.
  case tooFewListeners
  /// No day of the range has ratings of both versions.
  case neverSideBySide
}

/// The days on which both versions of a comparison served.
public struct ComparisonOverlap: Codable, Equatable, Sendable {
  /// The first overlap day, a local date `YYYY-MM-DD`.
  public var firstDay: String
  /// The last overlap day.
  public var lastDay: String
  /// How many days of the range are overlap days (not necessarily consecutive).
  public var days: Int
  /// n: the listeners with at least one counted rating of A or B; `nil` when withheld.
  public var listeners: Int?

  /// Creates an overlap.
  public init(firstDay: String, lastDay: String, days: Int, listeners: Int?) {
    self.firstDay = firstDay
    self.lastDay = lastDay
    self.days = days
    self.listeners = listeners
  }

  private enum CodingKeys: String, CodingKey { case firstDay, lastDay, days, listeners }

  /// Writes every field, `null` for withheld listeners.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(firstDay, forKey: .firstDay)
    try container.encode(lastDay, forKey: .lastDay)
    try container.encode(days, forKey: .days)
    try container.encode(listeners, forKey: .listeners)
  }
}

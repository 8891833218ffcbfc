/// One consistent cut of an append-only history: the highest ids that existed when a build
/// started. Rows a writer appends later are outside the cut and wait for the next build.
public struct EventCut: Sendable, Equatable, Codable {
  /// The highest `activity.event_id` in the cut (0 when the table is empty).
  public var maxEventID: Int64
  /// The highest `feedback.feedback_id` in the cut (0 when the table is empty).
  public var maxFeedbackID: Int64

  /// Creates a cut.
  public init(maxEventID: Int64, maxFeedbackID: Int64) {
    self.maxEventID = maxEventID
    self.maxFeedbackID = maxFeedbackID
  }
}

/// A half-open slice `(after, through]` of one table's ids: what a scan reads.
public struct IDSpan: Sendable, Equatable, Codable {
  /// Rows with an id greater than this are read.
  public var after: Int64
  /// Rows with an id up to and including this are read.
  public var through: Int64

  /// Creates a span.
  public init(after: Int64, through: Int64) {
    self.after = after
    self.through = through
  }

  /// Every id up to `through`.
  public static func upTo(_ through: Int64) -> IDSpan { IDSpan(after: Int64.min, through: through) }
}

extension ActivityReport {
  /// `search` rows in the range: the dashboard's "Searches" card and the owners' email.
  public var searches: Int { byKind.first { $0.kind == "search" }?.events ?? 0 }
}

extension FeedbackReport {
  /// Likes plus dislikes: every valid `feedback` row in the range.
  public var ratings: Int { likes + dislikes }
}

extension PreviousRange {
  /// Likes plus dislikes in the range before.
  public var ratings: Int { likes + dislikes }
}

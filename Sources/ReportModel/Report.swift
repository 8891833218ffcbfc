/// Everything the site shows, as a plain value. Written to `report.json` (camelCase keys,
/// sorted, stable across builds of the same data) and rendered into pages by `SiteBuilder`.
///
/// Times are ISO 8601 in UTC; dates are local dates in ``timeZone``.
public struct Report: Codable, Equatable, Sendable {
  /// Bumped when a field changes meaning or disappears.
  public var formatVersion: Int
  /// The as-of time: the end of every range, ISO 8601 UTC; `nil` when there are no events yet.
  public var asOf: String?
  /// The IANA time zone that days, weekdays and hours are counted in.
  public var timeZone: String
  /// The as-of date in ``timeZone``.
  public var asOfDate: String?
  /// The fewest distinct users behind any published group (see ``FoldedGroups``).
  public var minUsers: Int
  /// What the catalog holds.
  public var catalog: CatalogSummary
  /// Listeners' last activity and recency.
  public var users: UsersReport
  /// Rows that broke the contract, by reason.
  public var dataQuality: DataQualityReport
  /// The three ranges.
  public var ranges: Ranges
  /// The catalog's sound clusters (none when no track has audio features); `nil` for an empty
  /// catalog.
  public var sound: SoundReport?
  /// Weekly retention cohorts as of the as-of time; `nil` without events.
  public var retention: RetentionReport?
  /// Listeners by lifecycle state in each of the last 12 complete weeks, oldest first; `nil`
  /// without events.
  public var lifecycle: [LifecycleWeek]?

  /// Creates a report.
  public init(
    formatVersion: Int = 1, asOf: String?, timeZone: String, asOfDate: String?, minUsers: Int,
    catalog: CatalogSummary, users: UsersReport, dataQuality: DataQualityReport, ranges: Ranges
  ) {
    self.formatVersion = formatVersion
    self.asOf = asOf
    self.timeZone = timeZone
    self.asOfDate = asOfDate
    self.minUsers = minUsers
    self.catalog = catalog
    self.users = users
    self.dataQuality = dataQuality
    self.ranges = ranges
  }

  /// The report of one range.
  public subscript(range: RangeKey) -> RangeReport { ranges[range] }
}

/// The three ranges, keyed `"7d"`, `"30d"` and `"all"` in JSON.
public struct Ranges: Codable, Equatable, Sendable {
  /// The last 7 days.
  public var days7: RangeReport
  /// The last 30 days.
  public var days30: RangeReport
  /// All time.
  public var all: RangeReport

  enum CodingKeys: String, CodingKey {
    case days7 = "7d"
    case days30 = "30d"
    case all
  }

  /// Creates the ranges.
  public init(days7: RangeReport, days30: RangeReport, all: RangeReport) {
    self.days7 = days7
    self.days30 = days30
    self.all = all
  }

  /// The report of one range.
  public subscript(range: RangeKey) -> RangeReport {
    get {
      switch range {
      case .days7: days7
      case .days30: days30
      case .all: all
      }
    }
    set {
      switch range {
      case .days7: days7 = newValue
      case .days30: days30 = newValue
      case .all: all = newValue
      }
    }
  }
}

/// The size of the catalog.
public struct CatalogSummary: Codable, Equatable, Sendable {
  /// Rows in `tracks`.
  public var tracks: Int
  /// Distinct genres in `track_genres`.
  public var genres: Int

  /// Creates a summary.
  public init(tracks: Int, genres: Int) {
    self.tracks = tracks
    self.genres = genres
  }
}

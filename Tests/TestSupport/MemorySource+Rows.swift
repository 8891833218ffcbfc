extension MemorySource {
  /// A `users` row.
  public struct User: Sendable {
    /// `user_id`.
    public var id: String
    /// `display_name`.
    public var displayName: String?
    /// `email`.
    public var email: String?
    /// `created_at`.
    public var createdAt: Int64?
    /// The optional column `email_opt_out` (1 for `true`); `nil` for NULL. The table has the
    /// column when some row gives a value.
    public var optedOut: Bool?

    /// Creates a row.
    public init(
      id: String, displayName: String? = nil, email: String? = nil, createdAt: Int64? = 0,
      optedOut: Bool? = nil
    ) {
      self.id = id
      self.displayName = displayName
      self.email = email
      self.createdAt = createdAt
      self.optedOut = optedOut
    }
  }

  /// A `tracks` row.
  public struct Track: Sendable {
    /// `track_id`.
    public var id: String
    /// `title`.
    public var title: String
    /// `artist`.
    public var artist: String
    /// `album`.
    public var album: String?
    /// Audio features by column name (``SchemaV1/audioFeatures``,
    /// ``SchemaV1/optionalFeatures``); a column left out is NULL. The table has an optional
    /// column when some row gives it a value.
    public var features: [String: Double]

    /// Creates a row.
    public init(
      id: String, title: String, artist: String, album: String? = nil,
      features: [String: Double] = [:]
    ) {
      self.id = id
      self.title = title
      self.artist = artist
      self.album = album
      self.features = features
    }
  }

  /// A `track_genres` row.
  public struct Genre: Sendable {
    /// `track_id`.
    public var track: String
    /// `genre`.
    public var genre: String

    /// Creates a row.
    public init(_ track: String, _ genre: String) {
      self.track = track
      self.genre = genre
    }
  }

  /// An `activity` row.
  public struct Activity: Sendable {
    /// `event_id`.
    public var id: Int64
    /// `user_id`.
    public var user: String?
    /// `kind`.
    public var kind: String?
    /// `occurred_at`, seconds or milliseconds.
    public var time: Int64?
    /// `query`.
    public var query: String?
    /// `track_id`.
    public var track: String?

    /// Creates a row.
    public init(
      id: Int64, user: String?, kind: String?, time: Int64?, query: String? = nil,
      track: String? = nil
    ) {
      self.id = id
      self.user = user
      self.kind = kind
      self.time = time
      self.query = query
      self.track = track
    }
  }

  /// A `feedback` row.
  public struct Feedback: Sendable {
    /// `feedback_id`.
    public var id: Int64
    /// `user_id`.
    public var user: String?
    /// `track_id`.
    public var track: String?
    /// `verdict`.
    public var verdict: Int64?
    /// `occurred_at`, seconds or milliseconds.
    public var time: Int64?
    /// `source`.
    public var source: String?
    /// `model`.
    public var model: String?

    /// Creates a row.
    public init(
      id: Int64, user: String?, track: String?, verdict: Int64?, time: Int64?,
      source: String? = nil, model: String? = nil
    ) {
      self.id = id
      self.user = user
      self.track = track
      self.verdict = verdict
      self.time = time
      self.source = source
      self.model = model
    }
  }
}

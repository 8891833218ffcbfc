/// What an `activity` row records.
public enum ActivityKind: UInt8, CaseIterable, Sendable, Codable, Comparable {
  /// The listener typed a search; `query` is the text, `track_id` the song picked, if any.
  case search
  /// The listener submitted a playlist; `query` is its title.
  case playlist
  /// The listener played a track.
  case play
  /// The listener logged in.
  case login
  /// Any other kind an app records; it counts as activity.
  case other

  /// The name used in the database and in `report.json`.
  public var name: String {
    switch self {
    case .search: "search"
    case .playlist: "playlist"
    case .play: "play"
    case .login: "login"
    case .other: "other"
    }
  }

  public static func < (lhs: ActivityKind, rhs: ActivityKind) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}

/// A reference to a track from an event row.
public enum TrackRef {
  /// The row names no track.
  public static let none: Int32 = -1
  /// The row names a track that is not in the catalog.
  public static let unknown: Int32 = -2
}

/// One valid `activity` row, as the scan hands it to its consumer.
///
/// Ids are interned: `user` indexes the scan's user ``ByteInterner`` and `track` indexes the
/// ``Catalog`` (or is ``TrackRef/none`` / ``TrackRef/unknown``). `query` points into SQLite's
/// row buffer and is valid only until the callback returns.
public struct ActivityRow {
  /// `event_id`.
  public var id: Int64
  /// The interned `user_id`.
  public var user: Int32
  /// The kind, normalised.
  public var kind: ActivityKind
  /// `occurred_at` in Unix seconds (repaired if it was stored in milliseconds).
  public var time: Int64
  /// The catalog index of `track_id`, or ``TrackRef/none`` / ``TrackRef/unknown``.
  public var track: Int32
  /// The bytes of `query` (UTF-8, not validated), or `nil`. Valid only inside the callback.
  public var query: UnsafeRawBufferPointer?

  /// Creates a row; the scan and tests use this.
  public init(
    id: Int64, user: Int32, kind: ActivityKind, time: Int64, track: Int32,
    query: UnsafeRawBufferPointer?
  ) {
    self.id = id
    self.user = user
    self.kind = kind
    self.time = time
    self.track = track
    self.query = query
  }
}

/// One valid `feedback` row, as the scan hands it to its consumer.
public struct FeedbackRow: Sendable {
  /// `feedback_id`.
  public var id: Int64
  /// The interned `user_id`.
  public var user: Int32
  /// The catalog index of `track_id` (feedback on unknown tracks is skipped).
  public var track: Int32
  /// `true` for a like (`verdict = 1`), `false` for a dislike (`verdict = -1`).
  public var isLike: Bool
  /// `occurred_at` in Unix seconds.
  public var time: Int64
  /// The interned `source`; NULL and empty are interned as `""`.
  public var source: Int32
  /// The interned `model`; NULL and empty are interned as `""`.
  public var model: Int32

  /// Creates a row; the scan and tests use this.
  public init(
    id: Int64, user: Int32, track: Int32, isLike: Bool, time: Int64, source: Int32, model: Int32
  ) {
    self.id = id
    self.user = user
    self.track = track
    self.isLike = isLike
    self.time = time
    self.source = source
    self.model = model
  }
}

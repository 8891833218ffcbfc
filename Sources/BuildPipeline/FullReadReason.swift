/// Why a build read every row instead of only the rows added since the build before.
///
/// Each case says what the saved state could not be trusted for; ``description`` is the phrase a
/// build prints after "read in full: ".
public enum FullReadReason: Sendable, Equatable, CustomStringConvertible {
  /// There was no saved state (the first build, or `--full`).
  case noSavedState
  /// The database has no valid event time yet: nothing to count incrementally.
  case noEvents
  /// The saved state could not be decoded.
  case damagedState
  /// The saved state was written by another version of TuneDash or on another machine.
  case otherVersion
  /// The options that shape the counts changed: time zone, stopwords, `--min-users`, `--as-of`.
  case optionsChanged
  /// The catalog (tracks or their genres) changed.
  case catalogChanged
  /// An event table's highest id went down: rows were deleted.
  case rowsDeleted
  /// The as-of time went back.
  case asOfWentBack
  /// More than 7 days passed since the last build: too many old rows would move between ranges.
  case tooOld
  /// A sampled row the last build read was rewritten or deleted.
  case historyRewritten
  /// The sampled rows could not be read back to be checked.
  case historyUnchecked
  /// A row a range edge passed over names a user or label the last build never saw.
  case movedRowsChanged
  /// The saved state counted another partition of the listeners (`--partition`).
  case partitionChanged
  /// A listener the saved state counted is no longer a row of `users` (an erasure, say).
  case listenersRemoved

  /// The reason in words, for the build's summary line.
  public var description: String {
    switch self {
    case .noSavedState: "there is no saved state"
    case .noEvents: "the database has no events yet"
    case .damagedState: "the saved state is damaged"
    case .otherVersion: "the saved state is from another version of TuneDash or another machine"
    case .optionsChanged: "the time zone, stopwords, --min-users or --as-of changed"
    case .catalogChanged: "the catalog (tracks or their genres) changed"
    case .rowsDeleted: "rows were deleted since the last build"
    case .asOfWentBack: "the latest event time went back"
    case .tooOld: "more than 7 days passed since the last build"
    case .historyRewritten: "rows read by the last build were changed or deleted"
    case .historyUnchecked: "the rows read by the last build could not be checked"
    case .movedRowsChanged: "rows read by the last build were changed"
    case .partitionChanged: "the saved state counted another partition of the listeners"
    case .listenersRemoved: "listeners were removed from the users table"
    }
  }

  /// Whether a user would expect this full read (a first build, or `--full`): such a build's
  /// summary line does not mention it.
  public var isExpected: Bool { self == .noSavedState }
}

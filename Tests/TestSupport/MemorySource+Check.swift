import EventStore

extension MemorySource: ContractCheckReader {
  /// The number of rows of `table` (0 for a table schema v1 does not name).
  public func rowCount(of table: String) -> Int {
    switch table {
    case "users": users.count
    case "tracks": tracks.count
    case "track_genres": genres.count
    case "activity": activity.count
    case "feedback": feedback.count
    default: 0
    }
  }

  /// `track_genres` rows whose track id is no track's.
  public func orphanGenreRows() -> Int {
    genres.count { pair in !tracks.contains { $0.id.sameBytes(pair.track) } }
  }

  /// Always `true`: rows in memory need no index to be found by time.
  public func hasTimeIndex(on table: String) -> Bool { true }
}

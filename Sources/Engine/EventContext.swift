/// What the engine works out once per row and hands to every accumulator: the windows the
/// row falls in, its local day, weekday and hour, and the genres of the track it names.
struct EventContext {
  var windows: Windows
  /// Local day number (days since 1970-01-01 in the report's time zone).
  var day: Int
  /// 0 = Monday … 6 = Sunday, local.
  var weekday: Int
  /// 0 … 23, local.
  var hour: Int
  /// The genres (indexes into the catalog's genre names) of the row's track; empty for an
  /// activity row that names no catalog track.
  var trackGenres: ArraySlice<Int32>
}

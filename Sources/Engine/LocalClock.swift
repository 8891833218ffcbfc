import ReportModel

/// Converts event times to local day, weekday and hour quickly when times arrive mostly in
/// order: it remembers the offset segment of the previous time.
struct LocalClock {
  private let rules: ZoneRules
  private var segmentStart: Int64 = 0
  private var segmentEnd: Int64 = -1
  private var offset: Int64 = 0

  init(_ rules: ZoneRules) { self.rules = rules }

  /// The local time's day number, and the seconds since local midnight.
  @inline(__always)
  mutating func local(_ time: Int64) -> (day: Int, secondOfDay: Int) {
    if time < segmentStart || time >= segmentEnd { locate(time) }
    let local = time + offset
    let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    return (Int(day), Int(local - day * 86_400))
  }

  private mutating func locate(_ time: Int64) {
    var low = 0
    var high = rules.starts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if rules.starts[mid] <= time { low = mid } else { high = mid - 1 }
    }
    segmentStart = rules.starts[low]
    segmentEnd = low + 1 < rules.starts.count ? rules.starts[low + 1] : Int64.max
    offset = Int64(rules.offsets[low])
  }
}

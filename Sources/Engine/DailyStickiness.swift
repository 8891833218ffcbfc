import Formatting
import ReportModel

/// Stickiness per local day, DAU ÷ MAU, from the active days ``RecentDays`` keeps.
///
/// Definitions: DAU of a day = distinct listeners with an event on that local day (the whole
/// day, also where a range edge cuts it); MAU = distinct listeners with an event in the 30 local
/// days ending that day. Known for the days whose 30 days all lie in the records: the as-of day
/// and the ``days`` − 1 days before it, which holds every day of the 7- and 30-day ranges and
/// of the ranges before them. All time has no stickiness: it would need every listener's every
/// active day.
struct DailyStickiness {
  /// The length of the MAU window, in days.
  static let monthDays = 30
  /// Days back from the as-of day with a value.
  static let days = RecentDays.span - monthDays + 1

  /// `[back]`: DAU and MAU of the day `lastDay − back`.
  private(set) var dau: [Int]
  private(set) var mau: [Int]

  /// Counts DAU and MAU of every day ``days`` back from the records' as-of day.
  init(_ recent: RecentDays) {
    dau = Array(repeating: 0, count: Self.days)
    mau = Array(repeating: 0, count: Self.days)
    let shown: UInt128 = (1 << Self.days) - 1
    for record in recent.active where record != 0 {
      Self.forEachBit(record & shown) { dau[$0] += 1 }
      Self.forEachBit(Self.month(record) & shown) { mau[$0] += 1 }
    }
  }

  /// The days on which the 30 days ending there hold an active day: bit *i* is set when any of
  /// bits *i* … *i* + 29 is. Doubling shifts: `sN` covers N days.
  static func month(_ days: UInt128) -> UInt128 {
    let s2 = days | days >> 1
    let s4 = s2 | s2 >> 2
    let s8 = s4 | s4 >> 4
    let s16 = s8 | s8 >> 8
    return s16 | s8 >> 16 | s4 >> 24 | s2 >> 28
  }

  @inline(__always)
  private static func forEachBit(_ bits: UInt128, _ body: (Int) -> Void) {
    var bits = bits
    while bits != 0 {
      body(bits.trailingZeroBitCount)
      bits &= bits &- 1
    }
  }

  /// DAU ÷ MAU of the day `back` days before the as-of day; `nil` outside the known days or
  /// without MAU.
  func value(back: Int) -> Double? {
    guard back >= 0, back < Self.days, mau[back] > 0 else { return nil }
    return Double(dau[back]) / Double(mau[back])
  }

  /// Sets ``DailyPoint/stickiness`` of the points at least half inside their range, and returns
  /// the mean of those values (`nil` when none has one).
  func fill(_ daily: inout [DailyPoint], lastDay: Int) -> Double? {
    var values: [Double] = []
    for index in daily.indices where (daily[index].coverage ?? 1) >= 0.5 {
      guard let day = CivilDate(iso: daily[index].date)?.dayNumber,
        let value = value(back: lastDay - day)
      else { continue }
      daily[index].stickiness = Rounding.ratio(value)
      values.append(value)
    }
    return values.isEmpty ? nil : Rounding.ratio(values.reduce(0, +) / Double(values.count))
  }
}

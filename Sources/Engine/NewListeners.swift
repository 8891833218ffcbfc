import Formatting
import ReportModel

/// New listeners per window and per local day, from the first events ``ListenerTenure`` keeps.
///
/// Definition: a listener is *new* in a range (or on a day within it) when their first event —
/// their earliest `activity` or `feedback` row over the whole history up to the as-of time —
/// falls in it. A day at a range's edge counts only the first events inside the range, as every
/// daily figure does. Computed at the finish from per-listener state, so a late row that moves a
/// first event earlier moves the listener to the right day and range.
struct NewListeners {
  /// `[slot]`: new listeners in each window.
  private var perSlot: [Int]
  /// Per local day: one field per window slot.
  private var perDay: DailyCounts

  /// Counts every listener's first event into the windows and the day it falls in.
  init(_ tenure: ListenerTenure, edges: WindowEdges, lastDay: Int) {
    perSlot = Array(repeating: 0, count: Windows.slots.count)
    perDay = DailyCounts(fields: Windows.slots.count, lastDay: lastDay)
    for (time, day) in zip(tenure.firstTime, tenure.firstDay) where time != Int64.max {
      forEachSlot(edges.windows(of: time)) { slot in
        perSlot[slot] += 1
        perDay.add(day: Int(day), field: slot)
      }
    }
  }

  /// New listeners in the window `slot`.
  func listeners(slot: Int) -> Int { perSlot[slot] }

  /// Sets ``DailyPoint/newListeners`` of every point of the window `slot`.
  func fill(_ daily: inout [DailyPoint], slot: Int) {
    for index in daily.indices {
      guard let day = CivilDate(iso: daily[index].date)?.dayNumber else { continue }
      daily[index].newListeners = perDay.value(day: day, field: slot)
    }
  }
}

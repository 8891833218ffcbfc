import ReportModel

/// The five windows an event can fall in, as bits: all time, the last 30 days and the 30
/// before them, the last 7 days and the 7 before them.
package struct Windows: OptionSet, Sendable {
  package let rawValue: UInt8

  package init(rawValue: UInt8) { self.rawValue = rawValue }

  package static let all = Windows(rawValue: 1 << 0)
  package static let current30 = Windows(rawValue: 1 << 1)
  package static let previous30 = Windows(rawValue: 1 << 2)
  package static let current7 = Windows(rawValue: 1 << 3)
  package static let previous7 = Windows(rawValue: 1 << 4)

  /// Window slots in a fixed order, for arrays of per-window state.
  package static let slots: [Windows] = [.all, .current30, .previous30, .current7, .previous7]

  /// The slot of the current window of `range`.
  package static func currentSlot(_ range: RangeKey) -> Int {
    switch range {
    case .all: 0
    case .days30: 1
    case .days7: 3
    }
  }

  /// The range whose current window is `slot` (0, 1 or 3).
  package static func range(ofSlot slot: Int) -> RangeKey {
    switch slot {
    case 1: .days30
    case 3: .days7
    default: .all
    }
  }

  /// The slot of the previous window of `range`; `nil` for `all`.
  package static func previousSlot(_ range: RangeKey) -> Int? {
    switch range {
    case .all: nil
    case .days30: 2
    case .days7: 4
    }
  }
}

/// The window edges of one as-of time, in calendar days of the report's time zone.
///
/// Definitions (the same on the About page, in the README and in `report.json`):
/// - The *as-of day* is the local day of the as-of time.
/// - An *N-day range* is the N local days ending with the as-of day: from the first second of
///   day `asOfDay − N + 1` through the as-of time. Every day of it is whole but the last, which
///   ends at the as-of time; so its daily charts have exactly N columns.
/// - Its *previous period* is the same stretch N days earlier: from the first second of day
///   `asOfDay − 2N + 1` through the same time of day on day `asOfDay − N` (as many seconds
///   after that day's start as the as-of time is after the as-of day's start, and never past
///   that day's end). Both periods then hold the same weekdays and the same hours of their last
///   day, so that a comparison is like with like whatever the time of the build. The seconds
///   between the previous period's end and the range's start belong to neither.
package struct WindowEdges: Sendable {
  /// The as-of time: the inclusive upper edge of every range.
  package let asOf: Int64
  /// Exclusive lower edges of the as-of day and of the last 7 and 30 days.
  private let current1: Int64
  private let current7: Int64
  private let current30: Int64
  /// Exclusive lower and inclusive upper edges of the 7 and 30 days' previous periods.
  private let previous7: (after: Int64, through: Int64)
  private let previous30: (after: Int64, through: Int64)

  /// The edges as of `asOf`, with days counted in `zone`.
  package init(asOf: Int64, zone: ZoneRules) {
    self.asOf = asOf
    let asOfDay = zone.localDay(asOf)
    let intoDay = asOf - zone.start(ofDay: asOfDay)
    func current(_ days: Int) -> Int64 { zone.start(ofDay: asOfDay - days + 1) - 1 }
    func previous(_ days: Int) -> (after: Int64, through: Int64) {
      let lastDay = asOfDay - days
      return (
        zone.start(ofDay: lastDay - days + 1) - 1,
        min(zone.start(ofDay: lastDay) + intoDay, zone.start(ofDay: lastDay + 1) - 1)
      )
    }
    current1 = current(1)
    current7 = current(7)
    current30 = current(30)
    previous7 = previous(7)
    previous30 = previous(30)
  }

  /// Exclusive lower edge of the last `days` days (1, 7 or 30).
  @inline(__always)
  package func start(days: Int) -> Int64 {
    switch days {
    case 1: current1
    case 7: current7
    case 30: current30
    default: preconditionFailure("no \(days)-day range")
    }
  }

  /// Exclusive lower and inclusive upper edges of the previous period of the last `days` days
  /// (7 or 30).
  package func previous(days: Int) -> (after: Int64, through: Int64) {
    days == 7 ? previous7 : previous30
  }

  /// Every edge that moves with the as-of time: an old row changes windows exactly when one of
  /// them passes over its time.
  package var movingEdges: [Int64] {
    [current7, previous7.after, previous7.through, current30, previous30.after, previous30.through]
  }

  /// The windows that an event at `time` (≤ `asOf`) falls in.
  @inline(__always)
  package func windows(of time: Int64) -> Windows {
    var windows: Windows = .all
    if time > current30 {
      windows.insert(.current30)
    } else if time > previous30.after && time <= previous30.through {
      windows.insert(.previous30)
    }
    if time > current7 {
      windows.insert(.current7)
    } else if time > previous7.after && time <= previous7.through {
      windows.insert(.previous7)
    }
    return windows
  }
}

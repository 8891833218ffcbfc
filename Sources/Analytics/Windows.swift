import ReportModel

/// The five windows an event can fall in, as bits: all time, the last 30 days and the 30
/// before them, the last 7 days and the 7 before them.
struct Windows: OptionSet, Sendable {
  let rawValue: UInt8

  static let all = Windows(rawValue: 1 << 0)
  static let current30 = Windows(rawValue: 1 << 1)
  static let previous30 = Windows(rawValue: 1 << 2)
  static let current7 = Windows(rawValue: 1 << 3)
  static let previous7 = Windows(rawValue: 1 << 4)

  /// Window slots in a fixed order, for arrays of per-window state.
  static let slots: [Windows] = [.all, .current30, .previous30, .current7, .previous7]

  /// The slot of the current window of `range`.
  static func currentSlot(_ range: RangeKey) -> Int {
    switch range {
    case .all: 0
    case .days30: 1
    case .days7: 3
    }
  }

  /// The range whose current window is `slot` (0, 1 or 3).
  static func range(ofSlot slot: Int) -> RangeKey {
    switch slot {
    case 1: .days30
    case 3: .days7
    default: .all
    }
  }

  /// The slot of the previous window of `range`; `nil` for `all`.
  static func previousSlot(_ range: RangeKey) -> Int? {
    switch range {
    case .all: nil
    case .days30: 2
    case .days7: 4
    }
  }
}

/// The window edges of one as-of time.
struct WindowEdges: Sendable, Equatable {
  let asOf: Int64

  /// Exclusive lower edge of the last `days` days.
  @inline(__always)
  func start(days: Int) -> Int64 { asOf - Int64(days) * 86_400 }

  /// The windows that an event at `time` (≤ `asOf`) falls in.
  @inline(__always)
  func windows(of time: Int64) -> Windows {
    var windows: Windows = .all
    let age = asOf - time
    if age < 30 * 86_400 {
      windows.insert(.current30)
    } else if age < 60 * 86_400 {
      windows.insert(.previous30)
    }
    if age < 7 * 86_400 {
      windows.insert(.current7)
    } else if age < 14 * 86_400 {
      windows.insert(.previous7)
    }
    return windows
  }
}

import Formatting

/// A time axis over local time, in seconds since 1970-01-01 local midnight (a Unix time plus
/// the zone's offset), so calendar days, weeks and months line up with the report's zone.
///
/// ``ticks(width:)`` picks the finest step — hours, days, weeks (Mondays), months, quarters or
/// years — whose labels do not collide at the axis's size.
public struct TimeScale: Sendable, Equatable {
  /// The first and last local second shown.
  public let start: Int64
  /// The last local second shown.
  public let end: Int64
  /// The pixel interval.
  public let range: (Double, Double)

  /// A scale over `[start, end]` local seconds.
  public init(start: Int64, end: Int64, range: (Double, Double)) {
    self.start = start
    self.end = max(end, start + 1)
    self.range = range
  }

  /// A scale over whole local days `firstDay … lastDay` (day numbers), each a slot.
  public init(firstDay: Int, lastDay: Int, range: (Double, Double)) {
    self.init(start: Int64(firstDay) * 86_400, end: Int64(lastDay + 1) * 86_400, range: range)
  }

  /// The pixel position of local second `time`.
  public func callAsFunction(_ time: Int64) -> Double {
    range.0 + Double(time - start) / Double(end - start) * (range.1 - range.0)
  }

  /// The centre of local day `day`'s slot.
  public func center(ofDay day: Int) -> Double { self(Int64(day) * 86_400 + 43_200) }

  /// The centre of `period`'s slot.
  public func center(of period: TimePeriod) -> Double { self((period.start + period.end) / 2) }

  /// The width of one day's slot.
  public var dayWidth: Double { 86_400 / Double(end - start) * (range.1 - range.0) }

  public static func == (lhs: TimeScale, rhs: TimeScale) -> Bool {
    lhs.start == rhs.start && lhs.end == rhs.end && lhs.range == rhs.range
  }

  /// A tick: where, and its label.
  public struct Tick: Sendable, Equatable {
    /// Local seconds.
    public let time: Int64
    /// The label: `18:00`, `20 Nov`, `Nov`, `Jan 2026`, `2026`.
    public let label: String
  }

  /// The step kinds, finest first.
  enum Step: CaseIterable {
    case hour1, hour3, hour6, hour12, day1, day2, week1, week2, month1, month2, month3, month6,
      year1
  }

  /// Ticks of the finest step whose labels (at `fontSize`) keep `gap` units apart.
  public func ticks(fontSize: Double = 11, gap: Double = 10) -> [Tick] {
    for step in Step.allCases {
      let ticks = ticks(step)
      guard ticks.count >= 2 || step == .year1 else { continue }
      if fits(ticks, fontSize: fontSize, gap: gap) { return ticks }
    }
    return Array(ticks(.year1).prefix(1))
  }

  private func fits(_ ticks: [Tick], fontSize: Double, gap: Double) -> Bool {
    guard ticks.count > 1 else { return true }
    let widest = ticks.map { FontMetrics.width(of: $0.label, size: fontSize) }.max() ?? 0
    let spacing =
      zip(ticks, ticks.dropFirst()).map { self($1.time) - self($0.time) }.min() ?? .infinity
    return spacing >= widest + gap && ticks.count <= 40
  }

  func ticks(_ step: Step) -> [Tick] {
    var ticks: [Tick] = []
    let firstDay = Int(floorDivide(start, 86_400))
    let lastDay = Int(floorDivide(end - 1, 86_400))
    switch step {
    case .hour1, .hour3, .hour6, .hour12:
      let hours: Int64 = step == .hour1 ? 1 : step == .hour3 ? 3 : step == .hour6 ? 6 : 12
      guard (end - start) / 3600 <= 24 * 14 else { return [] }
      var time = (start + hours * 3600 - 1) / (hours * 3600) * (hours * 3600)
      while time <= end {
        let secondOfDay = Int(time - floorDivide(time, 86_400) * 86_400)
        let label =
          secondOfDay == 0
          ? DateFormat.dayMonth(CivilDate(dayNumber: Int(floorDivide(time, 86_400))))
          : DateFormat.clock(secondsOfDay: secondOfDay)
        ticks.append(Tick(time: time, label: label))
        time += hours * 3600
      }
    case .day1, .day2, .week1, .week2:
      let every = step == .day1 ? 1 : step == .day2 ? 2 : step == .week1 ? 7 : 14
      guard lastDay - firstDay <= 400 * every else { return [] }
      for day in firstDay...lastDay {
        let date = CivilDate(dayNumber: day)
        let keep: Bool =
          switch step {
          case .day1: true
          case .day2: day % 2 == 0
          case .week1: date.weekday == 0
          default: date.weekday == 0 && (day / 7) % 2 == 0
          }
        if keep { ticks.append(Tick(time: Int64(day) * 86_400, label: DateFormat.dayMonth(date))) }
      }
    case .month1, .month2, .month3, .month6, .year1:
      let every =
        step == .month1 ? 1 : step == .month2 ? 2 : step == .month3 ? 3 : step == .month6 ? 6 : 12
      var date = CivilDate(dayNumber: firstDay)
      date = CivilDate(year: date.year, month: date.month, day: 1)
      var first = true
      while date.dayNumber <= lastDay {
        if date.dayNumber >= firstDay && (date.month - 1) % every == 0 {
          let label =
            every == 12
            ? String(date.year)
            : (first || date.month == 1)
              ? DateFormat.monthYear(date)
              : DateFormat.monthAbbreviations[date.month - 1]
          ticks.append(Tick(time: Int64(date.dayNumber) * 86_400, label: label))
          first = false
        }
        date =
          date.month == 12
          ? CivilDate(year: date.year + 1, month: 1, day: 1)
          : CivilDate(year: date.year, month: date.month + 1, day: 1)
      }
    }
    return ticks.filter { $0.time >= start && $0.time <= end }
  }

  private func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    a >= 0 ? a / b : (a - b + 1) / b
  }
}

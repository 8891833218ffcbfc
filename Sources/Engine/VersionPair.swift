import Experiments
import Formatting
import ReportModel

/// The local days of a range that a comparison looks at, as indexes into per-day flags: from
/// `first` (the range's first day, or for all time the earliest rated day) through `last` (the
/// as-of day).
struct DaySpan {
  /// The first day.
  let first: Int
  /// The last day.
  let last: Int

  /// The span from `first` (`nil`: the earliest day of any record) through `last`.
  init(first: Int?, last: Int, records: [[UInt64]]) {
    self.first =
      first ?? records.lazy.compactMap { $0.lazy.map(ModelExperiments.day).min() }.min() ?? last
    self.last = last
  }

  /// One flag per day of the span, all false.
  var empty: [Bool] { Array(repeating: false, count: max(0, last - first + 1)) }

  /// Flags the days of the span on which `records` have a rating.
  func mark(_ records: [UInt64], in served: inout [Bool]) {
    for record in records {
      let day = ModelExperiments.day(record)
      if day >= first && day <= last { served[day - first] = true }
    }
  }
}

/// Two model versions to compare in one range: A (the earlier first rating) and B, the days each
/// served in the range, and their overlap.
struct VersionPair {
  /// Version A's label.
  let a: Int32
  /// Version B's label.
  let b: Int32
  /// `[day − days.first]`: whether A, and B, have a rating that day.
  let served: (a: [Bool], b: [Bool])
  /// The range's days.
  let days: DaySpan
  /// `[day − days.first]`: whether both have.
  private let overlap: [Bool]

  /// The pair of `a` and `b`, which served on the days flagged in `served`.
  init(a: Int32, b: Int32, served: (a: [Bool], b: [Bool]), days: DaySpan) {
    self.a = a
    self.b = b
    self.served = served
    self.days = days
    overlap = zip(served.a, served.b).map { $0 && $1 }
  }

  /// The first and last overlap day and how many there are; `nil` without an overlap.
  var overlapSpan: (first: Int, last: Int, count: Int)? {
    guard let span = span(overlap) else { return nil }
    return (span.first, span.last, overlap.count { $0 })
  }

  /// Whether `day` is an overlap day.
  @inline(__always)
  func isOverlapDay(_ day: Int) -> Bool {
    let index = day - days.first
    return index >= 0 && index < overlap.count && overlap[index]
  }

  /// The first and last flagged day; `nil` when none is.
  func span(_ flags: [Bool]) -> (first: Int, last: Int)? {
    guard let first = flags.firstIndex(of: true), let last = flags.lastIndex(of: true) else {
      return nil
    }
    return (days.first + first, days.first + last)
  }

  /// A's and B's sides: their days in the range, and with `sums` their counted ratings.
  func versions(names: [String], sums: ComparisonSums?) -> [ComparedVersion] {
    [(a, served.a, sums?.a), (b, served.b, sums?.b)].map { label, flags, counts in
      let span = span(flags) ?? (days.last, days.last)
      let ratio = counts.flatMap { $0.ratings > 0 ? Double($0.likes) / Double($0.ratings) : nil }
      return ComparedVersion(
        model: names[Int(label)], firstDay: CivilDate(dayNumber: span.first).iso,
        lastDay: CivilDate(dayNumber: span.last).iso, listeners: counts?.listeners,
        likes: counts?.likes, ratings: counts?.ratings, likeRatio: ratio.map(Rounding.ratio))
    }
  }
}

import EventStore
import ReportModel

/// Each listener's first event, and the likes and dislikes by the rater's tenure.
///
/// Definitions: a listener's *first event* is their earliest `activity` or `feedback` row over
/// the whole history up to the as-of time (never only within a range). The *tenure* of a rating
/// is the number of whole local days from the day of the rater's first event to the day of the
/// rating: 0 is the first day; the buckets are 0, 1–6, 7–29 and 30 or more
/// (``TenureRating/bucket(days:)``).
///
/// State, per listener, not per event: the first event's time and local day, and the ratings
/// given within 30 days of the first day as known when they were read. A rating 30 days or more
/// after the first day known then stays in the last bucket whatever is read later (a first day
/// can only move earlier), so it is not kept: the last bucket is the range's ratings minus the
/// three others. What is kept is a listener's first month of ratings, at most.
struct ListenerTenure: Accumulator {
  static let stateVersion = 1

  func describe(into statistics: inout EngineStatistics) { statistics.userBytes += memory }

  /// `[user]`: the first event's time; `Int64.max` for a user without an event yet.
  private(set) var firstTime: [Int64] = []
  /// `[user]`: the first event's local day.
  private(set) var firstDay: [Int32] = []
  /// Ratings within 30 days of the rater's first day (as known when read): rater, local day,
  /// time stamp (``UserPairs/stamp(_:)``) and whether it was a like.
  private(set) var raters: [Int32] = []
  private(set) var days: [Int32] = []
  private(set) var stamps: [UInt32] = []
  private(set) var likes: [Bool] = []

  init(_ setup: AccumulatorSetup) {}

  init(decoding reader: inout BinaryReader, _ setup: AccumulatorSetup) throws {
    firstTime = try reader.readArray(Int64.self)
    firstDay = try reader.readArray(Int32.self)
    raters = try reader.readArray(Int32.self)
    days = try reader.readArray(Int32.self)
    stamps = try reader.readArray(UInt32.self)
    likes = try reader.readArray(UInt8.self).map { $0 != 0 }
    guard firstDay.count == firstTime.count,
      [days.count, stamps.count, likes.count].allSatisfy({ $0 == raters.count }),
      raters.allSatisfy({ $0 >= 0 && Int($0) < firstTime.count })
    else { throw StateError.damaged }
  }

  /// Writes the state, leaving out ratings that later rows moved into the last bucket.
  func encode(into writer: inout BinaryWriter) {
    let kept = raters.indices.filter { days[$0] < firstDay[Int(raters[$0])] + 30 }
    writer.write(firstTime)
    writer.write(firstDay)
    writer.write(kept.map { raters[$0] })
    writer.write(kept.map { days[$0] })
    writer.write(kept.map { stamps[$0] })
    writer.write(kept.map { likes[$0] ? UInt8(1) : 0 })
  }

  /// The memory the state holds.
  var memory: Int { firstTime.count * 12 + raters.count * 13 }

  /// First events, per user, laid end to end; the early ratings of the other listeners are
  /// appended with their users moved.
  mutating func merge(_ other: ListenerTenure, _ mapping: MergeMapping) {
    mapping.appendUsers(other.firstTime, to: &firstTime, empty: Int64.max)
    mapping.appendUsers(other.firstDay, to: &firstDay, empty: Int32.max)
    raters += other.raters.map(mapping.user)
    days += other.days
    stamps += other.stamps
    likes += other.likes
  }

  @inline(__always)
  private mutating func see(user: Int32, time: Int64, day: Int) {
    let u = Int(user)
    if u >= firstTime.count {
      let extra = max(u + 1 - firstTime.count, firstTime.count / 2 + 64)
      firstTime.append(contentsOf: repeatElement(Int64.max, count: extra))
      firstDay.append(contentsOf: repeatElement(Int32.max, count: extra))
    }
    if time < firstTime[u] {
      firstTime[u] = time
      firstDay[u] = Int32(day)
    }
  }

  @inline(__always)
  func prefetch(user: Int32, track: Int32) {
    Engine.prefetch(firstTime, Int(user))
    Engine.prefetch(firstDay, Int(user))
  }

  @inline(__always)
  mutating func add(_ row: ActivityRow, _ event: EventContext) {
    see(user: row.user, time: row.time, day: event.day)
  }

  @inline(__always)
  mutating func add(_ row: FeedbackRow, _ event: EventContext) {
    see(user: row.user, time: row.time, day: event.day)
    guard event.day < Int(firstDay[Int(row.user)]) + 30 else { return }
    raters.append(row.user)
    days.append(Int32(event.day))
    stamps.append(UserPairs.stamp(row.time))
    likes.append(row.isLike)
  }

  /// `[slot][bucket]`: likes and dislikes by tenure in each window; the last bucket from the
  /// window's totals.
  func byTenure(edges: WindowEdges, feedback: FeedbackTally) -> [[TenureRating]] {
    var counts = Array(
      repeating: Array(repeating: (likes: 0, dislikes: 0), count: 4), count: Windows.slots.count)
    for index in raters.indices {
      let tenure = Int(days[index]) - Int(firstDay[Int(raters[index])])
      let bucket = TenureRating.bucket(days: tenure)
      guard bucket < 3 else { continue }
      forEachSlot(edges.windows(of: UserPairs.time(stamps[index]))) { slot in
        if likes[index] {
          counts[slot][bucket].likes += 1
        } else {
          counts[slot][bucket].dislikes += 1
        }
      }
    }
    return counts.indices.map { slot in
      let totals = feedback.totals(slot: slot)
      let early = counts[slot][0..<3]
      counts[slot][3] = (
        totals.likes - early.reduce(0) { $0 + $1.likes },
        totals.dislikes - early.reduce(0) { $0 + $1.dislikes }
      )
      return (0..<4).map {
        TenureRating(bucket: $0, likes: counts[slot][$0].likes, dislikes: counts[slot][$0].dislikes)
      }
    }
  }

  /// Adds the likes and dislikes by tenure to every range's quality figures.
  func finish(into report: inout Report, _ context: FinishContext) throws {
    let buckets = byTenure(edges: context.setup.edges, feedback: context.feedback)
    for range in RangeKey.allCases {
      report.ranges[range].quality?.byTenure = buckets[Windows.currentSlot(range)]
    }
  }
}

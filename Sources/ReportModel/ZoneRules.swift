import Foundation

/// The UTC offsets of one IANA time zone over a span of time, as a sorted list of transitions,
/// so bucketing millions of events into local days and hours needs no calendar calls.
///
/// Built once from the system's time zone database; after that, pure.
public struct ZoneRules: Sendable, Equatable {
  /// The IANA identifier, e.g. `Europe/Paris`.
  public let identifier: String
  /// `starts[i]` is the first Unix second at which `offsets[i]` applies; `starts[0]` is `Int64.min`.
  package let starts: [Int64]
  /// UTC offsets in seconds.
  package let offsets: [Int32]

  /// UTC, with no transitions.
  public static let utc = ZoneRules(identifier: "UTC", starts: [Int64.min], offsets: [0])

  package init(identifier: String, starts: [Int64], offsets: [Int32]) {
    self.identifier = identifier
    self.starts = starts
    self.offsets = offsets
  }

  /// The rules of `identifier` between 2000 and 2100; `nil` if the system does not know it.
  public init?(identifier: String) {
    if identifier == "UTC" || identifier == "Etc/UTC" {
      self = .utc
      return
    }
    guard let zone = TimeZone(identifier: identifier) else { return nil }
    var starts: [Int64] = [Int64.min]
    var offsets: [Int32] = [
      Int32(zone.secondsFromGMT(for: Date(timeIntervalSince1970: 946_684_800)))
    ]
    var cursor = Date(timeIntervalSince1970: 946_684_800)
    let end = Date(timeIntervalSince1970: 4_102_444_800)
    while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end {
      let offset = Int32(zone.secondsFromGMT(for: next))
      if offset != offsets.last {
        starts.append(Int64(next.timeIntervalSince1970))
        offsets.append(offset)
      }
      cursor = next
    }
    self.init(identifier: identifier, starts: starts, offsets: offsets)
  }

  /// The UTC offset in seconds at Unix time `time`.
  public func offset(at time: Int64) -> Int {
    var low = 0
    var high = starts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if starts[mid] <= time { low = mid } else { high = mid - 1 }
    }
    return Int(offsets[low])
  }

  /// The Unix time at which local day `day` begins (its first second).
  public func start(ofDay day: Int) -> Int64 {
    let localMidnight = Int64(day) * 86_400
    var guess = localMidnight - Int64(offset(at: localMidnight))
    guess = localMidnight - Int64(offset(at: guess))
    // In a gap (midnight skipped by a transition) the day starts at the transition.
    while localDay(guess - 1) == day { guess -= 3600 }
    while localDay(guess) < day { guess += 1 }
    return guess
  }

  /// The local day number (days since 1970-01-01 in this zone) of `time`.
  public func localDay(_ time: Int64) -> Int {
    let local = time + Int64(offset(at: time))
    return Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
  }
}

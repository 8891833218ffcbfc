import ReportModel
import Testing

@Suite("Wilson intervals and time zones")
struct WilsonAndZoneTests {
  @Test func wilsonIntervalMatchesTheFormula() throws {
    // 7 of 10, z = 1.96: p = 0.7, centre = (0.7 + 0.19208) / 1.38416 = 0.644492,
    // margin = 1.96 / 1.38416 × √(0.021 + 0.009604) = 0.247719.
    let interval = try #require(WilsonInterval(successes: 7, trials: 10))
    #expect(abs(interval.lower - 0.396773) < 1e-6)
    #expect(abs(interval.upper - 0.892211) < 1e-6)
  }

  @Test func wilsonIntervalStaysInsideZeroAndOne() throws {
    let none = try #require(WilsonInterval(successes: 0, trials: 3))
    #expect(none.lower == 0)
    let all = try #require(WilsonInterval(successes: 3, trials: 3))
    #expect(all.upper == 1)
    #expect(WilsonInterval(successes: 0, trials: 0) == nil)
  }

  @Test func parisSwitchesToSummerTimeOnTheLastSundayOfMarch() throws {
    let paris = try #require(ZoneRules(identifier: "Europe/Paris"))
    // 2026-03-29T01:00:00Z is when Paris moves from UTC+1 to UTC+2.
    let change: Int64 = 1_774_746_000
    #expect(paris.offset(at: change - 1) == 3600)
    #expect(paris.offset(at: change) == 7200)
    // That local day starts at 2026-03-28T23:00:00Z and is 23 hours long.
    let day = paris.localDay(change)
    #expect(paris.start(ofDay: day) == change - 2 * 3600)
    #expect(paris.start(ofDay: day + 1) - paris.start(ofDay: day) == 23 * 3600)
  }

  @Test func unknownZonesAreRejected() {
    #expect(ZoneRules(identifier: "Mars/Olympus_Mons") == nil)
    #expect(ZoneRules(identifier: "UTC") == .utc)
  }
}

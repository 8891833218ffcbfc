import Testing

@testable import PostgresSource

/// The silence limit: never shorter than a lock wait and five seconds, at most what `poll` can
/// wait, and counted down from the last byte heard.
struct SilenceLimitTests {
  @Test func aLockWaitIsNeverTakenForSilence() {
    #expect(SilenceLimit.standard.covering(lockWait: 10).seconds == 600)
    #expect(SilenceLimit(seconds: 5).covering(lockWait: 10).seconds == 15)
    #expect(SilenceLimit(seconds: 5).covering(lockWait: 0).seconds == 5)
    #expect(SilenceLimit(seconds: 1).covering(lockWait: 0.5).seconds == 5.5)
    #expect(SilenceLimit(seconds: nil).covering(lockWait: 10).seconds == nil)
    #expect(SilenceLimit(seconds: 5).covering(lockWait: .infinity).seconds == 2_147_483.647)
  }

  @Test func limitsAreClampedToWhatPollCanWait() {
    #expect(SilenceLimit(seconds: 1e300).seconds == 2_147_483.647)
    #expect(SilenceLimit(seconds: 1e300).text == "2147483.647 s")
    #expect(SilenceLimit(seconds: 600).text == "600 s")
    #expect(SilenceLimit(seconds: 0.5).text == "0.5 s")
    #expect(SilenceLimit(seconds: nil).text == "ever")
  }

  @Test func theRemainderCountsFromTheLastByte() {
    let now = ContinuousClock.now
    let limit = SilenceLimit(seconds: 600)
    #expect((599_000...600_000).contains(limit.remaining(since: now)))
    #expect((399_000...400_000).contains(limit.remaining(since: now - .seconds(200))))
    #expect(limit.remaining(since: now - .seconds(601)) == 0)
    #expect(limit.isOver(since: now - .seconds(600)))
    #expect(!limit.isOver(since: now))
    #expect(SilenceLimit(seconds: nil).remaining(since: now - .seconds(1_000_000)) == -1)
  }
}

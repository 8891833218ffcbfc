import Testing

@testable import PostgresSource

/// `--db-wait` as the read's `lock_timeout`, in milliseconds: PostgreSQL takes 0 for "wait
/// forever" and refuses more than 2,147,483,647.
struct LockWaitTests {
  @Test(
    arguments: [
      (10, 10_000), (0.5, 500), (0.0004, 1), (1.0005, 1_001), (0, 1), (3e9, 2_147_483_647),
      (.infinity, 2_147_483_647), (.nan, 2_147_483_647),
    ] as [(Double, Int)])
  func secondsBecomeMilliseconds(seconds: Double, milliseconds: Int) {
    #expect(Int(Milliseconds.clamped(seconds)) == milliseconds)
  }
}

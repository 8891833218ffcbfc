/// Which recommendation model (an index into ``DemoVocabulary/models``) serves each listener on
/// each day of the demo, run as real services run their model versions: a new version is first
/// A/B-tested against the one serving, on a random share of listeners, and then serves
/// everyone.
///
/// The schedule, as shares of the history (days of the default 365-day history in brackets):
///
/// | from      | to (excl.)        | serving                                                     |
/// |-----------|-------------------|-------------------------------------------------------------|
/// | 0         | 45% (day 164)     | rec-v1 for everyone                                         |
/// | 45% (164) | 57% (day 208)     | A/B test: 50% of listeners on rec-v2, the others on rec-v1  |
/// | 57% (208) | 88% (day 321)     | rec-v2 for everyone                                         |
/// | 88% (321) | — (still running) | A/B test: 25% of listeners on rec-v3, the others on rec-v2  |
///
/// So the first test runs about six weeks, and the second has run the last 44 days and goes on
/// into the days that `tunedash demo --append` adds: the 7- and 30-day pages show a live
/// experiment. With the models' lifts (rec-v1 9 points below rec-v2, rec-v3 5 above) both tests
/// find their effect on the default demo (per-listener delta method, always-valid 95% intervals
/// over the days both versions served); the last 7 days alone have about a fifth of the v3
/// test's ratings, so their interval is about twice as wide as the whole test's (on the default
/// demo it still lies above 0, by about a point).
///
/// Assignment is by listener, as A/B tests assign their units: whether a listener is in a
/// test's treatment group is a stable hash of the seed, the test and the listener (see
/// ``isTreated(_:in:)``), so during a test each listener's ratings all come from one version,
/// and the same seed gives the same groups.
struct ModelSchedule: Sendable {
  /// An A/B test: from day `firstDay` until day `endDay` (exclusive), the listeners in its
  /// treatment group get `treatment` and the others `control`; from `endDay` on everyone gets
  /// `treatment`.
  struct Test: Sendable, Equatable {
    /// The model serving before the test, for the control group during it.
    var control: Int
    /// The new model, for the treatment group during the test and everyone after it.
    var treatment: Int
    /// The test's first day (day 0 is the history's first day).
    var firstDay: Int
    /// The first day after the test; `Int.max` for a test still running.
    var endDay: Int
    /// The share of listeners in the treatment group, 0 … 1.
    var share: Double
  }

  /// The model that serves everyone before the first test.
  static let firstModel = 0

  /// The tests, in time order and not overlapping; each one's `control` is the model serving
  /// before it.
  let tests: [Test]

  /// Mixed into every listener's hash, so that each seed splits the listeners its own way.
  private let salt: UInt64

  /// The schedule in the table above for a history of `days` days, its groups drawn for `seed`.
  init(days: Int, seed: UInt64) {
    func day(_ share: Double) -> Int { Int(Double(days) * share) }
    tests = [
      Test(control: 0, treatment: 1, firstDay: day(0.45), endDay: day(0.57), share: 0.5),
      Test(control: 1, treatment: 2, firstDay: day(0.88), endDay: .max, share: 0.25),
    ]
    salt = seed ^ 0xAB7E_57ED_5A17_C0DE
  }

  /// The model serving `listener` (an index into ``DemoWorld/listeners``) on `day`: the first
  /// model before any test, a test's `control` or `treatment` during it, and the latest tested
  /// model after the tests.
  func model(for listener: Int, on day: Int) -> Int {
    var serving = Self.firstModel
    for (index, test) in tests.enumerated() where day >= test.firstDay {
      guard day >= test.endDay else {
        return isTreated(listener, in: index) ? test.treatment : test.control
      }
      serving = test.treatment
    }
    return serving
  }

  /// Whether `listener` is in the treatment group of test `test` (an index into ``tests``):
  /// SplitMix64 seeded with the salt, the test and the listener gives a uniform number in
  /// [0, 1), the same every time, which must fall below the test's share.
  func isTreated(_ listener: Int, in test: Int) -> Bool {
    var hash = SplitMix64(seed: salt ^ (UInt64(test) << 32) ^ UInt64(listener))
    return hash.unit() < tests[test].share
  }
}

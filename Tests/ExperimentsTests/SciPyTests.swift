import Foundation
import Testing

@testable import Experiments

/// The comparison against an independent computation in Python (NumPy and SciPy): the delta
/// method as the gradient of ȳ_B/m̄_B − ȳ_A/m̄_A times the listeners' sample covariance matrix
/// (`numpy.cov`), the normal distribution from `scipy.stats`, and the always-valid interval's
/// edges found by root finding (`scipy.optimize.brentq`) on the mixture likelihood ratio itself,
/// not from the closed form.
@Suite("Against NumPy and SciPy")
struct SciPyTests {
  // Twelve listeners (random.seed(23) in Python): likes/ratings of A, of B.
  static let twelve = [
    tally(0, 0, 2, 2), tally(0, 0, 7, 9), tally(6, 9, 0, 0), tally(3, 6, 7, 8),
    tally(2, 2, 0, 0), tally(0, 0, 4, 5), tally(0, 0, 8, 9), tally(4, 7, 0, 0),
    tally(1, 1, 0, 0), tally(0, 0, 1, 2), tally(0, 0, 6, 8), tally(2, 3, 1, 2),
  ]

  // From `python3 check.py < twelve.csv` (the script is `SciPy.script` below; NumPy 2.4.6,
  // SciPy 1.17.1), printing n, R_A, R_B, d, V, the 95% interval, p, the always-valid interval:
  // 12 0.6428571428571428 0.8 0.15714285714285725 0.004413863471589394 0.02692889949515853
  // 0.28735681479055597 0.018015744979004857 -0.24407787051051427 0.5583635847962288
  // (SciPy's 95% quantile is 1.959963984540054, ours 1.959964: the interval differs by ~1e-9.)
  @Test func twelveListenersAsSciPyComputesThem() {
    let comparison = ComparisonSums(tallies: Self.twelve).comparison
    #expect(comparison.listeners == 12)
    #expect(isClose(comparison.a.likeRatio, 0.6428571428571428))
    #expect(comparison.b.likeRatio == 0.8)
    #expect(isClose(comparison.difference, 0.15714285714285725))
    #expect(isClose(comparison.variance?.total, 0.004413863471589394))
    #expect(isClose(comparison.ci95?.lower, 0.02692889949515853, tolerance: 1e-8))
    #expect(isClose(comparison.ci95?.upper, 0.28735681479055597, tolerance: 1e-8))
    #expect(isClose(comparison.pValue, 0.018015744979004857))
    #expect(isClose(comparison.alwaysValid95?.lower, -0.24407787051051427))
    #expect(isClose(comparison.alwaysValid95?.upper, 0.5583635847962288))
    #expect(comparison.verdict == .undecided)
  }

  // The same check, run live on 300 generated listeners (CI sets
  // TUNEDASH_REQUIRE_PYTHON_TOOLS=1, so a missing SciPy fails there instead of skipping).
  @Test(
    .enabled(
      if: SciPy.available
        || ProcessInfo.processInfo.environment["TUNEDASH_REQUIRE_PYTHON_TOOLS"] == "1",
      "python3 cannot import scipy: pip install scipy (CI sets TUNEDASH_REQUIRE_PYTHON_TOOLS=1)"))
  func threeHundredListenersAsSciPyComputesThem() throws {
    let tallies = SeededNumbers.tallies(count: 300, seed: 7)
    let csv = tallies.map { "\($0.likesA),\($0.ratingsA),\($0.likesB),\($0.ratingsB)" }
    let output = try SciPy.run(SciPy.script, input: csv.joined(separator: "\n") + "\n")
    let fields = output.split(separator: " ").map { String($0) }
    try #require(fields.count == 10, "python printed: \(output)")
    let reference = try fields.dropFirst().map { try #require(Double($0)) }
    let comparison = ComparisonSums(tallies: tallies).comparison
    #expect(comparison.listeners == Int(fields[0]))
    let ours: [Double?] = [
      comparison.a.likeRatio, comparison.b.likeRatio, comparison.difference,
      comparison.variance?.total, comparison.ci95?.lower, comparison.ci95?.upper,
      comparison.pValue, comparison.alwaysValid95?.lower, comparison.alwaysValid95?.upper,
    ]
    for (index, (value, expected)) in zip(ours, reference).enumerated() {
      let tolerance = index == 4 || index == 5 ? 1e-8 : 1e-10
      #expect(
        isClose(value, expected, tolerance: tolerance),
        "field \(index + 1): \(value as Any) vs \(expected)")
    }
  }
}

/// Runs NumPy and SciPy in a child process.
enum SciPy {
  static let available: Bool = (try? run("import numpy, scipy")) != nil

  /// Reads tallies (likes A, ratings A, likes B, ratings B per line) on standard input and
  /// prints n, R_A, R_B, d, V, the 95% interval, the p-value and the always-valid interval.
  static let script = """
    import sys
    import numpy as np
    from scipy import optimize, stats

    t = np.loadtxt(sys.stdin, delimiter=",", ndmin=2)
    t = t[(t[:, 1] > 0) | (t[:, 3] > 0)]
    n = len(t)
    mean = t.mean(axis=0)
    ra, rb = mean[0] / mean[1], mean[2] / mean[3]
    d = rb - ra
    # Delta method: gradient of ybar_B/mbar_B - ybar_A/mbar_A at the means, sample covariance
    # of the per-listener vectors (ddof 1), divided by n.
    g = np.array([-1 / mean[1], mean[0] / mean[1] ** 2, 1 / mean[3], -mean[2] / mean[3] ** 2])
    v = g @ np.cov(t, rowvar=False, ddof=1) @ g / n
    z = stats.norm.ppf(0.975)
    p = 2 * stats.norm.sf(abs(d) / np.sqrt(v))
    # mSPRT, normal mixture N(0, tau^2): theta is inside while the mixture likelihood ratio of
    # d - theta stays below 1/alpha; find both edges by root finding.
    tau2, alpha = 0.03**2, 0.05
    def excess(theta):
        return (0.5 * np.log(v / (v + tau2)) + tau2 * (d - theta) ** 2 / (2 * v * (v + tau2))
                - np.log(1 / alpha))
    width = 1.0
    while excess(d - width) < 0:
        width *= 2
    lo = optimize.brentq(excess, d - width, d, xtol=1e-15, rtol=1e-15)
    hi = optimize.brentq(excess, d, d + width, xtol=1e-15, rtol=1e-15)
    half = z * np.sqrt(v)
    print(n, *(repr(float(x)) for x in (ra, rb, d, v, d - half, d + half, p, lo, hi)))
    """

  @discardableResult
  static func run(_ script: String, input: String = "") throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let stdin = Pipe()
    let out = Pipe()
    process.standardInput = stdin
    process.standardOutput = out
    process.standardError = Pipe()
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

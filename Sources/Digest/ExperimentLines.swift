import Formatting
import ReportModel

/// The owners' digest's lines on model versions: one per comparison of the week's range (see
/// ``ModelComparison``), with the verdict the dashboard shows, the difference in like ratio and
/// its always-valid 95% interval, and how long and how widely both versions served side by side.
struct ExperimentLines {
  /// The week's comparisons, A's first rating first.
  let comparisons: [ModelComparison]

  /// One comparison as the digest shows it.
  struct Line {
    /// "rec-v3 against rec-v2".
    var pair: String
    /// "rec-v3 better", "rec-v3 worse", "no difference shown yet", or why there is no number.
    var verdict: String
    /// "+5.2 pts"; `nil` without numbers.
    var difference: String?
    /// "+3.1 to +7.3 pts"; `nil` without an interval.
    var interval: String?
    /// "7 days side by side, 3,114 listeners"; `nil` when they never served on the same day.
    var reach: String?
  }

  /// The lines, in the report's order.
  var lines: [Line] {
    comparisons.map { comparison in
      let result = comparison.result
      let verdict =
        switch comparison.status {
        case .neverSideBySide: "never served on the same day this week"
        case .tooFewListeners: "too few listeners on a side to show"
        case .compared:
          switch result.verdict {
          case .better: "\(comparison.b) better"
          case .worse: "\(comparison.b) worse"
          case .undecided: "no difference shown yet"
          }
        }
      let reach = comparison.overlap.map { overlap in
        let days = NumberFormat.count(overlap.days, "day")
        return overlap.listeners.map {
          "\(days) side by side, \(NumberFormat.count($0, "listener"))"
        } ?? "\(days) side by side"
      }
      return Line(
        pair: "\(comparison.b) against \(comparison.a)", verdict: verdict,
        difference: result.difference.map(Self.points),
        interval: result.alwaysValid95.map {
          "\(NumberFormat.signed($0[0] * 100, places: 1)) to \(Self.points($0[1]))"
        },
        reach: reach)
    }
  }

  /// A difference of like ratios in percentage points, as the dashboard's cards show changes.
  private static func points(_ difference: Double) -> String {
    NumberFormat.signed(difference * 100, places: 1, suffix: " pts")
  }

  /// What the lines mean, said once under them.
  static let explanation =
    "Like ratio of the newer version minus the older one, counted per listener on the days both served; the verdict reads the always-valid 95% interval, which stays trustworthy however often the dashboard is looked at."

  /// The plain-text part: a heading and one line per comparison; empty without comparisons.
  var text: [String] {
    guard !comparisons.isEmpty else { return [] }
    var text = ["", "Model versions compared:"]
    for line in lines {
      var details = [
        line.difference.map { "like ratio \($0)" },
        line.interval.map {
          "always-valid 95% interval \($0)"
        }, line.reach,
      ].compactMap { $0 }
      details = details.isEmpty ? [] : [" (" + details.joined(separator: "; ") + ")"]
      text.append(
        "  \(SafeText.clean(line.pair, isolate: false)): \(SafeText.clean(line.verdict, isolate: false))\(details.joined())"
      )
    }
    text.append(Self.explanation)
    return text
  }

  /// The HTML part: a heading and a table; empty without comparisons.
  var html: [String] {
    guard !comparisons.isEmpty else { return [] }
    let esc = MailHTML.escaped
    return [
      MailHTML.heading("Model versions"),
      MailHTML.table(
        header: ["Compared", "Verdict", "Like ratio", "Always-valid 95%", "Side by side"],
        rows: lines.map { line in
          [
            esc(SafeText.clean(line.pair)), "<strong>\(esc(SafeText.clean(line.verdict)))</strong>",
            line.difference ?? "–", line.interval ?? "–", line.reach ?? "–",
          ]
        }, numeric: [2, 3]),
      "<p style=\"margin:0 0 16px;font-size:13px;color:\(MailHTML.muted);\">\(esc(Self.explanation))</p>",
    ]
  }
}

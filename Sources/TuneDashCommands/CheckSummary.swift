import EventStore
import Formatting

/// The text `tunedash check` prints: row counts, the time span, and rows that break the
/// contract by reason. Plain text, aligned, one fact per line.
struct CheckSummary {
  let path: String
  let check: ContractCheck

  var text: String {
    var lines: [String] = ["\(path): schema v1 tables present"]
    let width = check.rowCounts.map(\.table.count).max() ?? 0
    for (table, rows) in check.rowCounts {
      lines.append(
        "  \(table.padding(width)) \(NumberFormat.grouped(rows).leftPadding(12)) \(rows == 1 ? "row" : "rows")"
      )
    }
    if let first = check.firstTime, let last = check.lastTime {
      lines.append("time span: \(DateFormat.isoUTC(first)) … \(DateFormat.isoUTC(last))")
      lines.append("default as-of time: \(DateFormat.isoUTC(last))")
    } else {
      lines.append("time span: no valid events yet")
    }
    lines.append(
      "valid rows: \(NumberFormat.grouped(check.validActivity)) activity, \(NumberFormat.grouped(check.validFeedback)) feedback"
    )
    // As on the site's Data quality panel: what breaks the contract, then what it allows and
    // TuneDash only notes (other activity kinds).
    var problems: [String] = []
    var noted: [String] = []
    for table in EventTable.allCases {
      for issue in RowIssue.allCases {
        let count = check.issues.count(issue, in: table)
        guard count > 0 else { continue }
        let action = issue.isSkipped ? "skipped" : "kept"
        let line = "  \(table.rawValue): \(NumberFormat.grouped(count)) \(action), \(issue.summary)"
        if issue.breaksContract { problems.append(line) } else { noted.append(line) }
      }
    }
    if check.orphanGenreRows > 0 {
      problems.append(
        "  track_genres: \(NumberFormat.grouped(check.orphanGenreRows)) ignored, track not in tracks"
      )
    }
    lines.append(
      problems.isEmpty ? "rows breaking the contract: none" : "rows breaking the contract:")
    lines += problems
    if !noted.isEmpty {
      lines.append("rows the contract allows, noted:")
      lines += noted
    }
    for index in check.missingIndexes {
      lines.append("hint: reads are faster with `\(index)`")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    self + String(repeating: " ", count: max(0, width - count))
  }

  fileprivate func leftPadding(_ width: Int) -> String {
    String(repeating: " ", count: max(0, width - count)) + self
  }
}

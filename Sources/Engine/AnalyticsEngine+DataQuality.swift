import EventStore
import Formatting
import ReportModel

extension AnalyticsEngine {
  // MARK: Data quality

  static func dataQuality(_ counts: RowIssueCounts) -> DataQualityReport {
    var issues: [DataIssue] = []
    var skipped = 0
    var kept = 0
    for table in EventTable.allCases {
      for issue in RowIssue.allCases {
        let rows = counts.count(issue, in: table)
        guard rows > 0 else { continue }
        issues.append(
          DataIssue(
            table: table.rawValue, issue: issue.rawValue, description: issue.summary, rows: rows,
            skipped: issue.isSkipped, breaksContract: issue.breaksContract))
        if issue.isSkipped { skipped += rows } else { kept += rows }
      }
    }
    return DataQualityReport(issues: issues, skippedRows: skipped, keptRows: kept)
  }
}

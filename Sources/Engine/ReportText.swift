import Formatting
import ReportModel

/// How text from the database is stored in a ``Report`` (and so in `report.json`): control,
/// bidirectional and invisible characters dropped, invalid UTF-8 already replaced by the scan,
/// and anything longer than ``limit`` characters shortened with an ellipsis. Genre names,
/// terms, titles and labels are otherwise kept exactly as stored.
enum ReportText {
  /// The longest text a report keeps, in characters.
  static let limit = SafeText.reportLimit

  static func clean(_ text: String) -> String {
    SafeText.clean(text, limit: limit, isolate: false)
  }
}

import Foundation
import ReportModel

/// `report.json`: the report with sorted keys and stable formatting, so the same data gives
/// the same bytes.
public enum ReportJSON {
  /// The encoded report, ending with a newline.
  public static func encode(_ report: Report) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(report)
    data.append(0x0A)
    return data
  }

  /// Decodes a report written by ``encode(_:)``.
  public static func decode(_ data: Data) throws -> Report {
    try JSONDecoder().decode(Report.self, from: data)
  }
}

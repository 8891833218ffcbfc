import Foundation

/// Columns of text aligned with spaces, for commands that print tables to a terminal.
enum TextTable {
  /// `header` and `rows` padded to their widest cell, two spaces apart; columns whose index is in
  /// `rightAligned` are padded on the left (a first column too: `" 9"` above `"10"`). Trailing
  /// spaces are trimmed, leading ones never.
  static func render(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
    let lines = [header] + rows
    let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
    return lines.map { cells in
      cells.enumerated().map { column, cell in
        let pad = String(repeating: " ", count: widths[column] - cell.count)
        return rightAligned.contains(column) ? pad + cell : cell + pad
      }.joined(separator: "  ").trailingSpacesRemoved
    }.joined(separator: "\n") + "\n"
  }
}

extension String {
  /// The text without the spaces at its end.
  fileprivate var trailingSpacesRemoved: String {
    String(self[..<(lastIndex { $0 != " " }.map(index(after:)) ?? startIndex)])
  }
}

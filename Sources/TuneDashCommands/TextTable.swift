import Foundation

/// Columns of text aligned with spaces, for commands that print tables to a terminal.
enum TextTable {
  /// `header` and `rows` padded to their widest cell, two spaces apart; columns whose index is in
  /// `rightAligned` are padded on the left. Trailing spaces are trimmed.
  static func render(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
    let lines = [header] + rows
    let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
    return lines.map { cells in
      cells.enumerated().map { column, cell in
        let pad = String(repeating: " ", count: widths[column] - cell.count)
        return rightAligned.contains(column) ? pad + cell : cell + pad
      }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }.joined(separator: "\n") + "\n"
  }
}

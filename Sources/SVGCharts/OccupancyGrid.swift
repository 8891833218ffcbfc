/// Which parts of a canvas are taken, as one bit per 2 × 2 cell: testing and marking a box
/// costs a few word operations per row, which keeps word-cloud layout in milliseconds.
struct OccupancyGrid {
  static let cell = 2.0

  let columns: Int
  let rows: Int
  private let wordsPerRow: Int
  private var bits: [UInt64]

  init(width: Double, height: Double) {
    columns = max(1, Int((width / Self.cell).rounded(.up)))
    rows = max(1, Int((height / Self.cell).rounded(.up)))
    wordsPerRow = (columns + 63) / 64
    bits = Array(repeating: 0, count: wordsPerRow * rows)
  }

  /// The cell span of a box, widened to whole cells.
  private func span(_ box: Box) -> (x0: Int, x1: Int, y0: Int, y1: Int) {
    (
      Int((box.x / Self.cell).rounded(.down)),
      Int(((box.x + box.width) / Self.cell).rounded(.up)) - 1,
      Int((box.y / Self.cell).rounded(.down)),
      Int(((box.y + box.height) / Self.cell).rounded(.up)) - 1
    )
  }

  /// Whether every cell the box touches is free (and inside the canvas).
  func isFree(_ box: Box) -> Bool {
    let (x0, x1, y0, y1) = span(box)
    guard x0 >= 0, y0 >= 0, x1 < columns, y1 < rows, x0 <= x1, y0 <= y1 else { return false }
    for row in y0...y1 {
      var column = x0
      while column <= x1 {
        let word = column >> 6
        let first = column & 63
        let last = min(63, first + (x1 - column))
        let mask = Self.mask(first, last)
        if bits[row * wordsPerRow + word] & mask != 0 { return false }
        column += last - first + 1
      }
    }
    return true
  }

  /// Marks every cell the box touches as taken.
  mutating func mark(_ box: Box) {
    let (x0, x1, y0, y1) = span(box)
    guard x0 <= x1, y0 <= y1 else { return }
    for row in max(0, y0)...min(rows - 1, y1) {
      var column = max(0, x0)
      let end = min(columns - 1, x1)
      while column <= end {
        let word = column >> 6
        let first = column & 63
        let last = min(63, first + (end - column))
        bits[row * wordsPerRow + word] |= Self.mask(first, last)
        column += last - first + 1
      }
    }
  }

  @inline(__always)
  private static func mask(_ first: Int, _ last: Int) -> UInt64 {
    let width = last - first + 1
    let ones: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
    return ones << UInt64(first)
  }
}

/// An axis-aligned rectangle in chart units.
public struct Box: Sendable, Equatable {
  /// Left edge.
  public var x: Double
  /// Top edge.
  public var y: Double
  /// Width.
  public var width: Double
  /// Height.
  public var height: Double

  /// Creates a box.
  public init(x: Double, y: Double, width: Double, height: Double) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }

  /// Whether the two boxes share any area.
  public func intersects(_ other: Box) -> Bool {
    x < other.x + other.width && other.x < x + width && y < other.y + other.height
      && other.y < y + height
  }
}

import EventStore
import Testing

@testable import PostgresSource

/// The check that the catalog's rows came back in the order their query asked for: text keys
/// compared as bytes, a prefix first, NULL last, equal keys allowed.
@Suite("The order of the catalog's rows")
struct RowOrderTests {
  /// Whether rows of `keys` (nil for NULL) are sorted by their first `compared` columns.
  static func sorted(_ rows: [[String?]], byFirst compared: Int) -> Bool {
    var batch = RawBatch(columns: rows.first?.count ?? 1)
    for row in rows {
      for cell in row {
        if let cell {
          Array(cell.utf8).withUnsafeBytes { batch.appendText($0) }
        } else {
          batch.appendNull()
        }
      }
    }
    return batch.withRows { $0.isSorted(byFirst: compared) }
  }

  @Test func bytesDecideAndAPrefixComesFirst() {
    #expect(Self.sorted([["a"], ["b"], ["b"]], byFirst: 1))
    #expect(!Self.sorted([["b"], ["a"]], byFirst: 1))
    #expect(Self.sorted([["ab"], ["abc"]], byFirst: 1))
    #expect(!Self.sorted([["abc"], ["ab"]], byFirst: 1))
    #expect(Self.sorted([[""], ["a"]], byFirst: 1))
    // Byte order, not a language's: "Z" (0x5A) before "a" (0x61), "z" (0x7A) before "é" (0xC3).
    #expect(Self.sorted([["Z"], ["a"], ["z"], ["é"]], byFirst: 1))
    #expect(!Self.sorted([["a"], ["Z"]], byFirst: 1))
  }

  @Test func nullComesLast() {
    #expect(Self.sorted([["a"], [nil], [nil]], byFirst: 1))
    #expect(!Self.sorted([[nil], ["a"]], byFirst: 1))
  }

  @Test func laterKeysBreakTiesOnly() {
    let rows: [[String?]] = [["t1", "rock"], ["t1", "pop"], ["t2", "jazz"]]
    #expect(Self.sorted(rows, byFirst: 1))
    #expect(!Self.sorted(rows, byFirst: 2))
    #expect(Self.sorted([["t1", "pop"], ["t1", "rock"], ["t2", "jazz"]], byFirst: 2))
    #expect(!Self.sorted([["t2", "a"], ["t1", "b"]], byFirst: 2))
  }

  @Test func noRowsOrOneAreSorted() {
    #expect(Self.sorted([], byFirst: 1))
    #expect(Self.sorted([["z"]], byFirst: 1))
  }
}

import EventStore
import Foundation
import TestSupport
import Testing

/// ``ListenerPartition`` against a real PostgreSQL server: a table `PARTITION BY HASH (user_id)`
/// with seven partitions routes every id to the partition the Swift function names, and the SQL
/// predicate selects exactly each partition's rows.
@Suite(
  "Listener partitions against PostgreSQL",
  .enabled(
    if: PostgresServer.available || PostgresServer.isRequired,
    "no PostgreSQL server binaries here (apt install postgresql-15); CI sets TUNEDASH_REQUIRE_POSTGRES=1"
  ))
struct ListenerPartitionPostgresTests {
  static let count = 7

  /// A few hundred user ids: ASCII, UTF-8 of two, three and four bytes, empty and blank, quotes
  /// and backslashes, every length from 1 to 40 bytes (every tail of lookup3's 12-byte blocks),
  /// and long ones; `nil` is a NULL id.
  static let ids: [String?] = {
    var ids: [String?] = (0..<200).map { "u\($0)" }
    ids +=
      (0..<20).map { "ü\($0)" } + (0..<20).map { "日本語の\($0)" } + (0..<10).map { "🎧 listener \($0)" }
    ids += [
      "", " ", "'", "\\", "a'b\"c\\d", "tab\there", "new\nline", "Zoë", "ÅÄÖ", "user@example.com",
    ]
    ids += (1...40).map { String(repeating: "x", count: $0) }
    ids += (1...13).map { String(repeating: "ab", count: $0) }
    ids += [String(repeating: "long-id-", count: 200), String(repeating: "é", count: 2_500)]
    ids.append(nil)
    return ids
  }()

  /// An SQL string literal (standard-conforming: only quotes are doubled), or NULL.
  static func literal(_ id: String?) -> String {
    id.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL"
  }

  @Test func swiftFunctionAndSQLPredicateMatchPostgreSQLsHashPartitions() throws {
    let server = try PostgresServer.shared()
    let database = try server.createDatabase()
    var sql = "CREATE TABLE events (n integer, user_id text) PARTITION BY HASH (user_id);\n"
    for remainder in 0..<Self.count {
      sql +=
        "CREATE TABLE events_p\(remainder) PARTITION OF events FOR VALUES WITH (MODULUS \(Self.count), REMAINDER \(remainder));\n"
    }
    sql +=
      "INSERT INTO events VALUES "
      + Self.ids.enumerated().map { "(\($0.offset), \(Self.literal($0.element)))" }.joined(
        separator: ",\n") + ";\n"
    try server.psql(database, sql)
    // Where PostgreSQL put each row, and what the SQL expression computes for it.
    var output = try server.psql(
      database,
      "SELECT n, tableoid::regclass, "
        + "COALESCE(\(ListenerPartition.sqlPartition(column: "user_id", count: Self.count)), 0) FROM events ORDER BY n"
    )
    // The rows each partition's predicate selects.
    for remainder in 0..<Self.count {
      let predicate = try ListenerPartition(index: remainder, count: Self.count).sqlPredicate(
        column: "user_id")
      output += try server.psql(
        database,
        "SELECT \(remainder), string_agg(n::text, ',' ORDER BY n) FROM events WHERE \(predicate)")
    }
    let lines = output.split(separator: "\n").map {
      $0.split(separator: "|", omittingEmptySubsequences: false)
    }
    #expect(lines.count == Self.ids.count + Self.count)
    var table = [Int](repeating: -1, count: Self.ids.count)
    for line in lines.prefix(Self.ids.count) {
      let n = try #require(Int(line[0]))
      let routed = try #require(Int(line[1].dropFirst("events_p".count)))
      let id = Self.ids[n]
      table[n] = routed
      let swift =
        id.map { ListenerPartition.partition(of: $0, count: Self.count) }
        ?? ListenerPartition.partition(of: nil, count: Self.count)
      #expect(
        swift == routed,
        "\(String(reflecting: id)): Swift says \(swift), PostgreSQL routed it to \(routed)")
      #expect(
        Int(line[2]) == routed, "\(String(reflecting: id)): the SQL expression says \(line[2])")
    }
    for line in lines.dropFirst(Self.ids.count) {
      let remainder = try #require(Int(line[0]))
      let selected = line[1].split(separator: ",").compactMap { Int($0) }
      #expect(
        selected == table.indices.filter { table[$0] == remainder },
        "predicate of \(remainder)/\(Self.count)")
    }
    // Every partition got rows: the check is not vacuous.
    #expect(Set(table) == Set(0..<Self.count))
  }
}

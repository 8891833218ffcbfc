import Testing

@testable import EventStore

/// The partition function must be PostgreSQL's own. The expected values below were read from a
/// PostgreSQL 15 server (`SELECT hashtextextended(id, 8816678312871386365)`, and `tableoid` of
/// the row in a table `PARTITION BY HASH (user_id)` with seven partitions `MODULUS 7`);
/// ``ListenerPartitionPostgresTests`` checks hundreds more against a live server.
@Suite("Listener partitions")
struct ListenerPartitionTests {
  /// (id, `hashtextextended(id, HASH_PARTITION_SEED)`, its partition of 7) from the server;
  /// the ids cover every length of the last block: 0, 2 (two bytes of UTF-8 in "ü9"), 3, 11, 12
  /// and 13 bytes.
  static let server: [(id: String, hash: Int64, of7: Int)] = [
    ("", -5_700_645_584_453_517_373, 1),
    ("u1", 5_669_407_025_505_511_121, 4),
    ("u42", -460_008_628_266_442_688, 4),
    ("ü9", -3_636_578_849_814_238_322, 2),
    ("abcdefghijk", -2_046_435_308_545_367_432, 3),
    ("twelve bytes", 1_551_002_018_851_372_083, 6),
    ("hello world!x", -6_609_607_681_821_511_246, 0),
  ]

  @Test func hashIsPostgreSQLsHashTextExtended() {
    for (id, hash, _) in Self.server {
      var text = id
      let computed = text.withUTF8 {
        ListenerPartition.hashBytesExtended(
          UnsafeRawBufferPointer($0), seed: ListenerPartition.seed)
      }
      #expect(Int64(bitPattern: computed) == hash, "\(id)")
    }
  }

  @Test func partitionIsTheOnePostgreSQLRoutesTo() throws {
    for (id, _, of7) in Self.server {
      #expect(ListenerPartition.partition(of: id, count: 7) == of7, "\(id)")
      #expect(try ListenerPartition(index: of7, count: 7).contains(userID: id))
      #expect(try !ListenerPartition(index: (of7 + 1) % 7, count: 7).contains(userID: id))
    }
    // A NULL user id: PostgreSQL's row hash stays 0, remainder 0.
    #expect(ListenerPartition.partition(of: nil, count: 7) == 0)
    // Worked by hand for "u42": h = −460008628266442688 is 2⁶⁴ − 460008628266442688 =
    // 17986735445443108928 unsigned; + 5305509591434766563 (0x49A0F4DD15E5A8E3) =
    // 23292245036877875491, which wraps (− 2⁶⁴) to 4845500963168323875 =
    // 7 × 692214423309760553 + 4: partition 4, as the server routed it.
    let row = UInt64(bitPattern: -460_008_628_266_442_688) &+ ListenerPartition.combineConstant
    #expect(row == 4_845_500_963_168_323_875)
    #expect(row == 7 * 692_214_423_309_760_553 + 4)
  }

  @Test func everyoneIsInTheWholeAndInExactlyOnePartition() throws {
    for id in ["", "u1", "a much longer listener id of forty bytes", "日本語"] {
      #expect(ListenerPartition.whole.contains(userID: id))
      for count in [1, 2, 3, 7] {
        let owners = try (0..<count).filter {
          try ListenerPartition(index: $0, count: count).contains(userID: id)
        }
        #expect(owners.count == 1)
      }
    }
  }

  @Test func partitionsParseAsIOverN() throws {
    #expect(try ListenerPartition(parsing: "2/7") == ListenerPartition(index: 2, count: 7))
    #expect(try ListenerPartition(parsing: "0/1") == .whole)
    for bad in ["7/7", "-1/3", "1/0", "1", "1/2/3", "a/b", "", " 1/2", "0/65537"] {
      #expect(throws: ListenerPartition.Invalid.self, "\(bad)") {
        try ListenerPartition(parsing: bad)
      }
    }
  }

  @Test func sqlPredicateNamesTheSameArithmetic() throws {
    #expect(ListenerPartition.whole.sqlPredicate(column: "user_id") == "TRUE")
    #expect(
      try ListenerPartition(index: 2, count: 7).sqlPredicate(column: "user_id")
        == "COALESCE((((hashtextextended(user_id::text, 8816678312871386365))::numeric + 18446744073709551616"
        + " + 5305509591434766563) % 18446744073709551616) % 7, 0) = 2")
  }
}

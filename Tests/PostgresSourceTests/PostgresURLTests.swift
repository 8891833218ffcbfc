import Foundation
import PostgresSource
import Testing

@Suite("PostgreSQL URLs and the password file")
struct PostgresURLTests {
  @Test func aFullURLIsReadAndShownWithoutItsPassword() throws {
    let url = try PostgresURL("postgresql://ana%40ops:s3cr%3At@db.internal:6543/events%2Dprod?sslmode=require")
    #expect(url.user == "ana@ops")
    #expect(url.password == "s3cr:t")
    #expect(url.host == "db.internal")
    #expect(url.port == 6543)
    #expect(url.database == "events-prod")
    #expect(url.sslMode == .require)
    #expect(!url.location.contains("s3cr"))
    #expect(url.location == "postgresql://ana%40ops@db.internal:6543/events-prod?sslmode=require")
  }

  @Test func defaultsAndTheShortSchemeAndIPv6() throws {
    let url = try PostgresURL("postgres://reader@[::1]/events")
    #expect(url.port == 5432)
    #expect(url.sslMode == .prefer)
    #expect(url.host == "::1")
    #expect(url.location == "postgresql://reader@[::1]:5432/events?sslmode=prefer")
    #expect(try PostgresURL("postgresql://u@h/d?sslmode=verify-ca").sslMode == .verifyFull)
    #expect(try PostgresURL("postgresql://u@h/d?sslmode=allow").sslMode == .prefer)
  }

  @Test func onlyPostgresURLsMatch() {
    #expect(PostgresURL.matches("postgresql://u@h/d"))
    #expect(PostgresURL.matches("postgres://u@h/d"))
    #expect(!PostgresURL.matches("events.sqlite"))
    #expect(!PostgresURL.matches("./postgresql://x"))
  }

  @Test(arguments: [
    ("postgresql://h/d", "no user"), ("postgresql://u@/d", "no host"), ("postgresql://u@h", "no database"),
    ("postgresql://u@h/d?sslmode=sometimes", "unknown sslmode"), ("postgresql://u@h/d?x=1", "unsupported URL parameter"),
  ])
  func badURLsSayWhatIsWrong(text: String, problem: String) {
    #expect {
      try PostgresURL(text)
    } throws: { error in
      (error as? PostgresURL.URLProblem)?.message.contains(problem) == true
    }
  }

  @Test func thePasswordFileMatchesFieldsWildcardsAndEscapes() throws {
    let file = PassFile(
      text: """
        # comment
        db.internal:5432:other:ana:wrong
        db.internal:*:events:ana:first\\:match
        *:*:*:ana:fallback
        broken:line
        """)
    let url = try PostgresURL("postgresql://ana@db.internal:6543/events")
    #expect(file.password(for: url) == "first:match")
    #expect(file.password(for: try PostgresURL("postgresql://ana@elsewhere/x")) == "fallback")
    #expect(file.password(for: try PostgresURL("postgresql://bo@db.internal/events")) == nil)
  }

  @Test func aPasswordFileOthersCanReadIsIgnored() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("pgpass").path
    try "*:*:*:*:secret\n".write(toFile: path, atomically: true, encoding: .utf8)
    let url = try PostgresURL("postgresql://ana@h/d")

    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    #expect(PassFile.load(environment: ["PGPASSFILE": path])?.password(for: url) == "secret")

    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
    var warnings: [String] = []
    #expect(PassFile.load(environment: ["PGPASSFILE": path]) { warnings.append($0) } == nil)
    #expect(warnings.count == 1)
    #expect(warnings.first?.contains("chmod 0600") == true)
  }
}

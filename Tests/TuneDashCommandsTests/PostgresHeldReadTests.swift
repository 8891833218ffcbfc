import Foundation
import TestSupport
import Testing

/// A read that the server holds still in the middle of a table — one row's access policy sleeps
/// — ends with exit 69 and one line whether the server then goes away or just stays silent, and
/// the old site stays as it was.
@Suite(
  "PostgreSQL reads held mid-table",
  .enabled(
    if: PostgresServer.available || PostgresServer.isRequired,
    "PostgreSQL server binaries not found (apt-get install postgresql-15); CI sets TUNEDASH_REQUIRE_POSTGRES=1"
  ),
  .serialized)
struct PostgresHeldReadTests {
  /// A built site whose next build's read of `activity` sleeps two minutes on the row of its
  /// third page or so: the hold lands inside a page read on every run, however fast or loaded
  /// the machine.
  struct HeldRead {
    let server: PostgresServer
    let database: String
    let build: [String]
    let environment: [String: String]
    let report: String
    let before: Data
    let fixture: Fixture

    init() throws {
      server = try PostgresServer.shared()
      database = try PostgresErrorTests.smallDatabase(server)
      let name = database
      // Row-level security applies to a role that is not the tables' owner (never a superuser).
      let role = "paused_\(name)"
      try server.psql(
        name,
        """
        CREATE ROLE \(role) LOGIN PASSWORD 'reader-password';
        GRANT SELECT ON users, tracks, track_genres, activity, feedback TO \(role)
        """)
      environment = ["PGPASSWORD": "reader-password", "PGPASSFILE": "/nonexistent"]
        .merging(PostgresSourceTests.key) { $1 }
      fixture = try Fixture(schema: false)
      let out = fixture.path("site")
      report = out + "/report.json"
      build = ["build", "--db", server.url(name, user: role), "--out", out, "--min-users", "1"]
      let first = try TuneDashBinary.run(build, environment: environment)
      #expect(first.status == 0, "\(first.stderr)")
      before = try Data(contentsOf: URL(fileURLWithPath: report))
      // Several pages of rows; the read of the page holding the 10,001st sleeps on it.
      try server.psql(
        name,
        """
        INSERT INTO activity (user_id, kind, occurred_at, query, track_id)
        SELECT 'u' || (i % 500), 'play', 1767225600 - i, NULL, 't1'
        FROM generate_series(1, 20000) AS i
        """)
      let held = try server.psql(
        name, "SELECT event_id FROM activity ORDER BY event_id OFFSET 10000 LIMIT 1"
      )
      .trimmingCharacters(in: .whitespacesAndNewlines)
      try server.psql(
        name,
        """
        CREATE FUNCTION hold_the_read(id bigint) RETURNS boolean LANGUAGE plpgsql AS $$
        BEGIN
          IF id = \(held) AND current_query() LIKE 'COPY (SELECT event_id%' THEN
            PERFORM pg_sleep(120);
          END IF;
          RETURN true;
        END $$;
        ALTER TABLE activity ENABLE ROW LEVEL SECURITY;
        CREATE POLICY held ON activity FOR SELECT TO \(role) USING (hold_the_read(event_id))
        """)
    }

    /// `SELECT` on `pg_stat_activity` for the build's sessions in the database: `condition`.
    func backends(_ select: String, where condition: String = "TRUE") throws -> String {
      try server.psql(
        "postgres",
        """
        SELECT \(select) FROM pg_stat_activity
        WHERE application_name = 'tunedash' AND datname = '\(database)' AND \(condition)
        """
      ).trimmingCharacters(in: .whitespacesAndNewlines)
    }
  }

  @Test func aServerThatGoesAwayMidBuildExits69AndLeavesTheOldSite() throws {
    let held = try HeldRead()
    let finished = ManagedAtomicFlag()
    let killer = Thread {
      let deadline = Date().addingTimeInterval(120)
      while Date() < deadline && !finished.isSet {
        let killed =
          (try? held.backends("pg_terminate_backend(pid)", where: "wait_event = 'PgSleep'")) ?? ""
        if killed.contains("t") { return }
        usleep(20_000)
      }
    }
    killer.start()
    // The server either says why it ends the query ("ended the read of `activity` (terminating
    // connection …)") or just closes ("closed during the read of `activity`"): both exit 69.
    defer { finished.set() }
    try PostgresErrorTests.expectFailure(
      held.build, environment: held.environment, status: 69,
      ["the read of `activity`", "old site is left"])
    #expect(try Data(contentsOf: URL(fileURLWithPath: held.report)) == held.before)
  }

  /// A server that keeps the connection but sends nothing is given up on after
  /// `TUNEDASH_PG_SILENCE` seconds, and its statement cancelled: the sleeping session ends
  /// within seconds instead of sleeping on for two minutes for nobody. (The limit is never
  /// shorter than `--db-wait` and five seconds: a lock wait is not silence.)
  @Test func aServerSilentMidReadIsGivenUpOnAndItsReadCancelled() throws {
    let held = try HeldRead()
    let environment = held.environment.merging(["TUNEDASH_PG_SILENCE": "5"]) { $1 }
    try PostgresErrorTests.expectFailure(
      held.build + ["--db-wait", "0"], environment: environment, status: 69,
      [
        "sent nothing for 5 s during the read of `activity`", "cancel was requested",
        "TUNEDASH_PG_SILENCE", "old site",
      ])
    #expect(try Data(contentsOf: URL(fileURLWithPath: held.report)) == held.before)
    let deadline = Date().addingTimeInterval(30)
    var sessions = try held.backends("count(*)")
    while sessions != "0" && Date() < deadline {
      usleep(50_000)
      sessions = try held.backends("count(*)")
    }
    #expect(sessions == "0", "the held read still runs on the server")
  }

  @Test func aSilenceLimitThatIsNoNumberIsRefusedInOneLine() throws {
    let server = try PostgresServer.shared()
    let name = try PostgresErrorTests.smallDatabase(server)
    try PostgresErrorTests.expectFailure(
      ["check", "--db", server.url(name)],
      environment: server.environment.merging(["TUNEDASH_PG_SILENCE": "ten"]) { $1 }, status: 78,
      ["TUNEDASH_PG_SILENCE must be a number of seconds, not ten"])
  }
}

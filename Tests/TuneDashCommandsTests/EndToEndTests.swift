import Foundation
import SiteBuilder
import TestSupport
import Testing

@Suite("End to end: database in, site out")
struct EndToEndTests {
  /// Three listeners over two days; counted by hand: 4 activity events, 2 likes and 1 dislike
  /// in every range, listeners u1, u2, u3 active.
  static let sql = """
    INSERT INTO users VALUES ('u1', 'Ann', 'ann@example.com', 0), ('u2', 'Bo', 'bo@example.com', 0),
      ('u3', 'Cy', 'cy@example.com', 0);
    INSERT INTO tracks (track_id, title, artist) VALUES ('t1', 'Golden Hour', 'The Lanterns'), ('t2', 'Blue', 'Nova');
    INSERT INTO track_genres VALUES ('t1', 'indie'), ('t2', 'jazz');
    INSERT INTO activity (user_id, kind, occurred_at, query, track_id) VALUES
      ('u1', 'search', 1767139200, 'golden hour', 't1'), ('u1', 'play', 1767139260, NULL, 't1'),
      ('u2', 'playlist', 1767180000, 'Chill vibes', NULL), ('u3', 'login', 1767225600, NULL, NULL);
    INSERT INTO feedback (user_id, track_id, verdict, occurred_at, source, model) VALUES
      ('u1', 't2', 1, 1767139300, 'song', 'rec-v2'), ('u2', 't1', 1, 1767180100, 'playlist', 'rec-v2'),
      ('u3', 't2', -1, 1767225000, 'song', 'rec-v2');
    """

  @Test func theBinaryBuildsPagesAndReportFromADatabase() throws {
    let fixture = try Fixture(sql: Self.sql)
    let out = fixture.path("site")
    let result = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--out", out, "--min-users", "1"],
      environment: ["TUNEDASH_PSEUDONYM_KEY": "end-to-end-test-key"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("from 7 events"))

    let report = try ReportJSON.decode(Data(contentsOf: URL(fileURLWithPath: out + "/report.json")))
    #expect(report.asOf == "2026-01-01T00:00:00Z")
    for range in [report.ranges.days7, report.ranges.days30, report.ranges.all] {
      #expect(range.activity.events == 4)
      #expect(range.activity.activeUsers == 3)
      #expect(range.feedback.likes == 2)
      #expect(range.feedback.dislikes == 1)
    }
    // indie: u1 searched and played t1, u2 liked it; jazz: u1 liked t2.
    #expect(report.ranges.days30.genres.map(\.genre) == ["indie", "jazz"])
    #expect(report.ranges.days30.genres.map(\.users) == [2, 1])

    let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
    #expect(index.contains("<h1>Last 30 days</h1>"))
    #expect(index.contains(#"<p class="card-value">3</p>"#))
    #expect(index.contains(#"<p class="card-value">66.7%</p>"#))
    #expect(index.contains("<svg "))
    for page in [
      "7d/index.html", "all/index.html", "about.html", "charts/30d/genres.svg", "style.css",
    ] {
      #expect(FileManager.default.fileExists(atPath: out + "/" + page), "missing \(page)")
    }
    // No email, and no user id as such, in any file written.
    let files = FileManager.default.enumerator(atPath: out)!.compactMap { $0 as? String }
    for file in files {
      let text = String(
        decoding: (try? Data(contentsOf: URL(fileURLWithPath: out + "/" + file))) ?? Data(),
        as: UTF8.self)
      #expect(!text.contains("@example.com"), "\(file) leaks an email")
    }
  }
}

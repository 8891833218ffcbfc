import BuildPipeline
import Engine
import EventStore
import Foundation
import ReportModel
import SQLiteSource
import TestSupport
import Testing
import Workers

@testable import SiteBuilder

@Suite("Building the site")
struct SiteBuilderTests {
  static func report(sql: String) throws -> Report {
    let fixture = try Fixture(sql: sql)
    return try ReportPipeline.build(
      from: SourceDatabase(path: fixture.database),
      options: ReportOptions(minRatings: 1, minUsers: 1)
    ) { ids in Dictionary(uniqueKeysWithValues: ids.map { ($0, "pseudo-\($0.count)") }) }
  }

  static let hostileGenre = #"<script>alert("x")</script>' onmouseover='y"#

  static let sql = """
    INSERT INTO users VALUES ('u1', 'Ann', 'ann@example.com', 0), ('u2', 'Bo', 'bo@example.com', 0);
    INSERT INTO tracks (track_id, title, artist) VALUES ('t1', '<b>Bold</b> & "Quoted"', 'A'), ('t2', 'Two', 'B');
    INSERT INTO track_genres VALUES ('t1', '\(hostileGenre.replacingOccurrences(of: "'", with: "''"))'), ('t2', 'jazz');
    INSERT INTO activity (user_id, kind, occurred_at, query, track_id) VALUES
      ('u1', 'play', 1767225600 - 100, NULL, 't1'), ('u2', 'play', 1767225600 - 200, NULL, 't2'),
      ('u1', 'search', 1767225600 - 300, '<img src=x onerror=alert(1)> jazz', 't2');
    INSERT INTO feedback (user_id, track_id, verdict, occurred_at, source, model) VALUES
      ('u1', 't1', 1, 1767225600, 'song', 'rec-v1'), ('u2', 't2', -1, 1767225600 - 50, 'playlist', 'rec-v1');
    """

  @Test func theSiteHasEveryPageChartAndTheReport() throws {
    let report = try Self.report(sql: Self.sql)
    let site = try SiteBuilder(theme: Theme.builtIn()).build(report)
    for path in [
      "index.html", "7d/index.html", "all/index.html", "about.html", "report.json", "style.css",
      "charts.css", "charts/30d/genres.svg", "charts/7d/words.svg", "charts/all/heatmap.svg",
    ] {
      #expect(site.files[path] != nil, "missing \(path)")
    }
    #expect(try ReportJSON.decode(site.files["report.json"]!) == report)
  }

  @Test func textFromTheDatabaseIsEscapedInPagesAndCharts() throws {
    let site = try SiteBuilder(theme: Theme.builtIn()).build(Self.report(sql: Self.sql))
    for (path, data) in site.files where path.hasSuffix(".html") || path.hasSuffix(".svg") {
      let text = String(decoding: data, as: UTF8.self)
      #expect(!text.contains("<script>alert"), "\(path) carries a script tag from the data")
      #expect(!text.contains("<img src=x"), "\(path) carries an img tag from the data")
      #expect(!text.contains("' onmouseover='"), "\(path) lets data break out of an attribute")
      #expect(!text.contains("<b>Bold</b>"), "\(path) carries markup from a track title")
    }
    let index = String(decoding: site.files["all/index.html"]!, as: UTF8.self)
    #expect(index.contains("&lt;script&gt;alert"))
  }

  @Test func pagesLinkRelativelyAndLoadNothingFromOtherHosts() throws {
    let site = try SiteBuilder(theme: Theme.builtIn()).build(Self.report(sql: Self.sql))
    for (path, data) in site.files where path.hasSuffix(".html") {
      let text = String(decoding: data, as: UTF8.self)
      #expect(
        !text.contains("http://") && !text.contains("https://"), "\(path) refers to another host")
      #expect(!text.contains("<script"), "\(path) needs JavaScript")
      #expect(!text.contains("href=\"/"), "\(path) has an absolute link")
    }
    let seven = String(decoding: site.files["7d/index.html"]!, as: UTF8.self)
    #expect(seven.contains(#"href="../style.css""#))
    #expect(seven.contains(#"href="../index.html""#))
  }

  @Test func theSameReportGivesTheSameBytes() throws {
    let report = try Self.report(sql: Self.sql)
    let theme = try Theme.builtIn()
    #expect(try SiteBuilder(theme: theme).build(report) == SiteBuilder(theme: theme).build(report))
  }

  /// The pages rendered side by side, or in the opposite order, are the same files.
  @Test func renderingInParallelOrInAnyOrderGivesTheSameBytes() throws {
    let report = try Self.report(sql: Self.sql)
    let builder = SiteBuilder(theme: try Theme.builtIn())
    let serial = try builder.build(report)
    let backwards: IndexLoop = { count, body in
      for index in (0..<count).reversed() { body(index) }
    }
    #expect(try builder.build(report, loop: backwards) == serial)
    #expect(try builder.build(report, loop: Workers.loop()) == serial)
    #expect(serial.files.keys.contains("charts/7d/words.svg"))
  }

  @Test func theAboutPageNamesTheStopwordsInForce() throws {
    let report = try Self.report(sql: Self.sql)
    let theme = try Theme.builtIn()
    func about(_ builder: SiteBuilder) throws -> String {
      String(decoding: try builder.build(report).files["about.html"]!, as: UTF8.self)
    }
    #expect(
      try about(SiteBuilder(theme: theme)).contains(
        "common words of English, Spanish, Portuguese, French, German and Italian (articles,"))
    let chosen = SiteBuilder(
      theme: theme, stopwords: StopwordNote(languages: [.spanish, .english], hasFile: true))
    #expect(
      try about(chosen).contains(
        "common words of English and Spanish (articles, prepositions, pronouns and the like) and the words of a stopword file left out"
      ))
    let none = SiteBuilder(theme: theme, stopwords: StopwordNote(languages: []))
    #expect(try about(none).contains("no common words left out"))
    #expect(try !about(SiteBuilder(theme: theme)).contains("English words"))
  }

  @Test func theAboutPageQuotesTheClusteringSettingsOfTheReport() throws {
    var report = try Self.report(sql: Self.sql)
    let theme = try Theme.builtIn()
    report.sound = SoundReport(
      features: ["energy"], clusters: [], noFeatures: 0, explainedVariance: [], restarts: 7)
    let about = String(
      decoding: try SiteBuilder(theme: theme).build(report).files["about.html"]!, as: UTF8.self)
    #expect(
      about.contains("k-means++ seeding from a fixed seed, 7 restarts, the lowest inertia kept"))
    report.sound = nil
    let without = String(
      decoding: try SiteBuilder(theme: theme).build(report).files["about.html"]!, as: UTF8.self)
    #expect(without.contains("k-means++ seeding from a fixed seed, the lowest inertia kept"))
  }

  @Test func pagesLeaveOutTheTemplatesIndentationButNotInsidePre() {
    #expect(
      SiteBuilder.withoutIndentation("<ul>\n  <li>a</li>\n\t <li>b c</li>\n</ul>")
        == "<ul>\n<li>a</li>\n<li>b c</li>\n</ul>")
    let pre = "<div>\n  <pre>\n  x\n</pre></div>"
    #expect(SiteBuilder.withoutIndentation(pre) == pre)
    let upper = "<div>\n  <TextArea>\n  x</TextArea></div>"
    #expect(SiteBuilder.withoutIndentation(upper) == upper)
    #expect(SiteBuilder.withoutIndentation("<p>\n  prefix <press") == "<p>\nprefix <press")
  }

  @Test func anEmptyDatabaseGivesANoDataSite() throws {
    let site = try SiteBuilder(theme: Theme.builtIn()).build(Self.report(sql: ""))
    let index = String(decoding: site.files["index.html"]!, as: UTF8.self)
    #expect(index.contains("No data yet"))
    #expect(index.contains("No events yet"))
  }

  @Test func everySectionIsRenderedByItsPartialInPageOrder() throws {
    #expect(Theme.sections.first == "section-cards")
    #expect(Set(Theme.sections).count == Theme.sections.count)
    let site = try SiteBuilder(theme: Theme.builtIn()).build(Self.report(sql: Self.sql))
    let index = String(decoding: site.files["index.html"]!, as: UTF8.self)
    var last = try #require(index.range(of: #"aria-label="Headline numbers""#)).upperBound
    for partial in Theme.sections.dropFirst() {
      let anchor = #"<h2 id=""# + partial.dropFirst("section-".count) + #"-heading">"#
      let found = try #require(index.range(of: anchor), "no \(anchor)")
      #expect(found.lowerBound > last, "\(partial) out of order")
      last = found.upperBound
    }
  }
}

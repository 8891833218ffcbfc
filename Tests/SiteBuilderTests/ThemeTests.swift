import Foundation
import ReportModel
import TestSupport
import Testing

@testable import SiteBuilder

@Suite("Themes")
struct ThemeTests {
  /// A copy of the repository's site-templates/ in a temporary folder.
  func copyOfDefaultTheme() throws -> URL {
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "site-templates")
    let copy = try TemporaryFolder.make().appendingPathComponent("theme")
    try FileManager.default.copyItem(at: source, to: copy)
    return copy
  }

  @Test func theRepositoryThemeIsTheEmbeddedOne() throws {
    let folder = try copyOfDefaultTheme()
    let fromFolder = try Theme(directory: folder.path)
    let builtIn = try Theme.builtIn()
    #expect(fromFolder.stylesheet == builtIn.stylesheet)
    #expect(fromFolder.chartStylesheet == builtIn.chartStylesheet)
  }

  @Test func aBrokenTemplateNamesTheFileAndLine() throws {
    let folder = try copyOfDefaultTheme()
    let file = folder.appendingPathComponent("about.mustache")
    try "<p>one</p>\n<p>two</p>\n{{#unclosed}}\n<p>four</p>\n".write(
      to: file, atomically: true, encoding: .utf8)
    let error = try #require(throws: SiteError.self) { try Theme(directory: folder.path) }
    #expect(error.path.hasSuffix("about.mustache"))
    // Line 3 opens the section; Mustache's parser alone would point at the end of the file.
    #expect(error.line == 3)
    #expect(error.message.contains("{{#unclosed}} opened here is never closed"))
    #expect(error.step == .template)
  }

  @Test func aNameNoViewHasIsAnErrorWithFileLineAndSuggestion() throws {
    let folder = try copyOfDefaultTheme()
    let file = folder.appendingPathComponent("dashboard.mustache")
    let text = try String(contentsOf: file, encoding: .utf8)
    let line =
      try #require(
        text.split(separator: "\n", omittingEmptySubsequences: false)
          .firstIndex { $0.contains("{{rangeLabel}}") }) + 1
    try text.replacingOccurrences(of: "{{rangeLabel}}", with: "{{rangeLabell}}")
      .write(to: file, atomically: true, encoding: .utf8)
    let error = try #require(throws: SiteError.self) { try Theme(directory: folder.path) }
    #expect(error.path.hasSuffix("dashboard.mustache"))
    #expect(error.line == line)
    #expect(error.message == "{{rangeLabell}} is not a name the pages have")
    #expect(error.hint.hasPrefix("did you mean {{rangeLabel}}?"))
  }

  @Test func mustacheNamesTransformsAndDottedNamesAreKnown() {
    let text =
      "{{#sections}}{{>*partial}}{{^first()}}x{{/first()}}{{/sections}}{{.}}{{page.title}}{{! a comment }}"
    #expect(TemplateVocabulary.unknownNames(in: text).isEmpty)
    #expect(TemplateVocabulary.unknownNames(in: "{{page.titel}}").map(\.name) == ["page.titel"])
  }

  @Test func theVocabularyIsEveryViewReachableFromThePages() {
    let views = Set(TemplateVocabulary.views.map { ObjectIdentifier($0) })
    // Each section's view comes from the dashboard's list of sections, and what a view holds
    // from the view itself: nothing to keep in step by hand.
    for section in DashboardBuilder.sections {
      #expect(views.contains(ObjectIdentifier(section.viewType)), "\(section.id)")
    }
    #expect(views.contains(ObjectIdentifier(CohortTableView.Cell.self)))
    #expect(views.contains(ObjectIdentifier(PageChrome.NavItem.self)))
    // 3 pages' views, the page head and its links, 11 sections, and what they hold: cards,
    // charts, chart images, tables (header, row, cell) and the cohort table (row, cell).
    #expect(views.count == 26)
  }

  @Test func aSectionClosedWithTheWrongNameNamesTheClosingLine() throws {
    let folder = try copyOfDefaultTheme()
    let file = folder.appendingPathComponent("about.mustache")
    try "{{#a}}\n{{#b}}\n{{/a}}\n{{/b}}\n".write(to: file, atomically: true, encoding: .utf8)
    let error = try #require(throws: SiteError.self) { try Theme(directory: folder.path) }
    #expect(error.line == 3)
    #expect(error.message.contains("{{#b}} is the one open"))
  }

  @Test func aMissingPartialNamesTheReference() throws {
    let folder = try copyOfDefaultTheme()
    let file = folder.appendingPathComponent("about.mustache")
    try "<p>intro</p>\n{{> sidebar}}\n".write(to: file, atomically: true, encoding: .utf8)
    let error = try #require(throws: SiteError.self) { try Theme(directory: folder.path) }
    #expect(error.path.hasSuffix("about.mustache"))
    #expect(error.line == 2)
    #expect(error.message.contains("sidebar"))
  }

  @Test func aMissingPageTemplateIsNamed() throws {
    let folder = try copyOfDefaultTheme()
    try FileManager.default.removeItem(at: folder.appendingPathComponent("dashboard.mustache"))
    let error = try #require(throws: SiteError.self) { try Theme(directory: folder.path) }
    #expect(error.path.hasSuffix("dashboard.mustache"))
  }

  @Test func aMissingSectionPartialIsNamed() throws {
    let folder = try copyOfDefaultTheme()
    try FileManager.default.removeItem(at: folder.appendingPathComponent("section-genres.mustache"))
    let error = try #require(throws: SiteError.self) { try Theme(directory: folder.path) }
    #expect(error.path.hasSuffix("section-genres.mustache"))
    #expect(error.step == .template)
  }
}

@Suite("Charts that show part of a list")
struct PartialListTests {
  static func group(_ name: String, _ likes: Int, _ dislikes: Int) -> RatedGroup {
    RatedGroup(name: name, likes: likes, dislikes: dislikes)
  }

  @Test func likeRatioByGenreShowsEveryGenreThatFitsAndNeverLeavesOutAMostRatedOne() {
    // 22 genres, sorted by like ratio: g0 (best, 99 of 100 liked) … g21. Ratings: 100 each,
    // except g3 and g17 with 5 and g20 with 5,000. The chart draws 20: the 20 most-rated, so
    // g3 and g17 (5 ratings) are only in the table, and g20 is drawn however low its ratio.
    var groups = (0..<22).map { Self.group("g\($0)", 99 - $0, 1 + $0) }
    groups[3] = Self.group("g3", 4, 1)
    groups[17] = Self.group("g17", 1, 4)
    groups[20] = Self.group("g20", 1_000, 4_000)
    let shown = GenresSection.shownRatioGroups(groups).map(\.name)
    #expect(shown.count == 20)
    #expect(!shown.contains("g3") && !shown.contains("g17") && shown.contains("g20"))
    // In the order given (by like ratio).
    #expect(shown.prefix(4) == ["g0", "g1", "g2", "g4"])
    // Twenty or fewer (pop and hip hop, the most rated, among them): all of them.
    #expect(GenresSection.shownRatioGroups(Array(groups.prefix(20))).count == 20)
  }

  @Test func eachBarSaysHowManyRatingsItRestsOn() {
    let group = Self.group("pop", 1_234, 432)
    // 1,234 ÷ 1,666 = 74.07%.
    #expect(RatedGroupChart.valueLabel(group, wide: true) == "74.1% · 1,666 ratings")
    #expect(RatedGroupChart.valueLabel(group, wide: false) == "74.1% · 1.7k")
    #expect(RatedGroupChart.valueLabel(Self.group("one", 1, 0), wide: true) == "100.0% · 1 rating")
  }
}

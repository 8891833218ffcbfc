import Foundation
import SiteBuilder
import TestSupport
import ReportModel
import Testing

@Suite("Themes")
struct ThemeTests {
  /// A copy of the repository's site-templates/ in a temporary folder.
  func copyOfDefaultTheme() throws -> URL {
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("site-templates")
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
    try "<p>one</p>\n<p>two</p>\n{{#unclosed}}\n<p>four</p>\n".write(to: file, atomically: true, encoding: .utf8)
    let error = try #require(throws: SiteError.self) { try Theme(directory: folder.path) }
    #expect(error.path.hasSuffix("about.mustache"))
    #expect(error.line != nil)
    #expect(error.step == .template)
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

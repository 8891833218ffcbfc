import DemoData
import Foundation
import SiteBuilder
import TestSupport
import Testing

@Suite("tunedash theme", .serialized)
struct ThemeCommandTests {
  let environment = ["TUNEDASH_PSEUDONYM_KEY": "theme-command-test-key"]

  /// The theme folder of this checkout: what the build embedded in the binary.
  static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "site-templates")

  /// Every regular file below `folder` (dotfiles too), relative path → bytes.
  static func contents(of folder: String) throws -> [String: Data] {
    var contents: [String: Data] = [:]
    let root = URL(fileURLWithPath: folder)
    for case let path as String in FileManager.default.enumerator(atPath: folder)! {
      let url = root.appendingPathComponent(path)
      guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else {
        continue
      }
      contents[path] = try Data(contentsOf: url)
    }
    return contents
  }

  @Test func theWrittenFilesAreTheEmbeddedThemeAndTheLineSaysHowToUseThem() throws {
    let folder = try TemporaryFolder.make()
    let out = folder.appendingPathComponent("my theme/nested").path
    let result = try TuneDashBinary.run(["theme", "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    #expect(result.stdout.split(separator: "\n").count == 1)
    #expect(
      result.stdout.contains(out) && result.stdout.contains("tunedash build --templates '\(out)'"))
    let written = try Self.contents(of: out)
    #expect(written == Theme.builtInFiles.mapValues { Data($0.utf8) })
    // The embedded theme is site-templates/ byte for byte (pages, partials, sections, stylesheets).
    let source = try Self.contents(of: Self.templates.path).filter { !$0.key.hasPrefix(".") }
    #expect(written == source)
    // 11 sections, 2 pages, 3 partials, 3 layout pieces, 2 stylesheets.
    #expect(written.count == 21)
  }

  @Test func aFolderThatIsNotEmptyIsRefusedWithoutForce() throws {
    let folder = try TemporaryFolder.make()
    let out = folder.appendingPathComponent("theme").path
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    try Data("my own\n".utf8).write(to: URL(fileURLWithPath: out + "/style.css"))
    let refused = try TuneDashBinary.run(["theme", "--out", out])
    #expect(refused.status == 73)
    #expect(refused.stdout.isEmpty)
    #expect(refused.stderr.split(separator: "\n").count == 1)
    #expect(refused.stderr.contains("\(out) is not empty") && refused.stderr.contains("--force"))
    #expect(try Self.contents(of: out) == ["style.css": Data("my own\n".utf8)])
    // With --force the theme's files are replaced and other files kept.
    try Data("notes\n".utf8).write(to: URL(fileURLWithPath: out + "/NOTES.txt"))
    let forced = try TuneDashBinary.run(["theme", "--out", out, "--force"])
    #expect(forced.status == 0, "\(forced.stderr)")
    var expected = Theme.builtInFiles.mapValues { Data($0.utf8) }
    expected["NOTES.txt"] = Data("notes\n".utf8)
    #expect(try Self.contents(of: out) == expected)
    // A file where the folder should be is refused too.
    let file = try TuneDashBinary.run(["theme", "--out", out + "/NOTES.txt"])
    #expect(file.status == 73)
    #expect(file.stderr.contains("is a file"))
    // A folder that cannot be made: one line, in the system's words.
    let inside = out + "/NOTES.txt/theme"
    let unmade = try TuneDashBinary.run(["theme", "--out", inside])
    #expect(unmade.status == 73)
    #expect(
      unmade.stderr
        == "tunedash: cannot create the folder \(inside): Not a directory; check that its parent is writable\n"
    )
    // An empty --out is refused before anything is written (it would be the current folder).
    let empty = try TuneDashBinary.run(["theme", "--out", ""], in: folder)
    #expect(empty.status == 64)
    #expect(empty.stderr.contains("--out is empty"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["theme"])
  }

  @Test func buildingWithTheCopiedThemeGivesTheSameSiteByteForByte() throws {
    let folder = try TemporaryFolder.make()
    let path = { folder.appendingPathComponent($0).path }
    try DemoDatabase.create(
      at: path("demo.sqlite"),
      options: DemoOptions(users: 120, tracks: 300, events: 6_000, feedback: 1_500, seed: 4))
    #expect(try TuneDashBinary.run(["theme", "--out", path("theme")]).status == 0)
    let builtIn = try TuneDashBinary.run(
      ["build", "--db", path("demo.sqlite"), "--out", path("built-in"), "--quiet"],
      environment: environment)
    #expect(builtIn.status == 0, "\(builtIn.stderr)")
    let copied = try TuneDashBinary.run(
      [
        "build", "--db", path("demo.sqlite"), "--out", path("copied"), "--templates", path("theme"),
        "--quiet",
      ],
      environment: environment)
    #expect(copied.status == 0, "\(copied.stderr)")
    let site = try Self.contents(of: path("built-in"))
    #expect(site.keys.contains("index.html") && site.count > 20)
    #expect(try Self.contents(of: path("copied")) == site)
  }
}

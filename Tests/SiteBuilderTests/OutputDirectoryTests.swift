import Foundation
import ReportModel
import SiteBuilder
import TestSupport
import Testing

@Suite("The output folder")
struct OutputDirectoryTests {
  func site(_ files: [String: String]) -> SiteFiles {
    var site = SiteFiles()
    for (path, text) in files { site.add(path, text: text) }
    return site
  }

  func modified(_ url: URL) throws -> Date {
    try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as! Date
  }

  @Test func unchangedFilesKeepTheirModificationTime() throws {
    let folder = try TemporaryFolder.make().appendingPathComponent("public")
    let output = OutputDirectory(path: folder.path)
    let first = try output.write(site(["a.html": "A", "b/c.svg": "C"]))
    #expect(first == OutputDirectory.Summary(files: 2, changed: 2, removed: 0))
    let before = try modified(folder.appendingPathComponent("a.html"))
    Thread.sleep(forTimeInterval: 1.1)
    let second = try output.write(site(["a.html": "A", "b/c.svg": "C2", "d.json": "{}"]))
    #expect(second == OutputDirectory.Summary(files: 3, changed: 2, removed: 0))
    #expect(try modified(folder.appendingPathComponent("a.html")) == before)
    #expect(
      try String(contentsOf: folder.appendingPathComponent("b/c.svg"), encoding: .utf8) == "C2")
    let third = try output.write(site(["a.html": "A", "b/c.svg": "C2"]))
    #expect(third.removed == 1)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("d.json").path))
    // Nothing left beside the output.
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path)
        == ["public"])
  }

  /// An output folder named through a symbolic link: the folder it names is replaced, and the
  /// link stays a link to it.
  @Test func aLinkToTheFolderStaysALink() throws {
    let parent = try TemporaryFolder.make()
    let real = parent.appendingPathComponent("real")
    let link = parent.appendingPathComponent("link")
    _ = try OutputDirectory(path: real.path).write(site(["a.html": "A"]))
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
    let output = OutputDirectory(path: link.path)
    #expect(output.url.path == real.path)
    _ = try output.write(site(["a.html": "A2"]))
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
    #expect(try String(contentsOf: real.appendingPathComponent("a.html"), encoding: .utf8) == "A2")
  }

  /// A path is read as the kernel reads it: `..` after a link is the parent of the folder the
  /// link names, and what does not exist yet is kept as written.
  @Test func aPathIsReadAsTheKernelReadsIt() throws {
    let parent = try TemporaryFolder.make()
    let inner = parent.appendingPathComponent("elsewhere/inner")
    try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
    let link = parent.appendingPathComponent("l")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: inner)
    #expect(
      OutputDirectory.resolved(link.path + "/../site")
        == parent.appendingPathComponent("elsewhere/site").path)
    #expect(
      OutputDirectory(path: link.path + "/new/../site").url.path == inner.path + "/site")
  }

  @Test func aFolderTuneDashDidNotWriteIsNeverReplaced() throws {
    let folder = try TemporaryFolder.make().appendingPathComponent("mine")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "precious".write(
      to: folder.appendingPathComponent("thesis.tex"), atomically: true, encoding: .utf8)
    #expect(throws: SiteError.self) {
      try OutputDirectory(path: folder.path).write(site(["a.html": "A"]))
    }
    #expect(
      try String(contentsOf: folder.appendingPathComponent("thesis.tex"), encoding: .utf8)
        == "precious")
  }

  @Test func aFileInThePlaceOfTheFolderIsRefusedInOneLine() throws {
    let file = try TemporaryFolder.make().appendingPathComponent("public.txt")
    try "notes".write(to: file, atomically: true, encoding: .utf8)
    #expect {
      try OutputDirectory(path: file.path).write(site(["a.html": "A"]))
    } throws: { error in
      "\(error)" == "\(file.path): a file, not a folder; choose another --out folder"
    }
    #expect(try String(contentsOf: file, encoding: .utf8) == "notes")
  }

  @Test func dotfilesLikeGitkeepSurvive() throws {
    let folder = try TemporaryFolder.make().appendingPathComponent("public")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "".write(to: folder.appendingPathComponent(".gitkeep"), atomically: true, encoding: .utf8)
    _ = try OutputDirectory(path: folder.path).write(site(["index.html": "x"]))
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".gitkeep").path))
    #expect(
      FileManager.default.fileExists(
        atPath: folder.appendingPathComponent(OutputDirectory.marker).path))
  }

  @Test func leftoversOfAKilledRunAreRemoved() throws {
    let parent = try TemporaryFolder.make()
    let folder = parent.appendingPathComponent("public")
    let leftover = parent.appendingPathComponent(".public.tmp-999999")
    try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)
    _ = try OutputDirectory(path: folder.path).write(site(["index.html": "x"]))
    #expect(!FileManager.default.fileExists(atPath: leftover.path))
  }
}

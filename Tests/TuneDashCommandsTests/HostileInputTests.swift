import DemoData
import EventStore
import Foundation
import TestSupport
import Testing

/// Every text column full of hostile strings: the site must stay well-formed and inert.
@Suite("Hostile text", .serialized)
struct HostileInputTests {
  static let environment = ["TUNEDASH_PSEUDONYM_KEY": "hostile-input-test-key"]
  static let requirePython =
    ProcessInfo.processInfo.environment["TUNEDASH_REQUIRE_PYTHON_TOOLS"] == "1"

  /// Builds a site from `sql` with every group published and display names shown.
  static func site(_ sql: String, in fixture: Fixture) throws -> URL {
    try fixture.execute(sql)
    let out = fixture.path("site")
    let result = try TuneDashBinary.run(
      [
        "build", "--db", fixture.database, "--out", out, "--min-users", "1", "--show-names",
        "--quiet",
      ],
      environment: environment)
    #expect(result.status == 0, "\(result.stderr)")
    return URL(fileURLWithPath: out)
  }

  /// The regular files below `folder` whose names end in `suffix`.
  static func files(in folder: URL, suffix: String) -> [URL] {
    FileManager.default.enumerator(atPath: folder.path)!.compactMap { $0 as? String }
      .filter { $0.hasSuffix(suffix) }.sorted().map { folder.appendingPathComponent($0) }
      .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
  }

  static func inventory(of folder: URL) throws -> MarkupInventory {
    var inventory = MarkupInventory()
    for svg in files(in: folder, suffix: ".svg") { inventory.merge(.svg(svg)) }
    if MarkupInventory.html5libAvailable {
      inventory.merge(try .html(files(in: folder, suffix: ".html")))
    } else if requirePython {
      inventory.errors.append(
        "TUNEDASH_REQUIRE_PYTHON_TOOLS=1 but python3 cannot import html5lib: pip install html5lib")
    }
    return inventory
  }

  @Test func hostileTextAddsNoElementOrAttributeAndEveryFileParses() throws {
    let (hostileFixture, plainFixture, demoFixture) = (
      try Fixture(), try Fixture(), try Fixture(schema: false)
    )
    let hostile = try Self.inventory(of: Self.site(HostileDatabase.sql(), in: hostileFixture))
    // What our templates produce from ordinary data: the same shape with plain words, and a
    // demo site (whose word cloud has vertical words, and so `transform` attributes).
    var plain = try Self.inventory(of: Self.site(HostileDatabase.plainSQL(), in: plainFixture))
    let demo = demoFixture.path("demo.sqlite")
    try DemoDatabase.create(
      at: demo, options: DemoOptions(users: 300, tracks: 500, events: 20_000, feedback: 4_000))
    let demoSite = demoFixture.path("site")
    _ = try TuneDashBinary.run(
      ["build", "--db", demo, "--out", demoSite, "--quiet"], environment: Self.environment)
    plain.merge(try Self.inventory(of: URL(fileURLWithPath: demoSite)))
    #expect(hostile.errors.isEmpty, "\(hostile.errors)")
    #expect(plain.errors.isEmpty, "\(plain.errors)")
    // The pages' elements and the charts', or the charts' alone where html5lib is missing (and
    // not required): the inventory must have seen the files either way.
    #expect(hostile.elements.count > (MarkupInventory.html5libAvailable ? 20 : 8))
    #expect(
      hostile.elements.subtracting(plain.elements).isEmpty,
      "new elements: \(hostile.elements.subtracting(plain.elements))")
    #expect(
      hostile.attributes.subtracting(plain.attributes).isEmpty,
      "new attributes: \(hostile.attributes.subtracting(plain.attributes))")
    #expect(!hostile.elements.contains("script") && !hostile.elements.contains("iframe"))
    #expect(!hostile.attributes.contains { $0.lowercased().hasPrefix("on") })
  }

  @Test func noForbiddenCharactersLongTextsOrEmailsReachTheFiles() throws {
    let fixture = try Fixture()
    let folder = try Self.site(HostileDatabase.sql(), in: fixture)
    let written = Self.files(in: folder, suffix: "")
    #expect(written.count > 30)
    for file in written {
      let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
      let name = file.lastPathComponent
      #expect(!text.contains("@example.com"), "\(name) leaks an email")
      #expect(!text.contains(String(repeating: "A", count: 200)), "\(name) has a very long string")
      if !name.hasSuffix(".json") {
        // In pages and charts markup from the data is escaped (JSON only needs its quotes escaped).
        #expect(
          !text.contains("\u{FFFD}<script"), "\(name) has the invalid-UTF-8 payload unescaped")
      }
      var isolates = 0
      for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F...0x9F:
          Issue.record("\(name) has control character U+\(String(scalar.value, radix: 16))")
        case 0x202A...0x202E, 0x2066, 0x2067, 0x200E, 0x200F, 0xFFFE, 0xFFFF, 0xFDD0...0xFDEF:
          Issue.record(
            "\(name) has U+\(String(scalar.value, radix: 16)), which data may not bring in")
        case 0x2068: isolates += 1
        case 0x2069: isolates -= 1
        default: break
        }
      }
      #expect(isolates == 0, "\(name) has unbalanced isolates")
    }
  }
}

import Foundation
import Publishing
import S3TestSupport
import Testing

/// The small site the end-to-end tests publish.
enum SampleSite {
  /// Path → (Content-Type, Cache-Control) the objects must be stored with.
  static let expectedHeaders: [String: (String, String)] = [
    "index.html": ("text/html; charset=utf-8", "public, max-age=300"),
    "about/index.html": ("text/html; charset=utf-8", "public, max-age=300"),
    "style.css": ("text/css; charset=utf-8", "public, max-age=300"),
    "charts/genres.svg": ("image/svg+xml", "public, max-age=300"),
    "charts/top artists.svg": ("image/svg+xml", "public, max-age=300"),
    "data/report.json": ("application/json", "public, max-age=300"),
    "favicon.ico": ("image/x-icon", "public, max-age=3600"),
    "images/cover.png": ("image/png", "public, max-age=3600"),
  ]

  /// The marker a build writes into every complete site (`OutputDirectory.marker`).
  static let marker = ".tunedash-site"

  /// Private files a careless user might leave in the folder: never published.
  static let privatePaths = [
    "demo.sqlite", "data/events.db-wal", "site.state", "keys/pseudonym.key",
  ]

  /// How a publish reports the private files: every one is a database by its content or name.
  static var withheld: [WithheldFile] {
    privatePaths.sorted().map { WithheldFile(relativePath: $0, kind: kindByName[$0]!) }
  }

  private static let kindByName: [String: PrivateFile] = [
    "demo.sqlite": .database, "data/events.db-wal": .database, "site.state": .state,
    "keys/pseudonym.key": .key,
  ]

  /// The published paths.
  static var paths: [String] { expectedHeaders.keys.sorted() }

  /// Writes the site, with hidden files that must never be published.
  static func make() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    for path in paths where path != "images/cover.png" {
      try folder.write(path, "content of \(path)\n")
    }
    // Large enough for HTTP clients to send `Expect: 100-continue`.
    let image = Data((0..<1_500_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    try folder.write("images/cover.png", image)
    try folder.write(".tunedash/state.json", "{}")
    try folder.write(".DS_Store", "junk")
    try folder.write(marker, "written by TuneDash\n")
    for path in privatePaths { try folder.write(path, "SQLite format 3\u{0}private") }
    return folder
  }

  /// The moto server of the running suite.
  static var moto: MotoServer {
    get throws { try #require(MotoServer.current, "the suite trait did not start moto") }
  }

  /// A new, empty bucket for one test.
  static func makeBucket(_ label: String) async throws -> String {
    let name = MotoServer.uniqueBucketName(label)
    try await moto.createBucket(name)
    return name
  }
}

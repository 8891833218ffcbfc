import Foundation
import Testing

@testable import Publishing

@Suite("Scanning and planning")
struct PlanTests {
  @Test("The scan walks sub-folders and skips dotfiles, dot-folders and symlinks")
  func scanSkipsHiddenAndLinks() throws {
    let folder = try TemporaryFolder()
    try folder.write("index.html", "<h1>home</h1>")
    try folder.write("style.css", "body{}")
    try folder.write("charts/genres.svg", "<svg/>")
    try folder.write(".DS_Store", "junk")
    try folder.write(".tunedash/cache.json", "{}")
    try folder.write("charts/.hidden.svg", "<svg/>")
    try FileManager.default.createSymbolicLink(
      at: folder.url.appending(path: "link.css"),
      withDestinationURL: folder.url.appending(path: "style.css"))
    try FileManager.default.createSymbolicLink(
      at: folder.url.appending(path: "linked-folder"),
      withDestinationURL: folder.url.appending(path: "charts"))

    try folder.write(SampleSite.marker, "")

    let files = try LocalFolderScanner.scan(folder.url, siteMarker: SampleSite.marker).files
    #expect(files.map(\.relativePath) == ["charts/genres.svg", "index.html", "style.css"])
    let index = try #require(files.first { $0.relativePath == "index.html" })
    #expect(index.size == 13)
    #expect(index.md5 == Digests.md5Hex(Data("<h1>home</h1>".utf8)))
  }

  @Test("A missing folder is a one-line scan error")
  func missingFolder() {
    let url = URL(filePath: "/nonexistent/public")
    #expect(
      throws: PublishError(
        operation: .scan, subject: "/nonexistent/public",
        reason: .unreadableFolder(problem: "the folder does not exist"))
    ) {
      try LocalFolderScanner.scan(url, siteMarker: SampleSite.marker)
    }
  }

  @Test("A folder without the site marker is refused, whatever it holds")
  func folderWithoutMarker() throws {
    let folder = try TemporaryFolder()
    try folder.write("index.html", "<h1>home</h1>")
    try folder.write("demo.sqlite", "SQLite format 3\u{0}")
    #expect(
      throws: PublishError(
        operation: .scan, subject: folder.url.standardizedFileURL.path,
        reason: .notASite(marker: SampleSite.marker))
    ) {
      try LocalFolderScanner.scan(folder.url, siteMarker: SampleSite.marker)
    }
  }

  @Test(
    "Databases, state, keys, locks and email messages are withheld by name or by content, at any depth"
  )
  func privateFilesAreWithheld() throws {
    let folder = try TemporaryFolder()
    try folder.write(SampleSite.marker, "")
    try folder.write("index.html", "<h1>home</h1>")
    try folder.write("notes.txt", "SQLite format 2 is not a database header")
    try folder.write("EVENTS.DB", "any bytes")
    try folder.write("data/copy-of-events", "SQLite format 3\u{0}rest of the page")
    try folder.write("data/events.sqlite-shm", "")
    try folder.write("old/.public.state", "hidden anyway")
    try folder.write("old/site.state", "state")
    try folder.write("old/site.state.day-2026-11-29", "state of a day")
    try folder.write("old/site.state.spare", "the state before the last")
    try folder.write("secrets/pseudonym.key", "k")
    try folder.write("secrets/tls.pem", "p")
    try folder.write("build.lock", "")
    try folder.write("outbox/2026-11-29/listener-0036a25bf896ac0c.EML", "To: a@example.com")
    try folder.write("outbox/2026-11-29/listener-77.eml.partial", "To: b@example.com")
    // A state renamed: told by its first bytes, EngineState's magic number.
    try folder.write("old/STATE-COPY.bin", "TSDT\u{C}\u{0}\u{0}\u{0}rest of a state")

    let scan = try LocalFolderScanner.scan(folder.url, siteMarker: SampleSite.marker)
    #expect(scan.files.map(\.relativePath) == ["index.html", "notes.txt"])
    #expect(
      scan.withheld == [
        WithheldFile(relativePath: "EVENTS.DB", kind: .database),
        WithheldFile(relativePath: "build.lock", kind: .lock),
        WithheldFile(relativePath: "data/copy-of-events", kind: .database),
        WithheldFile(relativePath: "data/events.sqlite-shm", kind: .database),
        WithheldFile(relativePath: "old/STATE-COPY.bin", kind: .state),
        WithheldFile(relativePath: "old/site.state", kind: .state),
        WithheldFile(relativePath: "old/site.state.day-2026-11-29", kind: .state),
        WithheldFile(relativePath: "old/site.state.spare", kind: .state),
        WithheldFile(
          relativePath: "outbox/2026-11-29/listener-0036a25bf896ac0c.EML", kind: .message),
        WithheldFile(relativePath: "outbox/2026-11-29/listener-77.eml.partial", kind: .message),
        WithheldFile(relativePath: "secrets/pseudonym.key", kind: .key),
        WithheldFile(relativePath: "secrets/tls.pem", kind: .key),
      ])
  }

  @Test("New, changed, unchanged and deleted against a synthetic listing")
  func classification() throws {
    let local = [
      file("index.html", "home v2"),
      file("about/index.html", "about"),
      file("style.css", "body{}"),
      file("charts/genres.svg", "<svg>v2</svg>"),
      file("data/report.json", "{}"),
      file("big.png", "png"),
    ]
    let remote = [
      S3Object(key: "site/index.html", size: 7, etag: "\"\(md5("home v1"))\""),
      S3Object(key: "site/about/index.html", size: 5, etag: "\"\(md5("about"))\""),
      S3Object(key: "site/style.css", size: 6, etag: "\"\(md5("body{}").uppercased())\""),
      S3Object(key: "site/charts/genres.svg", size: 5, etag: "\"\(md5("<svg>v1</svg>"))\""),
      S3Object(key: "site/big.png", size: 3, etag: "\"\(md5("png"))-2\""),
      S3Object(key: "site/old.html", size: 1, etag: "\"abc\""),
      S3Object(key: "site/charts/old.svg", size: 1, etag: "\"abc\""),
      S3Object(key: "site/.well-known/security.txt", size: 1, etag: "\"abc\""),
      S3Object(key: "site/drafts/", size: 0, etag: "\"abc\""),
    ]
    let plan = PublishPlan(localFiles: local, remoteObjects: remote, prefix: "site/")

    let changes = Dictionary(uniqueKeysWithValues: plan.uploads.map { ($0.key, $0.change) })
    #expect(
      changes == [
        "site/index.html": .changed, "site/charts/genres.svg": .changed,
        "site/data/report.json": .new, "site/big.png": .changed,
      ])
    #expect(plan.unchanged == ["site/about/index.html", "site/style.css"])
    #expect(plan.deletions == ["site/charts/old.svg", "site/old.html"])
    #expect(plan.uploadBytes == 7 + 13 + 2 + 3)
    #expect(!plan.isEmpty)
  }

  @Test("Uploads go assets first, then pages, then the top-level index.html")
  func uploadOrder() {
    let local = [
      "index.html", "zeta.html", "about/index.html", "style.css", "charts/genres.svg",
      "data/report.json", "favicon.ico", "blog/post.htm",
    ].map { file($0, $0) }
    let plan = PublishPlan(localFiles: local, remoteObjects: [], prefix: "")
    #expect(
      plan.uploads.map(\.key) == [
        "charts/genres.svg", "data/report.json", "favicon.ico", "style.css",
        "about/index.html", "blog/post.htm", "zeta.html",
        "index.html",
      ])
    #expect(plan.uploads(in: .homePage).map(\.key) == ["index.html"])
    #expect(plan.uploads.map(\.phase) == plan.uploads.map(\.phase).sorted())
  }

  @Test("An identical listing gives an empty plan")
  func nothingToDo() {
    let local = [file("index.html", "home")]
    let remote = [S3Object(key: "index.html", size: 4, etag: "\"\(md5("home"))\"")]
    let plan = PublishPlan(localFiles: local, remoteObjects: remote, prefix: "")
    #expect(plan.isEmpty)
    #expect(plan.unchanged == ["index.html"])
  }

  @Test(
    "Content types by extension",
    arguments: [
      ("index.html", "text/html; charset=utf-8"), ("a/B.HTM", "text/html; charset=utf-8"),
      ("style.css", "text/css; charset=utf-8"), ("charts/genres.svg", "image/svg+xml"),
      ("data/report.json", "application/json"), ("app.js", "text/javascript; charset=utf-8"),
      ("logo.png", "image/png"), ("photo.jpg", "image/jpeg"), ("photo.JPEG", "image/jpeg"),
      ("favicon.ico", "image/x-icon"), ("robots.txt", "text/plain; charset=utf-8"),
      ("sitemap.xml", "application/xml"), ("font.woff2", "font/woff2"),
      ("archive.tar.gz", "application/octet-stream"), ("LICENSE", "application/octet-stream"),
      (".hidden", "application/octet-stream"),
    ])
  func contentTypes(_ path: String, _ expected: String) {
    #expect(ObjectHeaders.contentType(forPath: path) == expected)
  }

  /// A page and its charts expire together: a cached chart of an earlier build never stays
  /// beside a new page for longer than the page's five minutes.
  @Test("Cache-Control: five minutes for what a build writes, an hour for the rest")
  func cacheControl() {
    #expect(ObjectHeaders.cacheControl(forPath: "index.html") == "public, max-age=300")
    #expect(ObjectHeaders.cacheControl(forPath: "data/report.json") == "public, max-age=300")
    #expect(ObjectHeaders.cacheControl(forPath: "style.css") == "public, max-age=300")
    #expect(ObjectHeaders.cacheControl(forPath: "charts/genres.svg") == "public, max-age=300")
    #expect(ObjectHeaders.cacheControl(forPath: "images/cover.png") == "public, max-age=3600")
  }

  @Test("Plan entries carry their content type and cache control")
  func planHeaders() {
    let plan = PublishPlan(
      localFiles: [file("charts/genres.svg", "<svg/>")], remoteObjects: [], prefix: "p/")
    #expect(plan.uploads.first?.contentType == "image/svg+xml")
    #expect(plan.uploads.first?.cacheControl == "public, max-age=300")
    #expect(plan.uploads.first?.key == "p/charts/genres.svg")
  }

  @Test("ListObjectsV2 pages and error bodies are read from XML")
  func xmlParsing() throws {
    let page = try #require(
      ListObjectsPage(
        xml: Data(
          """
          <?xml version="1.0" encoding="UTF-8"?>
          <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
            <Name>site</Name><Prefix>blog/</Prefix><KeyCount>2</KeyCount>
            <IsTruncated>true</IsTruncated>
            <Contents><Key>blog/ a&amp;b.html</Key><Size>12</Size>
              <ETag>&quot;9E107D9D372BB6826BD81D3542A419D6&quot;</ETag></Contents>
            <Contents><Key>blog/big.bin</Key><Size>5000000000</Size><ETag>"abc-3"</ETag></Contents>
            <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=\
          </NextContinuationToken>
          </ListBucketResult>
          """.utf8)))
    #expect(
      page.objects == [
        S3Object(key: "blog/ a&b.html", size: 12, etag: "9e107d9d372bb6826bd81d3542a419d6"),
        S3Object(key: "blog/big.bin", size: 5_000_000_000, etag: "abc-3"),
      ])
    #expect(page.isTruncated)
    #expect(page.nextContinuationToken == "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")
    #expect(ListObjectsPage(xml: Data("<Error/>".utf8)) == nil)
    #expect(ListObjectsPage(xml: Data("not xml".utf8)) == nil)

    let error = S3ErrorBody(
      xml: Data(
        "<Error><Code>NoSuchBucket</Code><Message>The bucket does not exist</Message></Error>"
          .utf8))
    #expect(error.code == "NoSuchBucket")
    #expect(error.message == "The bucket does not exist")
    #expect(S3ErrorBody(xml: Data()).code == nil)
  }

  private func md5(_ text: String) -> String { Digests.md5Hex(Data(text.utf8)) }

  private func file(_ path: String, _ content: String) -> LocalFile {
    LocalFile(
      relativePath: path, url: URL(filePath: "/unused/\(path)"),
      size: Int64(content.utf8.count), md5: md5(content))
  }
}

import Foundation
import Publishing
import S3TestSupport
import Testing

/// Publishing into a key prefix, against moto without signature checking.
///
/// moto cannot verify the signature of a listing whose `prefix` holds a `/` (it signs the
/// decoded `prefix=site/` where SigV4 — and AWS — require `prefix=site%2F`; boto3 fails the same
/// way), so this suite runs its own moto with authentication off. Signatures are covered by
/// `S3EndToEndTests` and `SigV4SignerTests`; this suite covers what a prefix changes: listing,
/// keys and deletions stay inside it.
@Suite(
  "End to end against moto, publishing under a prefix",
  .enabled(
    if: S3TestEnvironment.shouldRun,
    "moto is not importable; pip install 'moto[server]' or set TUNEDASH_REQUIRE_S3_TESTS=1"),
  .motoServer(checkingSignatures: false))
struct S3PrefixEndToEndTests {
  @Test("Publishing under a prefix touches nothing outside it")
  func publishUnderPrefix() async throws {
    let moto = try SampleSite.moto
    let bucket = try await SampleSite.makeBucket("prefix")
    let configuration = try moto.configuration()
    let client = try S3Client(bucket: bucket, configuration: configuration)
    for key in ["keep.txt", "other/index.html", "sitemap.xml"] {
      try await client.put(
        key: key, body: Data(key.utf8), contentType: "text/plain", cacheControl: "no-cache")
    }
    let folder = try SampleSite.make()
    let location = try S3Location("s3://\(bucket)//site")
    let publisher = Publisher(configuration: configuration)

    let first = try await publisher.publish(
      from: folder.url, siteMarker: SampleSite.marker, to: location)
    #expect(first.uploaded == SampleSite.paths.count)
    for (path, (contentType, _)) in SampleSite.expectedHeaders {
      let head = try await moto.head(bucket: bucket, key: "site/" + path)
      #expect(head.status == 200, "\(path)")
      #expect(head.headers["content-type"] == contentType, "\(path)")
    }

    try folder.remove("charts/genres.svg")
    try folder.write("index.html", "<h1>new home</h1>")
    let log = ProgressLog()
    let second = try await publisher.publish(
      from: folder.url, siteMarker: SampleSite.marker, to: location, progress: log.record)
    #expect(
      second
        == PublishSummary(
          uploaded: 1, unchanged: SampleSite.paths.count - 2, deleted: 1, bytesUploaded: 17,
          isDryRun: false, withheld: SampleSite.withheld))
    #expect(log.lines.contains("uploaded site/index.html (changed, 17 B)"))
    #expect(log.lines.contains("deleted site/charts/genres.svg"))
    for key in ["keep.txt", "other/index.html", "sitemap.xml"] {
      #expect(try await moto.head(bucket: bucket, key: key).status == 200, "\(key)")
    }

    let listed = try await client.list(prefix: "site/", pageSize: 3)
    #expect(
      listed.map(\.key)
        == SampleSite.paths.filter { $0 != "charts/genres.svg" }.map { "site/" + $0 }.sorted())
  }
}

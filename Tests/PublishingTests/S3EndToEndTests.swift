import Foundation
import Publishing
import S3TestSupport
import Testing

/// Publishing against a real S3-compatible server: moto, started by the suite on 127.0.0.1
/// with IAM signature checking on, so a wrong signature fails. No part of S3 is mocked.
///
/// Two moto limitations shape these tests (both reproduced with boto3, AWS's own SDK, against
/// the same server): its verifier rebuilds the canonical request from an already-decoded URL, so
/// it rejects correct signatures for keys with `$`, `+` or non-ASCII characters and for query
/// values holding `/` — such as every `prefix=site%2F` listing. Keys here therefore use
/// letters, digits, spaces, `-`, `_`, `.` and `/`, sites are published at the bucket root, and
/// pagination uses a prefix without a slash. Prefixed publishing is covered by
/// `S3PrefixEndToEndTests`; the encodings themselves by AWS's vectors in `SigV4SignerTests`.
@Suite(
  "End to end against moto, signatures checked",
  .enabled(
    if: S3TestEnvironment.shouldRun,
    "moto is not importable; pip install 'moto[server]' or set TUNEDASH_REQUIRE_S3_TESTS=1"),
  .motoServer())
struct S3EndToEndTests {
  @Test("First publish uploads every file with its Content-Type and Cache-Control")
  func firstPublish() async throws {
    let moto = try SampleSite.moto
    let bucket = try await SampleSite.makeBucket("first")
    let folder = try SampleSite.make()
    let log = ProgressLog()
    let summary = try await Publisher(configuration: try moto.configuration())
      .publish(
        from: folder.url, siteMarker: SampleSite.marker, to: try S3Location("s3://\(bucket)"),
        progress: log.record)

    let bytes = try SampleSite.paths.reduce(Int64(0)) { $0 + Int64(try folder.read($1).count) }
    #expect(
      summary
        == PublishSummary(
          uploaded: SampleSite.paths.count, unchanged: 0, deleted: 0, bytesUploaded: bytes,
          isDryRun: false, withheld: SampleSite.withheld))

    for (path, (contentType, cacheControl)) in SampleSite.expectedHeaders {
      let head = try await moto.head(bucket: bucket, key: path)
      #expect(head.status == 200, "\(path)")
      #expect(head.headers["content-type"] == contentType, "\(path)")
      #expect(head.headers["cache-control"] == cacheControl, "\(path)")
      #expect(try await moto.get(bucket: bucket, key: path) == (try folder.read(path)), "\(path)")
    }
    for hidden in [".tunedash/state.json", ".DS_Store", SampleSite.marker] + SampleSite.privatePaths
    {
      #expect(try await moto.head(bucket: bucket, key: hidden).status == 404)
    }

    // Phases: every asset before any page, the top-level index.html last.
    let uploaded = log.lines.filter { $0.hasPrefix("uploaded ") }
    #expect(uploaded.count == SampleSite.paths.count)
    #expect(uploaded.last == "uploaded index.html (new, 22 B)")
    let firstPage = try #require(uploaded.firstIndex { $0.contains(".html") })
    #expect(uploaded[firstPage...].allSatisfy { $0.contains(".html") })
    #expect(log.lines.last == summary.description)
  }

  @Test("An incremental publish uploads only the changed file")
  func incrementalPublish() async throws {
    let moto = try SampleSite.moto
    let bucket = try await SampleSite.makeBucket("incremental")
    let folder = try SampleSite.make()
    let publisher = Publisher(configuration: try moto.configuration())
    let location = try S3Location("s3://\(bucket)/")
    _ = try await publisher.publish(from: folder.url, siteMarker: SampleSite.marker, to: location)

    try folder.write("style.css", "body { color: teal }\n")
    let log = ProgressLog()
    let summary = try await publisher.publish(
      from: folder.url, siteMarker: SampleSite.marker, to: location, progress: log.record)

    #expect(
      summary
        == PublishSummary(
          uploaded: 1, unchanged: SampleSite.paths.count - 1, deleted: 0, bytesUploaded: 21,
          isDryRun: false, withheld: SampleSite.withheld))
    #expect(
      log.lines.filter { $0.hasPrefix("uploaded ") } == ["uploaded style.css (changed, 21 B)"])
    #expect(
      try await moto.get(bucket: bucket, key: "style.css") == Data("body { color: teal }\n".utf8))
  }

  @Test("A file removed locally is deleted remotely; keys the publisher never writes stay")
  func deletion() async throws {
    let moto = try SampleSite.moto
    let bucket = try await SampleSite.makeBucket("deletion")
    let folder = try SampleSite.make()
    let configuration = try moto.configuration()
    let location = try S3Location("s3://\(bucket)")
    _ = try await Publisher(configuration: configuration).publish(
      from: folder.url, siteMarker: SampleSite.marker, to: location)
    let client = try S3Client(bucket: bucket, configuration: configuration)
    try await client.put(
      key: ".well-known/security.txt", body: Data("Contact: x".utf8),
      contentType: "text/plain", cacheControl: "no-cache")

    try folder.remove("about/index.html")
    let log = ProgressLog()
    let summary = try await Publisher(configuration: configuration)
      .publish(from: folder.url, siteMarker: SampleSite.marker, to: location, progress: log.record)

    #expect(summary.deleted == 1)
    #expect(summary.uploaded == 0)
    #expect(log.lines.contains("deleted about/index.html"))
    #expect(try await moto.head(bucket: bucket, key: "about/index.html").status == 404)
    #expect(try await moto.head(bucket: bucket, key: ".well-known/security.txt").status == 200)
    #expect(try await moto.head(bucket: bucket, key: "index.html").status == 200)
  }

  @Test("A dry run sends nothing but the listing")
  func dryRun() async throws {
    let moto = try SampleSite.moto
    let bucket = try await SampleSite.makeBucket("dry-run")
    let folder = try SampleSite.make()
    try await FaultProxy.run(upstreamPort: moto.port) { proxy in
      let log = ProgressLog()
      let summary = try await Publisher(configuration: try moto.configuration(port: proxy.port))
        .publish(
          from: folder.url, siteMarker: SampleSite.marker, to: try S3Location("s3://\(bucket)/"),
          dryRun: true,
          progress: log.record)

      #expect(summary.isDryRun)
      #expect(summary.uploaded == SampleSite.paths.count)
      #expect(log.lines.contains("would upload index.html (new, 22 B)"))
      let stats = try await proxy.stats()
      #expect(stats.requests.count == 1)
      #expect(stats.requests.allSatisfy { $0.hasPrefix("GET /\(bucket)?list-type=2") })
    }
    #expect(try await moto.head(bucket: bucket, key: "index.html").status == 404)
  }

  @Test("A wrong secret fails with one clear 403 line that shows no secret")
  func wrongSecret() async throws {
    let moto = try SampleSite.moto
    let bucket = try await SampleSite.makeBucket("wrong-secret")
    let folder = try SampleSite.make()
    let configuration = try moto.configuration(secret: "not-the-secret")
    await #expect {
      _ = try await Publisher(configuration: configuration)
        .publish(
          from: folder.url, siteMarker: SampleSite.marker, to: try S3Location("s3://\(bucket)"))
    } throws: { error in
      guard let error = error as? PublishError else { return false }
      return error.description
        == "listing of s3://\(bucket)/ failed: HTTP 403 Forbidden (SignatureDoesNotMatch)"
        + " — check credentials / bucket policy"
        && error.httpStatus == 403 && !error.description.contains("not-the-secret")
    }

    let client = try S3Client(bucket: bucket, configuration: configuration)
    await #expect {
      try await client.put(
        key: "charts/genres.svg", body: Data("<svg/>".utf8), contentType: "image/svg+xml",
        cacheControl: "public, max-age=3600")
    } throws: { error in
      (error as? PublishError)?.description
        == "upload of charts/genres.svg failed: HTTP 403 Forbidden (SignatureDoesNotMatch)"
        + " — check credentials / bucket policy"
    }
    #expect(try await moto.head(bucket: bucket, key: "charts/genres.svg").status == 404)
  }

  @Test("An unknown access key fails with a 403 line too")
  func unknownAccessKey() async throws {
    let moto = try SampleSite.moto
    let bucket = try await SampleSite.makeBucket("unknown-key")
    let client = try S3Client(
      bucket: bucket, configuration: try moto.configuration(accessKeyID: "AKIAUNKNOWNKEY000000"))
    await #expect {
      _ = try await client.list()
    } throws: { error in
      (error as? PublishError)?.description
        == "listing of s3://\(bucket)/ failed: HTTP 403 Forbidden (InvalidAccessKeyId)"
        + " — check credentials / bucket policy"
    }
  }

  @Test("A missing bucket is named with the endpoint")
  func missingBucket() async throws {
    let moto = try SampleSite.moto
    let bucket = MotoServer.uniqueBucketName("missing")
    let folder = try SampleSite.make()
    await #expect {
      _ = try await Publisher(configuration: try moto.configuration())
        .publish(
          from: folder.url, siteMarker: SampleSite.marker, to: try S3Location("s3://\(bucket)"))
    } throws: { error in
      (error as? PublishError)?.description
        == "listing of s3://\(bucket)/ failed: bucket \(bucket) does not exist at \(moto.endpoint)"
    }
  }

  /// A 307 (a bucket in another region, or a proxy that sends requests elsewhere) is the
  /// answer, never followed: a redirect would carry the signed headers — the access key id, the
  /// signature, a session token — to the host `Location` names.
  @Test("A redirect is never followed")
  func redirectsAreNotFollowed() async throws {
    let moto = try SampleSite.moto
    let bucket = try await SampleSite.makeBucket("redirect")
    try await FaultProxy.run(upstreamPort: moto.port, failures: 1, status: 307) { proxy in
      let client = try S3Client(
        bucket: bucket, configuration: try moto.configuration(port: proxy.port))
      await #expect {
        _ = try await client.list()
      } throws: { error in
        (error as? PublishError)?.httpStatus == 307
      }
      let stats = try await proxy.stats()
      #expect(stats.injected == 1)
      #expect(stats.redirected == 0)
    }
  }

  @Test("HTTP 500 twice, then success: the upload is retried and really stored")
  func transientFailuresAreRetried() async throws {
    let moto = try SampleSite.moto
    let bucket = try await SampleSite.makeBucket("retry")
    try await FaultProxy.run(upstreamPort: moto.port, failures: 2, status: 500) { proxy in
      let client = try S3Client(
        bucket: bucket, configuration: try moto.configuration(port: proxy.port))
      try await client.put(
        key: "charts/genres.svg", body: Data("<svg>retried</svg>".utf8),
        contentType: "image/svg+xml", cacheControl: "public, max-age=3600")
      let stats = try await proxy.stats()
      #expect(stats.injected == 2)
      #expect(stats.forwarded == 1)
      #expect(stats.requests.last == "PUT /\(bucket)/charts/genres.svg -> 200")
    }
    let head = try await moto.head(bucket: bucket, key: "charts/genres.svg")
    #expect(head.status == 200)
    #expect(head.headers["content-type"] == "image/svg+xml")
    #expect(
      try await moto.get(bucket: bucket, key: "charts/genres.svg")
        == Data("<svg>retried</svg>".utf8))
  }

  @Test("A whole publish survives failing uploads behind the proxy")
  func publishThroughFailures() async throws {
    let moto = try SampleSite.moto
    let bucket = try await SampleSite.makeBucket("retry-publish")
    let folder = try SampleSite.make()
    try await FaultProxy.run(upstreamPort: moto.port, failures: 2, status: 503, method: "PUT") {
      proxy in
      let summary = try await Publisher(configuration: try moto.configuration(port: proxy.port))
        .publish(
          from: folder.url, siteMarker: SampleSite.marker, to: try S3Location("s3://\(bucket)/"))
      #expect(summary.uploaded == SampleSite.paths.count)
      #expect(try await proxy.stats().injected == 2)
    }
    for path in SampleSite.paths {
      #expect(try await moto.head(bucket: bucket, key: path).status == 200, "\(path)")
    }
  }

  @Test("A server that keeps failing is given up on after four attempts")
  func persistentFailure() async throws {
    let moto = try SampleSite.moto
    let bucket = try await SampleSite.makeBucket("give-up")
    try await FaultProxy.run(upstreamPort: moto.port, failures: 100, status: 500) { proxy in
      let client = try S3Client(
        bucket: bucket, configuration: try moto.configuration(port: proxy.port))
      await #expect {
        try await client.put(
          key: "index.html", body: Data("<h1>hi</h1>".utf8),
          contentType: "text/html; charset=utf-8", cacheControl: "public, max-age=300")
      } throws: { error in
        (error as? PublishError)?.description
          == "upload of index.html failed: HTTP 500 Internal Server Error (InjectedFault)"
          + " after 4 attempts — the storage service is failing or throttling; try again later"
      }
      #expect(try await proxy.stats().injected == 4)
    }
  }

  @Test("Listings follow continuation tokens")
  func pagination() async throws {
    let moto = try SampleSite.moto
    let bucket = try await SampleSite.makeBucket("pages")
    let writer = try S3Client(bucket: bucket, configuration: try moto.configuration())
    let pages = (1...5).map { "page \($0).html" }
    for key in pages + ["other.html"] {
      try await writer.put(
        key: key, body: Data(key.utf8), contentType: "text/html; charset=utf-8",
        cacheControl: "public, max-age=300")
    }
    try await FaultProxy.run(upstreamPort: moto.port) { proxy in
      let client = try S3Client(
        bucket: bucket, configuration: try moto.configuration(port: proxy.port))
      let objects = try await client.list(prefix: "page", pageSize: 2)
      #expect(objects.map(\.key) == pages)
      #expect(objects.allSatisfy { $0.etag.count == 32 && !$0.etag.contains("\"") })
      #expect(objects.first?.size == Int64("page 1.html".utf8.count))
      #expect(try await proxy.stats().requests.count == 3)
    }
  }
}

import Foundation
import Publishing
import S3TestSupport
import Testing

/// The private state objects of a split build against moto, signatures checked: what goes up
/// comes down byte for byte, stays private, and a prefix lists only its own state objects.
/// (Keys sit at the bucket root: moto cannot check the signature of a listing whose prefix holds
/// a `/`; prefixes are covered through the binary in `S3StateCommandTests`.)
@Suite(
  "State objects against moto, signatures checked",
  .enabled(
    if: S3TestEnvironment.shouldRun,
    "moto is not importable; pip install 'moto[server]' or set TUNEDASH_REQUIRE_S3_TESTS=1"),
  .motoServer())
struct StateStoreTests {
  @Test("A state file goes up private and comes down the same, mode 0600")
  func roundTrip() async throws {
    let moto = try SampleSite.moto
    let bucket = try await SampleSite.makeBucket("states")
    let folder = try TemporaryFolder()
    // Bytes of every value, and more than one network read's worth.
    let bytes = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) })
    try folder.write("part-0.state", bytes)
    let store = StateStore(configuration: try moto.configuration())
    let object = try S3ObjectLocation("s3://\(bucket)//part-0.state")
    #expect(object.key == "part-0.state")
    try await store.upload(file: folder.url.appending(path: "part-0.state"), to: object)

    let head = try await moto.head(bucket: bucket, key: "part-0.state")
    #expect(head.headers["cache-control"] == "private, no-store")
    #expect(head.headers["content-type"] == "application/octet-stream")
    // No grant to anyone but the owner: not AllUsers, not AuthenticatedUsers.
    let acl = try #require(try await moto.acl(bucket: bucket, key: "part-0.state"))
    #expect(acl.contains("FULL_CONTROL"))
    #expect(!acl.contains("AllUsers") && !acl.contains("AuthenticatedUsers"), "\(acl)")

    let copy = folder.url.appending(path: "copy.state")
    #expect(try await store.download(object, to: copy))
    #expect(try Data(contentsOf: copy) == bytes)
    let mode = try FileManager.default.attributesOfItem(atPath: copy.path)[.posixPermissions]
    #expect(mode as? Int == 0o600)

    let missing = try S3ObjectLocation("s3://\(bucket)/part-1.state")
    #expect(try await !store.download(missing, to: folder.url.appending(path: "none.state")))
    #expect(!FileManager.default.fileExists(atPath: folder.url.appending(path: "none.state").path))
  }

  @Test("A prefix lists its own .state objects, in byte order, and nothing deeper")
  func listing() async throws {
    let moto = try SampleSite.moto
    let bucket = try await SampleSite.makeBucket("listing")
    let client = try S3Client(bucket: bucket, configuration: try moto.configuration())
    for key in ["part-2.state", "part-10.state", "part-0.state", "notes.txt", "old/part-0.state"] {
      try await client.put(
        key: key, body: Data(key.utf8), contentType: "text/plain", cacheControl: "no-store")
    }
    let store = StateStore(configuration: try moto.configuration())
    let listed = try await store.states(under: try S3Location("s3://\(bucket)"))
    #expect(
      listed.map(\.description) == [
        "s3://\(bucket)/part-0.state", "s3://\(bucket)/part-10.state",
        "s3://\(bucket)/part-2.state",
      ])
  }
}

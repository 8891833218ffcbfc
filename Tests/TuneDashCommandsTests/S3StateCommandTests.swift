import Foundation
import Publishing
import S3TestSupport
import TestSupport
import Testing

/// A split build whose states travel through object storage: `build --partition I/N
/// --state-out s3://…` in separate processes, then `merge --states s3://…/` (or the objects by
/// name), against moto's real S3 server on loopback. The merged site is the single build's, byte
/// for byte; an incomplete or foreign set is refused as with files.
///
/// moto runs without signature checking here, because it cannot check the signature of a
/// listing under a prefix (`prefix=run%2F`); signatures are checked in the publishing tests,
/// `StateStoreTests` among them.
@Suite(
  "Partition states in object storage, through the binary",
  .enabled(
    if: S3TestEnvironment.shouldRun,
    "moto is not importable; pip install 'moto[server]' or set TUNEDASH_REQUIRE_S3_TESTS=1"),
  .motoServer(checkingSignatures: false))
struct S3StateCommandTests {
  static var moto: MotoServer {
    get throws { try #require(MotoServer.current, "the suite trait did not start moto") }
  }

  /// The binary's environment: moto's credentials (and a region) as publishing takes them, and
  /// the temporary folder (`TMPDIR`) the state files pass through, when one is given.
  static func environment(temporary: String? = nil) throws -> [String: String] {
    let moto = try moto
    var environment = [
      "AWS_ACCESS_KEY_ID": moto.accessKeyID, "AWS_SECRET_ACCESS_KEY": moto.secretAccessKey,
      "AWS_REGION": MotoServer.region,
    ]
    environment["TMPDIR"] = temporary
    return environment
  }

  /// A new bucket; its name.
  static func bucket(_ label: String) async throws -> String {
    let name = MotoServer.uniqueBucketName(label)
    try await moto.createBucket(name)
    return name
  }

  /// Runs the partition builds of `count` at once, each uploading to `PREFIX/part-I.state`.
  static func upload(_ fixture: Fixture, count: Int, to prefix: String) throws -> [String] {
    try PartitionCommandTests.partitionBuilds(
      fixture, count: count, extra: ["--endpoint", try moto.endpoint],
      stateOut: { "\(prefix)part-\($0).state" }, environment: try environment())
  }

  static func merge(
    _ fixture: Fixture, out: String, _ arguments: [String], temporary: String? = nil
  ) throws -> TuneDashBinary.Result {
    try PartitionCommandTests.run(
      ["merge", "--db", fixture.database, "--out", out, "--endpoint", try moto.endpoint]
        + arguments, environment: try environment(temporary: temporary))
  }

  @Test func statesUploadedAndMergedFromAPrefixGiveTheSingleBuildsSite() async throws {
    let fixture = try PartitionCommandTests.demo()
    let bucket = try await Self.bucket("split")
    let single = fixture.path("single")
    let build = try PartitionCommandTests.run(["build", "--db", fixture.database, "--out", single])
    #expect(build.status == 0, "\(build.stderr)")
    let expected = try PartitionCommandTests.files(single)

    // The cut every partition reads, fixed first as a scheduler would.
    let cut = try PartitionCommandTests.run(["cut", "--db", fixture.database])
    #expect(cut.status == 0, "\(cut.stderr)")
    #expect(cut.stdout.wholeMatch(of: /[0-9]+:[0-9]+\n/) != nil, "\(cut.stdout)")
    let prefix = "s3://\(bucket)/runs/one/"
    // The states pass through a temporary folder of this test's own, which must end empty.
    let temporary = fixture.path("tmp")
    try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: false)
    let objects = try PartitionCommandTests.partitionBuilds(
      fixture, count: 3,
      extra: ["--endpoint", try Self.moto.endpoint, "--cut", String(cut.stdout.dropLast())],
      stateOut: { "\(prefix)part-\($0).state" },
      environment: try Self.environment(temporary: temporary))
    let moto = try Self.moto
    for index in 0..<3 {
      let head = try await moto.head(bucket: bucket, key: "runs/one/part-\(index).state")
      #expect(head.status == 200)
      #expect(head.headers["cache-control"] == "private, no-store")
    }

    let fromPrefix = try Self.merge(
      fixture, out: fixture.path("merged"), ["--states", prefix], temporary: temporary)
    #expect(fromPrefix.status == 0, "\(fromPrefix.stderr)")
    #expect(fromPrefix.stdout.contains("(3 partitions merged)"))
    #expect(try PartitionCommandTests.files(fixture.path("merged")) == expected)

    // The objects by name, in any order, work the same.
    let byName = try Self.merge(
      fixture, out: fixture.path("by-name"), objects.reversed(), temporary: temporary)
    #expect(byName.status == 0, "\(byName.stderr)")
    #expect(try PartitionCommandTests.files(fixture.path("by-name")) == expected)
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
  }

  @Test func anIncompleteOrForeignSetIsRefusedAndTheOldSiteStays() async throws {
    let fixture = try PartitionCommandTests.demo()
    let bucket = try await Self.bucket("refused")
    let three = try Self.upload(fixture, count: 3, to: "s3://\(bucket)/three/")
    let two = try Self.upload(fixture, count: 2, to: "s3://\(bucket)/two/")
    let out = fixture.path("site")
    let first = try Self.merge(fixture, out: out, ["--states", "s3://\(bucket)/three/"])
    #expect(first.status == 0, "\(first.stderr)")
    let before = try PartitionCommandTests.files(out)

    // A set with partition 1 missing, and one with partition 1 of another split.
    let client = try S3Client(bucket: bucket, configuration: try Self.moto.configuration())
    func copy(_ from: String, _ to: String) async throws {
      let body = try #require(try await client.get(key: from))
      try await client.put(
        key: to, body: body, contentType: StateStore.contentType,
        cacheControl: StateStore.cacheControl)
    }
    try await copy("two/part-1.state", "mixed/part-1.state")
    for index in [0, 2] {
      try await copy("three/part-\(index).state", "mixed/part-\(index).state")
      try await copy("three/part-\(index).state", "partial/part-\(index).state")
    }
    let cases: [(arguments: [String], status: Int32, message: String)] = [
      (["--states", "s3://\(bucket)/partial/"], 65, "partition 1 of 3 is missing"),
      (
        ["--states", "s3://\(bucket)/mixed/"], 65,
        "s3://\(bucket)/mixed/part-1.state splits the listeners into 2 partitions"
      ),
      ([three[0], three[1], three[1], three[2]], 65, "which another file holds too"),
      (
        [three[0], three[1], "s3://\(bucket)/three/part-7.state"], 66,
        "cannot open the partial state s3://\(bucket)/three/part-7.state"
      ),
      (["--states", "s3://\(bucket)/nothing/"], 66, "there are no .state objects directly under"),
      ([three[0], two[0]], 65, "splits the listeners into 2 partitions"),
    ]
    for (arguments, status, message) in cases {
      let result = try Self.merge(fixture, out: out, arguments)
      #expect(result.status == status, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
      #expect(try PartitionCommandTests.files(out) == before, "\(arguments): the old site changed")
    }
  }

  @Test func storageProblemsAreOneLineAndAnExitCode() async throws {
    let fixture = try PartitionCommandTests.demo()
    let state = ["build", "--db", fixture.database, "--partition", "0/2", "--state-out"]
    // No credentials: refused before the database is read.
    let noKeys = try PartitionCommandTests.run(
      state + ["s3://bucket-x/part-0.state", "--endpoint", try Self.moto.endpoint],
      environment: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""])
    #expect(noKeys.status == 78, "\(noKeys.stderr)")
    #expect(noKeys.stderr.contains("AWS_ACCESS_KEY_ID is not set"))
    // A prefix is not an object.
    let prefix = try PartitionCommandTests.run(
      state + ["s3://bucket-x/run/"], environment: try Self.environment())
    #expect(prefix.status == 78, "\(prefix.stderr)")
    #expect(prefix.stderr.contains("expected s3://BUCKET/KEY"))
    // A bucket that does not exist.
    let noBucket = try PartitionCommandTests.run(
      state + ["s3://no-such-bucket-here/part-0.state", "--endpoint", try Self.moto.endpoint],
      environment: try Self.environment())
    #expect(noBucket.status == 78, "\(noBucket.stderr)")
    #expect(noBucket.stderr.contains("bucket no-such-bucket-here does not exist"))
    #expect(noBucket.stderr.split(separator: "\n").count == 1, "\(noBucket.stderr)")
  }
}

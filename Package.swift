// swift-tools-version: 6.2
import PackageDescription

let package = Package(
  name: "TuneDash",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "tunedash", targets: ["tunedash"])
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    // Schema v1, the source role protocols (event stream, catalog and features, listener
    // directory, contract check), the raw rows every source hands over, the validators that
    // judge them, the catalog and `check`'s summary. No outside dependencies: each kind of
    // database is a target of its own.
    .target(name: "EventStore", dependencies: ["CSystemShims", "Formatting"]),
    // The SQLite `EventSource` (the default): schema v1 read from a file through GRDB over the
    // system's libsqlite3, read-only in one read transaction, rows stepped through SQLite's C API
    // into batches; `init` for SQLite, and the small writing API that `init` and the demo use.
    .target(
      name: "SQLiteSource",
      dependencies: [
        "EventStore",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]
    ),
    // libpq, PostgreSQL's own client library, from the system (Debian: libpq-dev to build,
    // libpq5 to run).
    .systemLibrary(
      name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),
    // The PostgreSQL `EventSource`: schema v1 read from a server through libpq, one read-only
    // repeatable-read transaction per read, rows streamed by binary COPY into batches.
    .target(name: "PostgresSource", dependencies: ["EventStore", "CLibPQ"]),
    // The demo generator: a deterministic world of listeners and tracks, its events, written
    // through SQLiteSource's writing API.
    .target(name: "DemoData", dependencies: ["EventStore", "SQLiteSource", "Workers"]),
    // Calendar dates, locale-free number and date formats, and cleaning of hostile text:
    // shared by the engine, the charts, the pages and the command line. No dependencies.
    .target(name: "Formatting"),
    // The report as plain values (`Report`, ranges, Wilson intervals, time-zone rules): what the
    // site, `report.json` and the digest consume. A leaf: nothing from the database side.
    .target(name: "ReportModel"),
    // Model versions A/B compared per listener: delta method, always-valid intervals. Pure.
    .target(name: "Experiments"),
    // The one-pass engine: accumulators and their chain, each finishing its part of the
    // report, distinct counts, words. Pure: no files, clock or threads (parallel work runs
    // through the loop the caller passes; Workers only for its type).
    .target(
      name: "Engine",
      dependencies: [
        "EventStore", "ReportModel", "Experiments", "Formatting", "Workers", "CSystemShims",
      ]),
    // Builds as lists of named stages over one read snapshot: the scan, the state file for
    // incremental and partitioned builds, the merge, the sound clusters.
    .target(
      name: "BuildPipeline",
      dependencies: [
        "Engine", "EventStore", "ReportModel", "Formatting", "Recommender", "Workers",
        "CSystemShims",
      ]),
    // The one way to run work in parallel: a loop over indexes on every core, a map on it,
    // threads at a lower priority, a value computed beside the caller, a bounded queue.
    .target(name: "Workers", dependencies: ["CSystemShims"]),
    // The content-based recommender: z-scores, K-means, cluster labels, similar songs. Pure: it
    // starts no thread (callers pass a parallel loop).
    .target(name: "Recommender", dependencies: ["Workers"]),
    // Scales, axes and charts as SVG strings. No outside dependencies.
    .target(name: "SVGCharts", dependencies: ["Formatting"]),
    // The weekly digests: who gets one, MIME messages, the outbox, the send log, sendmail. It
    // starts no thread (the command passes a parallel map).
    .target(
      name: "Digest", dependencies: ["ReportModel", "Formatting", "Recommender", "CSystemShims"]),
    // OpenSSL's libcrypto from the system (Debian: libssl-dev to build, libssl3 to run).
    .systemLibrary(
      name: "CLibCrypto", pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"]), .brew(["openssl"])]),
    // SHA-256, HMAC-SHA-256 and MD5 through libcrypto: no cryptography library compiled in.
    .target(name: "Hashing", dependencies: ["CLibCrypto"]),
    // Pseudonyms: a keyed hash (HMAC-SHA-256) of user ids, and the key's storage.
    .target(name: "Privacy", dependencies: ["Hashing"]),
    // The atomic directory exchange (renameat2) that Swift cannot call directly.
    .target(name: "CSystemShims"),
    // Publishing the site to S3-compatible storage: SigV4 signing, the sync plan, retries.
    .target(name: "Publishing", dependencies: ["Formatting", "Hashing"]),
    // Report → view models → Mustache pages and standalone charts → output folder.
    .target(
      name: "SiteBuilder",
      dependencies: [
        "ReportModel", "SVGCharts", "Formatting", "CSystemShims", "Workers",
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      plugins: ["EmbedThemePlugin"]
    ),
    // The commands, their options, output and exit codes.
    .target(
      name: "TuneDashCommands",
      dependencies: [
        "EventStore", "SQLiteSource", "PostgresSource", "DemoData", "ReportModel", "Engine",
        "BuildPipeline", "Recommender", "SiteBuilder", "Formatting", "Privacy", "Publishing",
        "Digest", "Workers", "CSystemShims",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // A thin `@main` over `TuneDashCommands`.
    .executableTarget(
      name: "tunedash",
      dependencies: [
        "TuneDashCommands", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // The fuzz target for text handling (libFuzzer with -DFUZZING, else a randomized run).
    .executableTarget(
      name: "fuzz-text",
      dependencies: [
        "Engine", "BuildPipeline", "ReportModel", "EventStore", "DemoData", "SVGCharts",
        "Formatting",
      ]),
    // A benchmark of the word-cloud layout (scripts/bench runs it; never a test).
    .executableTarget(name: "cloud-bench", dependencies: ["SVGCharts"]),
    // A benchmark of K-means and recommendations on a real catalog (scripts/bench runs it).
    .executableTarget(
      name: "recommender-bench",
      dependencies: ["EventStore", "SQLiteSource", "Recommender", "Workers"]),
    // Build-time tool: turns `site-templates/` into Swift so the binary carries its default theme.
    .executableTarget(name: "EmbedTheme"),
    .plugin(
      name: "EmbedThemePlugin",
      capability: .buildTool(),
      dependencies: ["EmbedTheme"]
    ),
    // Real SQLite fixtures, an in-memory source and a runner for the built binary, for the
    // tests only.
    .target(
      name: "TestSupport",
      dependencies: [
        "EventStore", "SQLiteSource", .product(name: "GRDB", package: "GRDB.swift"),
      ],
      path: "Tests/TestSupport"
    ),
    // moto's S3 server on a loopback port, for the publishing and state-object tests.
    .target(name: "S3TestSupport", dependencies: ["Publishing"], path: "Tests/S3TestSupport"),
    .testTarget(name: "EventStoreTests", dependencies: ["EventStore", "TestSupport"]),
    .testTarget(
      name: "SQLiteSourceTests",
      dependencies: [
        "SQLiteSource", "EventStore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(
      name: "DemoDataTests",
      dependencies: [
        "DemoData", "EventStore", "SQLiteSource", "TestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(name: "FormattingTests", dependencies: ["Formatting"]),
    .testTarget(name: "PostgresSourceTests", dependencies: ["PostgresSource", "EventStore"]),
    .testTarget(
      name: "RecommenderTests",
      dependencies: ["Recommender", "DemoData", "EventStore", "SQLiteSource", "TestSupport"]),
    .testTarget(name: "HashingTests", dependencies: ["Hashing"]),
    .testTarget(name: "PrivacyTests", dependencies: ["Privacy", "TestSupport"]),
    .testTarget(name: "ReportModelTests", dependencies: ["ReportModel"]),
    .testTarget(name: "ExperimentsTests", dependencies: ["Experiments"]),
    .testTarget(
      name: "DigestTests",
      dependencies: [
        "Digest", "ReportModel", "Recommender", "Formatting", "TestSupport", "Workers",
      ]),
    .testTarget(
      name: "EngineTests",
      dependencies: [
        "Engine", "BuildPipeline", "ReportModel", "EventStore", "SQLiteSource", "DemoData",
        "Formatting", "Recommender",
        "TestSupport",
      ]),
    .testTarget(name: "SVGChartsTests", dependencies: ["SVGCharts"]),
    .testTarget(name: "WorkersTests", dependencies: ["Workers"]),
    .testTarget(
      name: "PublishingTests", dependencies: ["Publishing", "Hashing", "S3TestSupport"],
      // A loopback proxy that injects HTTP failures in front of the moto S3 server.
      resources: [.copy("Resources/fault_proxy.py")]),
    .testTarget(
      name: "SiteBuilderTests",
      dependencies: [
        "SiteBuilder", "ReportModel", "BuildPipeline", "Engine", "SQLiteSource", "TestSupport",
        "Workers",
      ]),
    .testTarget(
      name: "TuneDashCommandsTests",
      dependencies: [
        "TuneDashCommands", "tunedash", "DemoData", "EventStore", "TestSupport",
        .product(name: "GRDB", package: "GRDB.swift"), "Hashing", "Publishing",
        "S3TestSupport",
      ],
      // The golden reports are read from the source folder (ReportGoldenTests), not bundled.
      exclude: ["Golden"],
      // The MIME checker (Python's email package, html5lib) and the loopback SMTP server
      // (aiosmtpd) of the digest tests.
      resources: [.copy("Resources/check_mail.py"), .copy("Resources/smtp_sink.py")]),
  ],
  swiftLanguageModes: [.v6]
)

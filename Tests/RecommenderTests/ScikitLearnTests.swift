import DemoData
import EventStore
import Foundation
import SQLiteSource
import TestSupport
import Testing

@testable import Recommender

/// The clustering's inertia against scikit-learn's `KMeans(n_clusters=17, n_init=10)` on the
/// same standardised features of the demo catalog: ours must be within 2% (lower is better and
/// passes). scikit-learn runs as a separate Python process on the z-scores written to a file.
@Suite(
  "Inertia against scikit-learn",
  .enabled(
    if: ScikitLearn.available
      || ProcessInfo.processInfo.environment["TUNEDASH_REQUIRE_PYTHON_TOOLS"] == "1",
    "python3 cannot import sklearn: pip install scikit-learn (CI sets TUNEDASH_REQUIRE_PYTHON_TOOLS=1)"
  ))
struct ScikitLearnTests {
  @Test func demoCatalogInertiaIsWithinTwoPercentOfScikitLearn() throws {
    let catalog = try ScikitLearn.demoCatalog()
    let folder = try TemporaryFolder.make()
    #expect(catalog.tracks.count == 4_000)
    let model = ContentRecommender(catalog: catalog, clusters: 17)

    let d = catalog.features.count
    let csv = stride(from: 0, to: model.z.count, by: d).map { start in
      model.z[start..<(start + d)].map { String($0) }.joined(separator: ",")
    }.joined(separator: "\n")
    let file = folder.appendingPathComponent("z.csv")
    try csv.write(to: file, atomically: true, encoding: .utf8)
    let reference = try ScikitLearn.inertia(of: file.path, clusters: 17)
    // Ours may be lower (better); it must not be more than 2% higher.
    #expect(
      model.clustering.inertia <= reference * 1.02,
      "ours \(model.clustering.inertia), scikit-learn \(reference)")
  }
}

/// Runs scikit-learn in a child process.
enum ScikitLearn {
  static let available: Bool = (try? run("import sklearn")) != nil

  /// The catalog both scikit-learn checks compare on: a 4,000-track demo's features.
  static func demoCatalog() throws -> FeatureCatalog {
    let folder = try TemporaryFolder.make()
    let path = folder.appendingPathComponent("demo.sqlite").path
    try DemoDatabase.create(
      at: path, options: DemoOptions(users: 50, tracks: 4_000, events: 1_000, feedback: 200))
    let rows = try SourceDatabase(path: path).read { try $0.trackFeatures() }
    return FeatureCatalog(
      columns: rows.columns,
      rows: rows.rows.map { ($0.id, $0.title, $0.artist, $0.genres, $0.values) })
  }

  /// scikit-learn's `KMeans(n_clusters:, n_init=10, random_state=0)` inertia on a CSV of rows.
  static func inertia(of csv: String, clusters: Int) throws -> Double {
    let output = try run(
      """
      import numpy, sys
      from sklearn.cluster import KMeans
      x = numpy.loadtxt(sys.argv[1], delimiter=",")
      print(repr(KMeans(n_clusters=\(clusters), n_init=10, random_state=0).fit(x).inertia_))
      """, arguments: [csv])
    return try #require(Double(output.trimmingCharacters(in: .whitespacesAndNewlines)))
  }

  @discardableResult
  static func run(_ script: String, arguments: [String] = []) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    return String(decoding: data, as: UTF8.self)
  }
}

import EventStore
import Foundation
import ReportModel
import Testing

@testable import BuildPipeline

/// The whole sound model kept in a state (``KeptSound``) applies only where the next build
/// would make the same one.
@Suite("KeptSound")
struct KeptSoundTests {
  static let catalog = Catalog(trackIDs: ["a", "b", "c"], genres: [])

  static func model(energy: Double) -> SoundModel {
    let report = SoundReport(
      features: ["energy"],
      clusters: [
        SoundCluster(id: 0, label: "calm", tracks: 3, centroid: ["energy": energy], x: 0, y: 0)
      ], noFeatures: 0, explainedVariance: [1], restarts: 1)
    return SoundModel(clusterOfTrack: [0, 0, 0], report: report, cache: nil)
  }

  static func features(digest: UInt64?) -> TrackFeatureValues {
    var features = TrackFeatureValues(columns: ["energy"])
    features.rowsDigest = digest
    return features
  }

  @Test func itAppliesOnlyToTheSameFeatureRowsKCatalogAndProgram() throws {
    let kept = try #require(
      KeptSound(
        Self.model(energy: 0.5), features: Self.features(digest: 42), clusters: 1,
        catalog: Self.catalog, program: 7))
    #expect(kept.applies(featureRows: 42, clusters: 1, catalog: Self.catalog, program: 7))
    #expect(!kept.applies(featureRows: 43, clusters: 1, catalog: Self.catalog, program: 7))
    #expect(!kept.applies(featureRows: nil, clusters: 1, catalog: Self.catalog, program: 7))
    #expect(!kept.applies(featureRows: 42, clusters: 2, catalog: Self.catalog, program: 7))
    // Another build of TuneDash (its labels or rounding may differ) makes the model anew.
    #expect(!kept.applies(featureRows: 42, clusters: 1, catalog: Self.catalog, program: 8))
    #expect(!kept.applies(featureRows: 42, clusters: 1, catalog: Self.catalog, program: nil))
    let other = Catalog(trackIDs: ["a", "b", "d"], genres: [])
    #expect(!kept.applies(featureRows: 42, clusters: 1, catalog: other, program: 7))
  }

  @Test func nothingIsKeptWithoutADigestAProgramOrAReportThatEncodes() {
    let features = Self.features(digest: 42)
    #expect(
      KeptSound(
        Self.model(energy: 0.5), features: Self.features(digest: nil), clusters: 1,
        catalog: Self.catalog, program: 7) == nil)
    #expect(
      KeptSound(
        Self.model(energy: 0.5), features: features, clusters: 1, catalog: Self.catalog,
        program: nil) == nil)
    // JSON has no infinity: such a model is made anew each build, the rest of the state kept.
    #expect(
      KeptSound(
        Self.model(energy: .infinity), features: features, clusters: 1, catalog: Self.catalog,
        program: 7) == nil)
  }

  @Test func theRunningProgramHasAnIdentity() {
    #expect(ProgramIdentity.current != nil)
  }
}

import BuildPipeline
import EventStore
import Recommender
import SQLiteSource
import TestSupport
import Testing

/// The digest's recommender takes the site build's clusters instead of running K-means again —
/// only when they are exactly what K-means would give it.
@Suite("Saved clusters")
struct SavedClustersTests {
  static let clusters = IncrementalBuildTests.options.clusters

  /// The fixture's catalog and features, and the state of a build of it.
  static func built() throws -> (Fixture, Catalog, TrackFeatureRows, SavedClusters, [UInt8]) {
    let fixture = try IncrementalBuildTests.demo()
    let state = try #require(try IncrementalBuildTests.build(fixture, state: nil).state?.bytes)
    let saved = try #require(SavedClusters(state: StateSource(bytes: state)))
    let (catalog, rows) = try SourceDatabase(path: fixture.database).read { reader in
      (try reader.loadCatalog(), try reader.trackFeatures())
    }
    return (fixture, catalog, rows, saved, state)
  }

  /// The same centroids, assignments, inertia and iterations as K-means run by the recommender,
  /// and so the same songs for every seed.
  @Test func theSiteBuildsClustersAreTheOnesTheRecommenderMakes() throws {
    let (_, catalog, rows, saved, _) = try Self.built()
    let features = FeatureCatalog(rows)
    let fresh = ContentRecommender(catalog: features, clusters: Self.clusters)
    let clustering = try #require(
      saved.clustering(of: features, catalog: catalog, clusters: Self.clusters))
    #expect(clustering == fresh.clustering)
    #expect(fresh.clusterCount == Self.clusters)
    let kept = ContentRecommender(catalog: features, clustering: clustering)
    #expect(kept.labels == fresh.labels)
    for seed in stride(from: 0, to: features.tracks.count, by: 23) {
      #expect(kept.similar(to: [seed], count: 10) == fresh.similar(to: [seed], count: 10))
    }
  }

  /// Another k, one value changed, one track fewer, or not a state of this version: none.
  @Test func theyApplyOnlyToTheSameFeaturesCatalogAndK() throws {
    let (_, catalog, rows, saved, state) = try Self.built()
    let features = FeatureCatalog(rows)
    #expect(saved.clustering(of: features, catalog: catalog, clusters: Self.clusters + 1) == nil)
    var changed = rows
    let value = try #require(changed.rows[7].values[2])
    changed.rows[7].values[2] = value + 0.001
    #expect(
      saved.clustering(of: FeatureCatalog(changed), catalog: catalog, clusters: Self.clusters)
        == nil)
    var fewer = rows
    fewer.rows.removeLast()
    #expect(
      saved.clustering(of: FeatureCatalog(fewer), catalog: catalog, clusters: Self.clusters)
        == nil)
    #expect(SavedClusters(state: StateSource(bytes: [1, 2, 3])) == nil)
    // A damaged cluster number (the digest covers the features, not the result): refused, where
    // the recommender would trap on it.
    func integer(at offset: Int) -> Int {
      state[offset..<offset + 8].reversed().reduce(0) { $0 << 8 | Int($1) }
    }
    let last = try #require(StateTable(state).marks.last)
    // The sound section: a flag, the clusters' digest, the assignments' count, the first one.
    var damaged = state
    #expect(damaged[last] == 1 && integer(at: last + 9) == features.tracks.count)
    damaged.replaceSubrange(last + 17..<last + 21, with: [0xE8, 0x03, 0, 0])  // 1,000
    // As a damaged file: the section's checksum refuses it.
    #expect(SavedClusters(state: StateSource(bytes: damaged)) == nil)
    // Written so (its checksum made for these bytes): refused where the recommender would trap.
    damaged = StateTable.checksummedAnew(damaged)
    let broken = try #require(SavedClusters(state: StateSource(bytes: damaged)))
    #expect(broken.clustering(of: features, catalog: catalog, clusters: Self.clusters) == nil)
  }
}

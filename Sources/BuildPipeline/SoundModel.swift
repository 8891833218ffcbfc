import Engine
import EventStore
import Foundation
import Recommender
import ReportModel
import Workers

/// The catalog's sound clusters as a build shows them: the content recommender's K-means
/// clusters (the same catalog and k give the same clusters as `tunedash recommend`), each
/// catalog track's cluster, and the sound map's positions.
///
/// Clusters are numbered from 1 in the report and on the page. The sound map places each
/// cluster at its centroid's first two principal components of the standardised catalog.
public struct SoundModel: Sendable {
  /// `[catalog track]`: the track's cluster, numbered from 1; 0 for a track without features.
  let clusterOfTrack: [Int32]
  /// What `report.json` says about the clusters.
  let report: SoundReport
  /// The clustering, for the next build of the same catalog; `nil` without clusters.
  let cache: SoundCache?

  /// Clusters the tracks of `rows` with features into `clusters` groups and maps them onto
  /// `catalog`'s tracks; `nil` for an empty catalog. Without a single track with features the
  /// model has no cluster, and counts every track as without features.
  /// With a `cache` of the same catalog and k (see ``SoundCache/digest(of:catalog:kMeans:)``), its
  /// clusters are used instead of running K-means again; its restarts run on every core, at a lower
  /// scheduling priority (beside a build's scan) with `lowPriority`.
  init?(
    features: TrackFeatureValues, catalog: Catalog, clusters: Int, cache: SoundCache? = nil,
    lowPriority: Bool = false
  ) {
    guard catalog.trackCount > 0 else { return nil }
    let names = features.columns.compactMap(AudioFeature.init(rawValue:))
    guard !features.tracks.isEmpty, clusters > 0, names.count == features.columns.count else {
      clusterOfTrack = Array(repeating: 0, count: catalog.trackCount)
      report = SoundReport(
        features: features.columns, clusters: [], noFeatures: catalog.trackCount,
        explainedVariance: [], restarts: ContentRecommender.defaultRestarts,
        missingColumn: features.missingColumn)
      self.cache = nil
      return
    }
    let d = names.count
    let z = Standardizer(values: features.values, dimensions: d).standardize(
      values: features.values)
    // The recommender's own settings: the same catalog and k give `recommend`'s clusters.
    var kMeans = ContentRecommender.kMeans(clusters: clusters)
    let digest = SoundCache.digest(of: features, catalog: catalog, kMeans: kMeans)
    let clustering: SoundCache
    if let cache, cache.fits(digest: digest, tracks: features.tracks.count, dimensions: d) {
      clustering = cache
    } else {
      kMeans.loop = Workers.loop(priority: lowPriority ? .low : .normal)
      clustering = SoundCache(digest: digest, kMeans.fit(z, dimensions: d))
    }
    self.cache = clustering
    let k = clustering.centroids.count / d
    let labels = ClusterLabel.labels(centroids: clustering.centroids, features: names, count: k)
    var clusterOfTrack = [Int32](repeating: 0, count: catalog.trackCount)
    var sizes = [Int](repeating: 0, count: k)
    for (index, track) in features.tracks.enumerated() {
      let cluster = Int(clustering.assignments[index])
      sizes[cluster] += 1
      clusterOfTrack[Int(track)] = Int32(cluster + 1)
    }
    let map = SoundMapProjection(z: z, dimensions: d)
    let clusters = (0..<k).map { c in
      let centroid = Array(clustering.centroids[(c * d)..<(c * d + d)])
      let position = map.project(centroid)
      return SoundCluster(
        id: c + 1, label: labels[c], tracks: sizes[c],
        centroid: Dictionary(
          uniqueKeysWithValues: zip(features.columns, centroid.map(Rounding.ratio))),
        x: Rounding.ratio(position.x), y: Rounding.ratio(position.y))
    }
    self.clusterOfTrack = clusterOfTrack
    report = SoundReport(
      features: features.columns, clusters: clusters,
      noFeatures: clusterOfTrack.count { $0 == 0 },
      explainedVariance: map.explainedVariance.map(Rounding.ratio),
      restarts: ContentRecommender.defaultRestarts)
  }

  /// A model made before (``KeptSound``).
  init(clusterOfTrack: [Int32], report: SoundReport, cache: SoundCache?) {
    (self.clusterOfTrack, self.report, self.cache) = (clusterOfTrack, report, cache)
  }

  /// Each cluster's likes and dislikes in `slot`, then the row of tracks without features
  /// (when the catalog has any); empty when no track has features.
  func ratings(slot: Int, feedback: FeedbackTally) -> [ClusterRating] {
    let k = report.clusters.count
    guard k > 0 else { return [] }
    var likes = [Int](repeating: 0, count: k + 1)
    var dislikes = [Int](repeating: 0, count: k + 1)
    for track in clusterOfTrack.indices {
      let counts = feedback.track(track, slot: slot)
      let cluster = Int(clusterOfTrack[track])
      likes[cluster] += counts.likes
      dislikes[cluster] += counts.dislikes
    }
    var rows = report.clusters.map {
      ClusterRating(
        cluster: $0.id, label: $0.label, tracks: $0.tracks, likes: likes[$0.id],
        dislikes: dislikes[$0.id])
    }
    if report.noFeatures > 0 {
      rows.append(
        ClusterRating(
          cluster: nil, label: "no features", tracks: report.noFeatures, likes: likes[0],
          dislikes: dislikes[0]))
    }
    return rows
  }
}

/// The sound map's axes: the first two principal components of the standardised catalog (see
/// ``PrincipalComponents``).
struct SoundMapProjection {
  let explainedVariance: [Double]
  private let components: PrincipalComponents?

  init(z: [Double], dimensions: Int) {
    guard dimensions >= 2, z.count >= 2 * dimensions else {
      components = nil
      explainedVariance = []
      return
    }
    let pca = PrincipalComponents(rows: z, dimensions: dimensions)
    components = pca
    explainedVariance = Array(pca.explainedVarianceRatio.prefix(2))
  }

  /// A point's place on the map (0, 0 without components).
  func project(_ point: [Double]) -> (x: Double, y: Double) {
    components?.project(point) ?? (0, 0)
  }
}

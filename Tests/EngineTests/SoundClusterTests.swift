import BuildPipeline
import Engine
import EventStore
import Foundation
import ReportModel
import TestSupport
import Testing

/// Sound clusters on the small service with audio features worked out by hand.
///
/// t1 (0.1, 0.1, 0.1, 100, 0.1), t2 (0.2, 0.2, 0.2, 111.25, 0.2), t3 (0.9, 0.9, 0.9, 190, 0.9),
/// t4 without features. Every feature is the same shape (tempo is 112.5× plus 88.75), so each
/// has mean 0.4, deviations −0.3, −0.2, 0.5 (tempo × 112.5), population sd √(0.38 ÷ 3) = 0.3559026
/// and z-scores −0.8429272, −0.5619515, 1.4048787. With k = 2 the clusters are {t1, t2}, centroid
/// −0.7024394 on every feature, and {t3}, 1.4048787.
@Suite("Sound clusters, worked out by hand")
struct SoundClusterTests {
  /// The small service with t1, t2 and t3's features, in memory.
  static var source: MemorySource {
    var source = SmallService.source
    let features: [String: Double] = ["t1": 0.1, "t2": 0.2, "t3": 0.9]
    let tempo: [String: Double] = ["t1": 100, "t2": 111.25, "t3": 190]
    for index in source.tracks.indices {
      let id = source.tracks[index].id
      guard let value = features[id], let tempo = tempo[id] else { continue }
      source.tracks[index].features = [
        "danceability": value, "energy": value, "valence": value, "tempo": tempo,
        "acousticness": value,
      ]
    }
    return source
  }

  let report: Report

  init() throws {
    let options = ReportOptions(
      asOf: SmallService.asOf, minRatings: 1, minUsers: 1, clusters: 2)
    report = try ReportPipeline.build(from: Self.source, options: options) { ids in
      Dictionary(uniqueKeysWithValues: ids.map { ($0, $0) })
    }
  }

  @Test func clusters() throws {
    let sound = try #require(report.sound)
    #expect(sound.features == ["danceability", "energy", "valence", "tempo", "acousticness"])
    #expect(sound.noFeatures == 1)
    let pair = try #require(sound.clusters.first { $0.tracks == 2 })
    let single = try #require(sound.clusters.first { $0.tracks == 1 })
    #expect(Set(sound.clusters.map(\.id)) == [1, 2])
    #expect(
      pair.centroid.count == 5 && pair.centroid.values.allSatisfy { abs($0 - -0.702439) < 1e-6 })
    #expect(single.centroid.values.allSatisfy { abs($0 - 1.404879) < 1e-6 })
    // Three words for |z| ≥ 0.5 (all five tie here, up to rounding): the low words for the
    // pair, the high ones for the single track.
    let low: Set = ["not for dancing", "calm", "melancholic", "slow", "electronic"]
    let high: Set = ["danceable", "energetic", "cheerful", "fast", "acoustic"]
    let pairWords = pair.label.components(separatedBy: " · ")
    let singleWords = single.label.components(separatedBy: " · ")
    #expect(pairWords.count == 3 && low.isSuperset(of: pairWords))
    #expect(singleWords.count == 3 && high.isSuperset(of: singleWords))
    // Every feature moves together: the first component is (1, 1, 1, 1, 1) ÷ √5 and holds all
    // the variance; a centroid c on every feature sits at x = 5c ÷ √5 = c·√5, y = 0.
    #expect(sound.explainedVariance.first == 1)
    #expect(abs(pair.x - -0.702439 * 5.squareRoot()) < 1e-5 && abs(pair.y) < 1e-6)
    #expect(abs(single.x - 1.404879 * 5.squareRoot()) < 1e-5 && abs(single.y) < 1e-6)
  }

  /// A feature far beyond any share, tempo or loudness — here the largest `Double`, which would
  /// overflow the standardising sums into NaN — leaves its track without a position, like a NULL
  /// one: the clusters and the whole report are the ones worked out by hand.
  @Test func anAbsurdFeatureLeavesItsTrackWithoutAPosition() throws {
    var source = Self.source
    let index = try #require(source.tracks.firstIndex { $0.id == "t4" })
    source.tracks[index].features = [
      "danceability": 0.5, "energy": 0.5, "valence": 0.5, "tempo": .greatestFiniteMagnitude,
      "acousticness": 0.5,
    ]
    let options = ReportOptions(asOf: SmallService.asOf, minRatings: 1, minUsers: 1, clusters: 2)
    let absurd = try ReportPipeline.build(from: source, options: options) { ids in
      Dictionary(uniqueKeysWithValues: ids.map { ($0, $0) })
    }
    #expect(absurd == report)
    #expect(TrackFeatureRows.usable(1e6) == 1e6)
    #expect(TrackFeatureRows.usable(-1_000_001) == nil)
    #expect(TrackFeatureRows.usable(.nan) == nil)
  }

  @Test func likeRatioByCluster() throws {
    let sound = try #require(report.sound)
    let pair = try #require(sound.clusters.first { $0.tracks == 2 }).id
    let single = try #require(sound.clusters.first { $0.tracks == 1 }).id
    func rows(_ range: RangeKey) -> [String: [Int]] {
      Dictionary(
        uniqueKeysWithValues: (report[range].quality?.byCluster ?? []).map {
          (
            $0.cluster.map { $0 == pair ? "t1 t2" : $0 == single ? "t3" : "?" } ?? $0.label,
            [$0.tracks, $0.likes, $0.dislikes]
          )
        })
    }
    // Last 30 days: t1 like + dislike, t2 dislike (A − 8D), t3 like; t4 none.
    #expect(rows(.days30) == ["t1 t2": [2, 1, 2], "t3": [1, 1, 0], "no features": [1, 0, 0]])
    // All time adds t2's like at A − 45D.
    #expect(rows(.all) == ["t1 t2": [2, 2, 2], "t3": [1, 1, 0], "no features": [1, 0, 0]])
    // The "no features" row comes last.
    #expect(report[.all].quality?.byCluster.last?.cluster == nil)
  }
}

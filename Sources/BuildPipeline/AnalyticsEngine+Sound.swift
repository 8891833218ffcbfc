import Engine
import ReportModel

extension AnalyticsEngine {
  /// Adds the sound clusters to a report ``AnalyticsEngine/finish(_:loop:)`` made: the clusters, and the ratings of
  /// each cluster's tracks in every range. Nothing without a model (no track has features).
  func add(_ sound: SoundModel?, to report: inout Report) {
    guard let sound else { return }
    report.sound = sound.report
    for range in RangeKey.allCases {
      report.ranges[range].quality?.byCluster = sound.ratings(
        slot: Windows.currentSlot(range), feedback: feedback)
    }
  }
}

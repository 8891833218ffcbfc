import ArgumentParser
import EventStore
import Formatting
import Foundation
import Recommender
import ReportModel
import Workers

/// `tunedash evaluate`: how the built-in recommender would do on the service's own listeners.
struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Score the content recommender on this service's listeners (leave-one-out on likes).",
    discussion: """
      For every listener with at least 5 liked tracks that have audio features: hide their latest \
      like, recommend 10 songs from the others (leaving out every other track they rated), and \
      score hit rate@10 and NDCG@10, plus the coverage and mean popularity of all the lists. The \
      same for two baselines: the 10 most-liked tracks, and 10 random tracks (seeded). A sanity \
      check of the content model on the service's own data, not a production A/B test.

      \(ExitStatus.helpText)
      """)

  @OptionGroup var database: SourceOption

  /// The source database's location, as given.
  var db: String { database.db }

  @Option(name: .long, parsing: .unconditional, help: "How many sound clusters K-means makes.")
  var clusters = 17

  @Flag(name: .long, help: "Print JSON instead of a table.")
  var json = false

  func validate() throws {
    guard clusters >= 1 else {
      throw ValidationError("--clusters must be at least 1, not \(clusters)")
    }
  }

  func run() throws {
    do {
      let source = try SourceLocation.open(db)
      let (features, ratings, catalog) = try source.read { try Self.read($0) }
      let model = ContentRecommender(
        catalog: FeatureCatalog(features), clusters: clusters, loop: Workers.loop())
      let (listeners, likeCounts) = Self.listeners(ratings, catalog: catalog, model: model)
      let evaluation = OfflineEvaluation(model: model, listeners: listeners, likeCounts: likeCounts)
      StandardStream.standardOutput.write(
        json ? EvaluationOutput.json(evaluation) : EvaluationOutput.table(evaluation))
    } catch {
      throw Failure.report(error)
    }
  }

  /// Every track's features, every valid rating of the cut (in id order) and the catalog the
  /// ratings' track indices refer to.
  static func read(_ reader: some EventStream & CatalogReader) throws -> (
    TrackFeatureRows, [FeedbackRow], Catalog
  ) {
    let cut = try reader.cut()
    let catalog = try reader.loadCatalog()
    var (users, labels, issues) = (ByteInterner(), ByteInterner(), RowIssueCounts())
    var ratings: [FeedbackRow] = []
    try reader.scanFeedback(
      .ids(.upTo(cut.maxFeedbackID)), catalog: catalog, asOf: EventTime.end, users: &users,
      labels: &labels, issues: &issues
    ) { ratings.append($0) }
    return (try reader.trackFeatures(), ratings, catalog)
  }

  /// Each rater's likes (oldest first, by time then feedback id) and rated tracks, as positions
  /// in the model's catalog (tracks without features left out), and every track's like count.
  static func listeners(_ ratings: [FeedbackRow], catalog: Catalog, model: ContentRecommender)
    -> ([OfflineEvaluation.Listener], [Int])
  {
    let position = (0..<catalog.trackCount).map {
      model.index(of: catalog.tracks.string(at: Int32($0)))
    }
    var likes: [Int32: [(time: Int64, id: Int64, track: Int)]] = [:]
    var rated: [Int32: Set<Int>] = [:]
    var likeCounts = [Int](repeating: 0, count: model.catalog.tracks.count)
    for rating in ratings {
      guard let track = position[Int(rating.track)] else { continue }
      rated[rating.user, default: []].insert(track)
      if rating.isLike {
        likes[rating.user, default: []].append((rating.time, rating.id, track))
        likeCounts[track] += 1
      }
    }
    let listeners = likes.keys.sorted().map { user in
      let ordered = likes[user]!.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
      return OfflineEvaluation.Listener(likes: ordered.map(\.track), rated: rated[user] ?? [])
    }
    return (listeners, likeCounts)
  }
}

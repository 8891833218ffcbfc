import Formatting
import Mustache
import ReportModel
import SVGCharts

/// The Recommendation quality section: which sounds are liked (like ratio by sound cluster and
/// the sound map), how widely the rated recommendations spread over the catalog (coverage, the
/// Gini coefficient), whether they lean to what is already popular (head vs tail), how novel
/// they are, and how new listeners fare against established ones.
struct RecommendationQualitySection: DashboardSection {
  var id: String { "recs-quality" }

  func view(_ page: inout SectionContext) -> RecommendationQualityView {
    guard let quality = page.data.quality, quality.catalogTracks > 0 else {
      return RecommendationQualityView(
        cards: [], clusters: nil, soundMap: nil, popularity: nil, tenure: nil, hasData: false)
    }
    let comparison = page.range.days.map { "vs previous \($0) days" }
    let previous = quality.previous
    var cards = [
      CardView.ratio(
        label: "Catalog coverage", value: quality.coverage, previous: previous?.coverage,
        comparison: comparison,
        detail:
          "\(NumberFormat.grouped(quality.ratedTracks)) of \(NumberFormat.count(quality.catalogTracks, "track")) rated",
        sparkline: nil),
      CardView.count(
        label: "Tracks played", value: quality.playedTracks, previous: previous?.playedTracks,
        comparison: comparison,
        detail:
          "of \(NumberFormat.count(quality.catalogTracks, "catalog track")), at least one play"),
      CardView.decimal(
        label: "Spread of ratings (Gini)", value: quality.gini, previous: previous?.gini,
        comparison: comparison,
        detail: quality.gini == nil
          ? "No ratings in this range."
          : "0 = every track rated as often; 1 = all ratings on one track",
        higherIsBetter: false),
    ]
    if let tailShare = quality.tailShare, let headTracks = quality.headTracks {
      cards.append(
        .ratio(
          label: "Ratings beyond the popular head", value: tailShare, previous: previous?.tailShare,
          comparison: comparison,
          detail:
            "the head: the \(NumberFormat.count(headTracks, "most-played track")) holding 80% of plays",
          sparkline: nil))
    }
    cards.append(
      .decimal(
        label: "Novelty", value: quality.novelty, previous: previous?.novelty,
        comparison: comparison,
        detail: "bits: higher when the rated tracks were played by fewer listeners"))
    var popularity: ChartView?
    if let head = quality.head, let tail = quality.tail {
      popularity = popularityChart(head: head, tail: tail, page: &page)
    }
    return RecommendationQualityView(
      cards: cards, clusters: SoundClusterCharts.clusterChart(quality, page: &page),
      soundMap: SoundClusterCharts.soundMap(quality, page: &page),
      popularity: popularity, tenure: tenureChart(quality.byTenure, page: &page), hasData: true)
  }

  /// Like ratio of head and tail tracks with Wilson whiskers.
  func popularityChart(head: RatedGroup, tail: RatedGroup, page: inout SectionContext) -> ChartView
  {
    let head = RatedGroup(name: "popular head", likes: head.likes, dislikes: head.dislikes)
    let tail = RatedGroup(name: "tail", likes: tail.likes, dislikes: tail.dislikes)
    let groups = [head, tail].filter { $0.likes + $0.dislikes > 0 }
    return RatedGroupChart(
      name: "popularity-bias", title: "Like ratio, popular head vs tail",
      note:
        "Tracks sorted by plays in the range; the head is the shortest top of that list holding 80% of the plays, the tail every other track. Whiskers: 95% Wilson interval.",
      nameHeader: "Tracks", reference: page.data.feedback.likeRatio, folded: nil
    ).chart(summary: Self.summary(groups), groups: groups, all: [head, tail], page: &page)
  }

  /// Like ratio by the rater's tenure, with Wilson whiskers.
  func tenureChart(_ buckets: [TenureRating], page: inout SectionContext) -> ChartView? {
    guard !buckets.isEmpty else { return nil }
    let all = buckets.map { RatedGroup(name: $0.label, likes: $0.likes, dislikes: $0.dislikes) }
    let groups = all.filter { $0.likes + $0.dislikes > 0 }
    return RatedGroupChart(
      name: "tenure", title: "Like ratio, new vs established listeners",
      note:
        "Tenure when rating: whole days from the listener's first event ever (any kind) to the rating. Whiskers: 95% Wilson interval.",
      nameHeader: "Tenure", reference: page.data.feedback.likeRatio, folded: nil
    ).chart(summary: Self.summary(groups), groups: groups, all: all, page: &page)
  }

  /// "Popular head: 61.2% liked (95% interval …); tail: …."
  static func summary(_ groups: [RatedGroup]) -> String {
    groups.map {
      "\(Narrative.capitalized($0.name)): \(Narrative.ratio($0.likeRatio, lower: $0.wilsonLower, upper: $0.wilsonUpper))"
    }.joined(separator: "; ") + "."
  }
}

/// The Recommendation quality section as `section-recs-quality.mustache` sees it.
struct RecommendationQualityView: Sendable {
  /// Coverage, spread, the tail's share and novelty, as cards.
  let cards: [CardView]
  /// Like ratio by sound cluster; `nil` when no track has audio features.
  let clusters: ChartView?
  /// The sound map; `nil` when no track has audio features.
  let soundMap: ChartView?
  /// Like ratio of the popular head vs the tail; `nil` without plays or ratings.
  let popularity: ChartView?
  /// Like ratio by tenure.
  let tenure: ChartView?
  /// `false` for a report without events.
  let hasData: Bool
}

extension RecommendationQualityView: TemplateView {
  static let children: [any TemplateView.Type] = [CardView.self, ChartView.self]

  static let fields: [String: @Sendable (Self) -> Any?] = [
    "cards": { $0.cards },
    "clusters": { $0.clusters as Any? },
    "soundMap": { $0.soundMap as Any? },
    "popularity": { $0.popularity as Any? },
    "tenure": { $0.tenure as Any? },
    "hasData": { $0.hasData },
  ]
}

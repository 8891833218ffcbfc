import Formatting
import ReportModel
import SVGCharts

/// The Recommendation quality section's charts of sound clusters: the like ratio of each
/// cluster's tracks (with its audio profile in the table) and the sound map.
enum SoundClusterCharts {
  /// The short names of the audio features, for the profile bars.
  static func shortName(_ feature: String) -> String {
    switch feature {
    case "danceability": "dance"
    case "acousticness": "acoustic"
    case "instrumentalness": "instrumental"
    case "speechiness": "speech"
    default: feature
    }
  }

  /// "3 · energetic · danceable", or "no features".
  static func name(_ row: ClusterRating) -> String {
    row.cluster.map { "\($0) · \(row.label)" } ?? row.label
  }

  /// Like ratio by sound cluster, with Wilson whiskers; the table adds each cluster's size,
  /// ratings and audio profile.
  static func clusterChart(_ quality: QualityReport, page: inout SectionContext) -> ChartView? {
    guard let sound = page.report.sound, !quality.byCluster.isEmpty else { return nil }
    let all = quality.byCluster.map {
      RatedGroup(name: name($0), likes: $0.likes, dislikes: $0.dislikes)
    }
    let groups = all.filter { $0.likes + $0.dislikes > 0 }
    let clusters = Dictionary(uniqueKeysWithValues: sound.clusters.map { ($0.id, $0) })
    // The profiles are the same in every range: one file each, shown as images (their numbers
    // are in the image's description; inline they would repeat on every page).
    let figures: [(image: ChartImage, text: String)?] = quality.byCluster.map { row in
      guard let cluster = row.cluster.flatMap({ clusters[$0] }) else { return nil }
      let bars = sound.features.map { ProfileBars.Bar(name: $0, value: cluster.centroid[$0] ?? 0) }
      let text = bars.map { "\(shortName($0.name)) \(NumberFormat.signed($0.value, places: 1))" }
        .joined(separator: ", ")
      let title = "Audio profile of cluster \(cluster.id)"
      let summary = "Mean z-score per feature: \(text)."
      let svg = ProfileBars(bars: bars).render(
        ChartText(id: "profile-\(cluster.id)", title: title, summary: summary))
      let image = page.charts.image(
        svg, folder: "sound", name: "profile-\(cluster.id)", root: page.root,
        alt: "\(title). \(summary)")
      return (image, text)
    }
    let table = TableView(
      caption: "Like ratio by sound cluster, \(page.range.label.lowercased())",
      columns: [
        ("Cluster", false), ("Tracks", true), ("Ratings", true), ("Likes", true),
        ("Like ratio", true),
        ("95% interval", true),
      ],
      rows: quality.byCluster.map {
        [
          name($0), NumberFormat.grouped($0.tracks), NumberFormat.grouped($0.likes + $0.dislikes),
          NumberFormat.grouped($0.likes),
          $0.likeRatio.map { NumberFormat.percent($0, places: 1) } ?? "–",
          RatedGroupChart.interval($0.wilsonLower, $0.wilsonUpper),
        ]
      }
    ).adding(
      figureColumn: "Audio profile (\(sound.features.map(shortName).joined(separator: ", ")))",
      figures: figures)
    let ranked = groups.filter { $0.name != "no features" }.sorted {
      ($0.likeRatio ?? 0) > ($1.likeRatio ?? 0)
    }
    let summary =
      ranked.isEmpty
      ? "No ratings in this range."
      : "Most liked sound: \(ranked.first!.name), \(Narrative.ratio(ranked.first!.likeRatio, lower: ranked.first!.wilsonLower, upper: ranked.first!.wilsonUpper)); least liked: \(ranked.last!.name), \(Narrative.ratio(ranked.last!.likeRatio, lower: ranked.last!.wilsonLower, upper: ranked.last!.wilsonUpper))."
    return RatedGroupChart(
      name: "clusters", title: "Like ratio by sound cluster",
      note:
        "Tracks grouped by how they sound (K-means on standardised audio features); each bar is the like ratio of the cluster's tracks. Whiskers: 95% Wilson interval. Profile bars: the cluster's mean z-score per feature, above the line louder than the catalog's average.",
      nameHeader: "Cluster", reference: page.data.feedback.likeRatio, folded: nil
    ).chart(summary: summary, groups: groups, all: all, table: table, page: &page)
  }

  /// The sound map: each cluster at its centroid's first two principal components, circle area
  /// ∝ its ratings in the range, colour its like ratio against the range's overall like ratio
  /// (the headline card's), numbered, with a key of the numbers.
  static func soundMap(_ quality: QualityReport, page: inout SectionContext) -> ChartView? {
    guard let sound = page.report.sound, !sound.clusters.isEmpty, sound.explainedVariance.count == 2
    else { return nil }
    let rows = Dictionary(
      uniqueKeysWithValues: quality.byCluster.compactMap { row in row.cluster.map { ($0, row) } })
    let points = sound.clusters.map { cluster in
      let row = rows[cluster.id]
      return SoundMap.Point(
        id: cluster.id, label: cluster.label, x: cluster.x, y: cluster.y,
        ratings: (row?.likes ?? 0) + (row?.dislikes ?? 0), likeRatio: row?.likeRatio)
    }
    let table = TableView(
      caption: "Sound map, \(page.range.label.lowercased())",
      columns: [
        ("Cluster", false), ("Component 1", true), ("Component 2", true), ("Tracks", true),
        ("Ratings", true), ("Like ratio", true),
      ],
      rows: points.map { point in
        [
          "\(point.id) · \(point.label)", NumberFormat.decimal(point.x, places: 2),
          NumberFormat.decimal(point.y, places: 2),
          NumberFormat.grouped(sound.clusters.first { $0.id == point.id }?.tracks ?? 0),
          NumberFormat.grouped(point.ratings),
          point.likeRatio.map { NumberFormat.percent($0, places: 1) } ?? "–",
        ]
      })
    let overall = page.data.feedback.likeRatio
    let rated = points.filter { $0.ratings > 0 }
    let busiest = rated.max { ($0.ratings, -$0.id) < ($1.ratings, -$1.id) }
    let summary =
      "\(Narrative.count(points.count, "sound cluster")) placed by their average sound: the horizontal axis holds \(NumberFormat.percent(sound.explainedVariance[0])) of the catalog's variation, the vertical \(NumberFormat.percent(sound.explainedVariance[1]))."
      + (busiest.map {
        " Most rated: \(Narrative.name($0.label)) (\(Narrative.count($0.ratings, "rating")), \(Narrative.ratio($0.likeRatio, lower: nil, upper: nil)) liked)."
      } ?? " No ratings in this range.")
    return page.chart(
      name: "sound-map", title: "Sound map",
      note:
        "Each circle is a sound cluster at its centroid's first two principal components (the two directions the catalog's sound varies most); circle area ∝ ratings in the range; colour: like ratio above the range's overall (blue) or below it (orange).",
      summary: summary, table: table
    ) { text, width in
      SoundMap(
        points: points, overall: overall,
        xTitle: SoundMap.axisTitle(component: 1, varianceShare: sound.explainedVariance[0]),
        yTitle: SoundMap.axisTitle(component: 2, varianceShare: sound.explainedVariance[1])
      ).render(text, width: width)
    }
  }
}

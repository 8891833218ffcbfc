import SVGCharts
import Testing

@Suite("Sound map")
struct SoundMapTests {
  let text = ChartText(id: "m", title: "Sound map", summary: "Dance pop is liked most.")

  static func point(
    _ id: Int, _ x: Double, _ y: Double, ratings: Int, ratio: Double?, label: String? = nil
  ) -> SoundMap.Point {
    SoundMap.Point(
      id: id, label: label ?? "cluster \(id)", x: x, y: y, ratings: ratings, likeRatio: ratio)
  }

  /// 40 clusters on a tight 8 × 5 grid with jitter and long labels: more labels than room.
  static func crowded(seed: UInt64) -> [SoundMap.Point] {
    var random = WordCloudTests.Random(state: seed)
    let words = [
      "energetic", "danceable", "acoustic", "calm", "loud", "instrumental", "sad", "live",
    ]
    return (0..<40).map { index in
      let label = (0..<3).map { _ in words[random.below(words.count)] }.joined(separator: " · ")
      let jitter = { Double(random.below(100)) / 250 }
      return point(
        index + 1, Double(index % 8) + jitter(), Double(index / 8) + jitter(),
        ratings: random.below(5) == 0 ? 0 : 1 + random.below(3000),
        ratio: Double(random.below(101)) / 100,
        label: label)
    }
  }

  @Test func areaIsProportionalToRatingsAndTheMapKeepsOneScale() throws {
    // Two clusters, 400 and 100 ratings, at (−1, 0) and (1, 0), 400 units wide.
    // Plot: x 20 … 394 (width 400 − 20 − 6 = 374).
    // Largest radius: both circles cover a sixth of 374 × 0.65 × 374 = 90,919.4, shared as
    // 1 + 100/400 = 1.25 → √(90,919.4 / 6 / (π × 1.25)) = 62.1, capped at 374 / 10 = 37.4.
    // The other: 37.4 × √(100/400) = 18.7 (areas 4 : 1, radii 2 : 1).
    // Padding 37.4 + 1 = 38.4, inner width 374 − 76.8 = 297.2 for a span of 2: 148.6 per unit.
    // Flat data: the plot is half as high as wide, 187, centred at y = 6 + 93.5 = 99.5.
    let map = SoundMap(
      points: [
        Self.point(1, -1, 0, ratings: 400, ratio: 0.75),
        Self.point(2, 1, 0, ratings: 100, ratio: 0.25),
      ],
      xTitle: "component 1", yTitle: "component 2")
    let geometry = map.geometry(width: 400)
    let big = try #require(geometry.marks.first { $0.point.id == 1 })
    let small = try #require(geometry.marks.first { $0.point.id == 2 })
    #expect(abs(big.radius - 37.4) < 1e-9)
    #expect(abs(small.radius - 18.7) < 1e-9)
    #expect(abs(big.radius / small.radius - 2) < 1e-9)
    #expect(geometry.plot == Box(x: 20, y: 6, width: 374, height: 187))
    #expect(abs(geometry.unitsPerData - 148.6) < 1e-9)
    #expect(abs(big.x - (207 - 148.6)) < 1e-9 && abs(small.x - (207 + 148.6)) < 1e-9)
    #expect(big.y == 99.5 && small.y == 99.5)
    // The largest circle touches the padded edge: 58.4 − 37.4 = 21 = plot left + 1.
    #expect(abs(big.x - big.radius - 21) < 1e-9)
    // Up is up: a larger y is drawn higher.
    let tilted = SoundMap(
      points: [
        Self.point(1, 0, 0, ratings: 1, ratio: 1), Self.point(2, 1, 1, ratings: 1, ratio: 1),
      ],
      xTitle: "", yTitle: ""
    ).geometry(width: 400)
    #expect(tilted.marks[1].y < tilted.marks[0].y)
  }

  @Test func colourStepsAreSymmetricAroundHalf() {
    // Seven steps: step = round(ratio × 6).
    #expect(LikeRatioScale.step(of: 0) == 0)
    #expect(LikeRatioScale.step(of: 0.5) == 3)
    #expect(LikeRatioScale.step(of: 1) == 6)
    #expect(LikeRatioScale.step(of: nil) == nil)
    #expect(LikeRatioScale.step(of: .nan) == nil)
    // 0.25 × 6 = 1.5 rounds to 2; 0.75 × 6 = 4.5 to 5 (half away from zero); 1/12 is the edge.
    #expect(LikeRatioScale.step(of: 0.25) == 2)
    #expect(LikeRatioScale.step(of: 0.75) == 5)
    #expect(LikeRatioScale.step(of: 0.08) == 0 && LikeRatioScale.step(of: 0.09) == 1)
    #expect(LikeRatioScale.step(of: 1.4) == 6 && LikeRatioScale.step(of: -0.2) == 0)
    #expect(LikeRatioScale.className(ofStep: 3) == "td-like-3")
    #expect(LikeRatioScale.className(ofStep: nil) == "td-like-none")

    let svg = SoundMap(
      points: [
        Self.point(1, 0, 0, ratings: 10, ratio: 0), Self.point(2, 1, 0, ratings: 9, ratio: 0.5),
        Self.point(3, 2, 0, ratings: 8, ratio: 1), Self.point(4, 3, 0, ratings: 0, ratio: nil),
      ], xTitle: "x", yTitle: "y"
    ).render(text, width: 560).inline
    #expect(
      svg.contains(
        #"class="td-map-dot td-like-0"><title>cluster 1 (cluster 1): 10 ratings, 0% liked</title>"#)
    )
    #expect(
      svg.contains(
        #"class="td-map-dot td-like-3"><title>cluster 2 (cluster 2): 9 ratings, 50% liked</title>"#)
    )
    #expect(
      svg.contains(
        #"class="td-map-dot td-like-6"><title>cluster 3 (cluster 3): 8 ratings, 100% liked</title>"#
      ))
    #expect(
      svg.contains(
        #"r="4" class="td-map-dot td-like-none"><title>cluster 4 (cluster 4): no ratings in this range</title>"#
      ))
    // The legend: the bar's three labels, the hollow marker, the size.
    for label in [">0%<", ">50%<", ">100%<", ">no ratings<", ">circle area ∝ ratings<"] {
      #expect(svg.contains(label))
    }
  }

  @Test func aClusterWithoutRatingsIsHollowAndStillLabelled() throws {
    let geometry = SoundMap(
      points: [
        Self.point(1, 0, 0, ratings: 50, ratio: 0.6),
        Self.point(7, 2, 1, ratings: 0, ratio: nil, label: "quiet"),
      ],
      xTitle: "x", yTitle: "y"
    ).geometry(width: 560)
    let hollow = try #require(geometry.marks.last)
    #expect(hollow.point.id == 7 && hollow.step == nil && hollow.radius == SoundMap.hollowRadius)
    #expect(geometry.labels.contains { $0.id == 7 && $0.text == "quiet" && !$0.isNumber })
  }

  @Test func theSizeLegendUsesRoundReferenceValues() {
    // The most ratings, 1,234: references 1,000 and 200 (the largest 1, 2 or 5 × 10ᵏ under
    // 1,234 and under a fifth of 1,000).
    let svg = SoundMap(
      points: [
        Self.point(1, 0, 0, ratings: 1_234, ratio: 0.6),
        Self.point(2, 1, 1, ratings: 30, ratio: 0.2),
      ],
      xTitle: "x", yTitle: "y"
    ).render(text, width: 560).inline
    #expect(svg.contains(">1,000<") && svg.contains(">200<"))
    #expect(svg.components(separatedBy: "td-map-reference").count - 1 == 2)
  }

  @Test(arguments: [360.0, 560.0])
  func labelsNeverOverlapEachOtherCentresOrTheEdge(width: Double) {
    for seed in [1, 2, 3, 4] as [UInt64] {
      let map = SoundMap(points: Self.crowded(seed: seed), xTitle: "x", yTitle: "y")
      let geometry = map.geometry(width: width)
      let plot = geometry.plot
      for (index, label) in geometry.labels.enumerated() {
        let box = label.box
        #expect(box.x >= plot.x && box.y >= plot.y, "\(label.text) starts outside")
        #expect(
          box.x + box.width <= plot.x + plot.width && box.y + box.height <= plot.y + plot.height)
        for other in geometry.labels[..<index] {
          #expect(!box.intersects(other.box), "\(label.text) overlaps \(other.text)")
        }
        for mark in geometry.marks where mark.point.id != label.id {
          let inside =
            mark.x > box.x && mark.x < box.x + box.width && mark.y > box.y
            && mark.y < box.y + box.height
          #expect(!inside, "\(label.text) covers the centre of \(mark.point.id)")
        }
        #expect(label.text.count <= SoundMap.labelLimit + 1)
      }
      // Every cluster is accounted for exactly once, and this crowd needs some numbers.
      let ids = geometry.labels.map(\.id) + geometry.unlabeled
      #expect(ids.sorted() == Array(1...40))
      #expect(geometry.labels.contains { $0.isNumber })
      #expect(geometry.labels.contains { !$0.isNumber })
    }
  }

  @Test(arguments: [320.0, 360.0, 560.0, 900.0])
  func everyCircleStaysInsideThePlot(width: Double) {
    let shapes: [[SoundMap.Point]] = [
      Self.crowded(seed: 9),
      [Self.point(1, 0, 0, ratings: 5, ratio: 1)],
      [Self.point(1, 0, -50, ratings: 5, ratio: 1), Self.point(2, 0, 50, ratings: 1, ratio: 0)],
      [
        Self.point(1, -3, 0.01, ratings: 9_000, ratio: 0.1),
        Self.point(2, 4, 0, ratings: 1, ratio: 0.9),
      ],
    ]
    for points in shapes {
      let geometry = SoundMap(points: points, xTitle: "x", yTitle: "y").geometry(width: width)
      let plot = geometry.plot
      #expect(plot.x + plot.width <= width && plot.y + plot.height < geometry.height)
      for mark in geometry.marks {
        #expect(mark.x - mark.radius >= plot.x && mark.x + mark.radius <= plot.x + plot.width)
        #expect(mark.y - mark.radius >= plot.y && mark.y + mark.radius <= plot.y + plot.height)
        #expect(mark.radius >= SoundMap.minimumRadius)
      }
    }
  }

  @Test func hostileLabelsStayInert() {
    let hostile = "<script>alert(\"x\")</script> ' & \u{202E}"
    let svg = SoundMap(
      points: [
        Self.point(1, 0, 0, ratings: 3, ratio: 1, label: hostile),
        Self.point(2, 1, 1, ratings: 1, ratio: 0),
      ],
      xTitle: "<b>x</b>", yTitle: "\"y\""
    ).render(ChartText(id: "m", title: "t", summary: "<script>"), width: 560).inline
    #expect(!svg.contains("<script"))
    #expect(!svg.contains("<b>"))
    #expect(!svg.contains("\u{202E}"))
    #expect(svg.contains("&lt;script&gt;alert(&quot;x&quot;)"))
    #expect(svg.contains("&#39; &amp;"))
    #expect(svg.contains("&quot;y&quot;"))
  }

  @Test func theDescriptionExplainsTheMapThenTheCallersSummary() {
    let svg = SoundMap(
      points: [Self.point(1, 0, 0, ratings: 3, ratio: 1)], xTitle: "x", yTitle: "y"
    )
    .render(text, width: 560).inline
    #expect(svg.contains(#"role="img""#))
    #expect(svg.contains(#"<title id="m-title">Sound map</title>"#))
    #expect(svg.contains(#"<desc id="m-desc">Each circle is a sound cluster"#))
    #expect(svg.contains("Hollow circles got no ratings. Dance pop is liked most.</desc>"))
  }

  @Test func theSameInputDrawsTheSameBytes() {
    let points = Self.crowded(seed: 5)
    let a = SoundMap(points: points, xTitle: "x", yTitle: "y").render(text, width: 560).inline
    let b = SoundMap(points: points, xTitle: "x", yTitle: "y").render(text, width: 560).inline
    let shuffled = SoundMap(points: points.reversed(), xTitle: "x", yTitle: "y")
      .render(text, width: 560).inline
    #expect(a == b)
    #expect(a == shuffled)
  }

  @Test func axisTitlesNameTheShareOfVariance() {
    #expect(
      SoundMap.axisTitle(component: 1, varianceShare: 0.342)
        == "sound component 1 (34% of variance)")
  }
}

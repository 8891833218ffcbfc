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

  @Test func colourStepsCountPointsFromTheOverallRatio() {
    // Centre 50%, 5 points a step: step = 3 + round(d ÷ 5), d = (ratio − 0.5) × 100.
    let scale = LikeRatioScale(centre: 0.5, stepPoints: 5)
    #expect(scale.reach == 15)
    #expect(scale.step(of: 0.5) == 3)
    // d = ±2.4: 0.48 of a step rounds to 0; ±2.6: 0.52 rounds to ±1.
    #expect(scale.step(of: 0.524) == 3 && scale.step(of: 0.476) == 3)
    #expect(scale.step(of: 0.526) == 4 && scale.step(of: 0.474) == 2)
    // Exact halves (binary fractions, no rounding error) round away from zero on both sides:
    // 0.625 → d = 12.5 → 2.5 → 3 → step 6; 0.375 → −2.5 → −3 → step 0.
    #expect(scale.step(of: 0.625) == 6 && scale.step(of: 0.375) == 0)
    // Beyond the reach: clamped to the outer steps; ratios outside 0 … 1 are clamped first.
    #expect(scale.step(of: 1) == 6 && scale.step(of: 0) == 0)
    #expect(scale.step(of: 1.4) == 6 && scale.step(of: -0.2) == 0)
    #expect(scale.step(of: nil) == nil && scale.step(of: .nan) == nil)
    #expect(scale.text(ofStep: 0) == "−15 pts")
    #expect(scale.text(ofStep: 3) == "±0 pts")
    #expect(scale.text(ofStep: 6) == "+15 pts")
    #expect(LikeRatioScale.className(ofStep: 3) == "td-like-3")
    #expect(LikeRatioScale.className(ofStep: nil) == "td-like-none")
    // Fewer than 2 points a step are not allowed.
    #expect(LikeRatioScale(centre: 0.5, stepPoints: 1).stepPoints == 2)
  }

  @Test func theScaleReachesTheLargestDeviationRoundedUpToThreePoints() {
    // Around 68.9%: 63.2% is −5.7 points, 74.6% +5.7, 66% −2.9. Largest 5.7 → ⌈5.7 ÷ 3⌉ = 2
    // points a step, reach ±6.
    let demo = LikeRatioScale(centre: 0.689, fitting: [0.632, 0.746, 0.66])
    #expect(demo.stepPoints == 2 && demo.reach == 6)
    // −5.7 ÷ 2 = −2.85 → −3: step 0; +2.85 → step 6; −2.9 ÷ 2 = −1.45 → −1: step 2.
    #expect(demo.step(of: 0.632) == 0 && demo.step(of: 0.746) == 6 && demo.step(of: 0.66) == 2)
    // Everything within a point: still 2 points a step (reach ±6), so it stays pale.
    let calm = LikeRatioScale(centre: 0.7, fitting: [0.71, 0.69])
    #expect(calm.stepPoints == 2 && calm.step(of: 0.71) == 4 && calm.step(of: 0.69) == 2)
    // Exactly 9 points (computed as 9.000000000000002): 3 a step; a hair more: 4.
    #expect(LikeRatioScale(centre: 0.5, fitting: [0.41]).stepPoints == 3)
    #expect(LikeRatioScale(centre: 0.5, fitting: [0.4099]).stepPoints == 4)
    // No ratio: the least scale.
    #expect(LikeRatioScale(centre: 0.5, fitting: [.nan]).stepPoints == 2)
  }

  @Test func theMapIsColouredAgainstTheOverallRatio() {
    // Overall 68.9%; ratios 63.2%, 66%, 74.6%: 2 points a step (see above).
    let svg = SoundMap(
      points: [
        Self.point(1, 0, 0, ratings: 10, ratio: 0.632),
        Self.point(2, 1, 0, ratings: 9, ratio: 0.66),
        Self.point(3, 2, 0, ratings: 8, ratio: 0.746), Self.point(4, 3, 0, ratings: 0, ratio: nil),
      ], overall: 0.689, xTitle: "x", yTitle: "y"
    ).render(text, width: 560).inline
    #expect(
      svg.contains(
        #"class="td-map-dot td-like-0"><title>Cluster 1: 10 ratings, 63.2% liked</title>"#))
    #expect(
      svg.contains(
        #"class="td-map-dot td-like-2"><title>Cluster 2: 9 ratings, 66.0% liked</title>"#))
    #expect(
      svg.contains(
        #"class="td-map-dot td-like-6"><title>Cluster 3: 8 ratings, 74.6% liked</title>"#))
    #expect(
      svg.contains(
        #"r="4" class="td-map-dot td-like-none"><title>Cluster 4: no ratings in this range</title>"#
      ))
    // The legend: the overall ratio, the outer and middle steps, the hollow marker, the size.
    for label in [
      ">like ratio vs overall 68.9%<", ">−6 pts<", ">±0 pts<", ">+6 pts<", ">no ratings<",
      ">circle area ∝ ratings<",
    ] {
      #expect(svg.contains(label), "\(label)")
    }
    // The description says how to read the colours, with this map's numbers.
    #expect(svg.contains("blue above, orange below, grey about equal"))
    #expect(
      svg.contains(
        "The overall like ratio is 68.9%; colour steps of 2 percentage points, −6 to +6; grey within 1 point."
      ))
  }

  @Test func withoutAnOverallRatioTheClustersOwnIsTheCentre() throws {
    // 100 ratings at 50% and 300 at 80%: (50 + 240) ÷ 400 = 72.5%. Deviations −22.5 and +7.5:
    // ⌈22.5 ÷ 3⌉ = 8 points a step; −22.5 ÷ 8 = −2.8 → step 0, 7.5 ÷ 8 = 0.94 → step 4.
    let map = SoundMap(
      points: [
        Self.point(1, 0, 0, ratings: 100, ratio: 0.5),
        Self.point(2, 1, 0, ratings: 300, ratio: 0.8),
      ], xTitle: "x", yTitle: "y")
    let scale = try #require(map.scale)
    #expect(abs(scale.centre - 0.725) < 1e-12 && scale.stepPoints == 8)
    let steps = Dictionary(
      uniqueKeysWithValues: map.geometry(width: 560).marks.map { ($0.point.id, $0.step) })
    #expect(steps[1] == 0 && steps[2] == 4)
    // No ratings anywhere: no scale, and the legend shows only the hollow marker.
    let empty = SoundMap(
      points: [Self.point(1, 0, 0, ratings: 0, ratio: nil)], overall: nil, xTitle: "x", yTitle: "y")
    #expect(empty.scale == nil)
    let svg = empty.render(text, width: 560).inline
    #expect(svg.contains(">no ratings<") && !svg.contains("like ratio vs overall"))
  }

  @Test func aClusterWithoutRatingsIsHollowAndStillNumbered() throws {
    let geometry = SoundMap(
      points: [
        Self.point(1, 0, 0, ratings: 50, ratio: 0.6),
        Self.point(7, 2, 1, ratings: 0, ratio: nil, label: "quiet"),
      ],
      xTitle: "x", yTitle: "y"
    ).geometry(width: 560)
    let hollow = try #require(geometry.marks.last)
    #expect(hollow.point.id == 7 && hollow.step == nil && hollow.radius == SoundMap.hollowRadius)
    #expect(geometry.numbers.contains { $0.id == 7 && $0.text == "7" && !$0.isInside })
    let entry = try #require(geometry.names.entries.last)
    #expect(entry.id == 7 && entry.lines == ["quiet"] && entry.ratio == "–")
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

  @Test func aNumberSitsInItsCircleWhenItFitsThereAlone() throws {
    // The two circles of the first test: radii 37.4 and 18.7 at (58.4, 99.5) and
    // (355.6, 99.5), 400 wide. Digits: 0.72 × 11 = 7.92 high, each box a unit larger all round.
    let geometry = SoundMap(
      points: [
        Self.point(1, -1, 0, ratings: 400, ratio: 0.75),
        Self.point(2, 1, 0, ratings: 100, ratio: 0.25),
      ],
      xTitle: "x", yTitle: "y"
    ).geometry(width: 400)
    for number in geometry.numbers {
      let mark = try #require(geometry.marks.first { $0.point.id == number.id })
      #expect(number.isInside)
      #expect(abs(number.box.x + number.box.width / 2 - mark.x) < 1e-9)
      #expect(abs(number.box.y + number.box.height / 2 - mark.y) < 1e-9)
      #expect(abs(number.box.height - 9.92) < 1e-9)
    }
    // A circle of the least radius, 3, cannot hold a digit (half its box's diagonal + 1 > 3):
    // the number goes right of it, 2 units beyond its edge.
    let tiny = SoundMap(
      points: [
        Self.point(1, 0, 0, ratings: 10_000, ratio: 0.5),
        Self.point(2, 10, 10, ratings: 1, ratio: 0.5),
      ],
      xTitle: "x", yTitle: "y"
    ).geometry(width: 560)
    let mark = try #require(tiny.marks.first { $0.point.id == 2 })
    let number = try #require(tiny.numbers.first { $0.id == 2 })
    #expect(mark.radius == SoundMap.minimumRadius && !number.isInside)
    #expect(abs(number.box.x - (mark.x + 3 + 2)) < 1e-9)
    #expect(abs(number.box.y + number.box.height / 2 - mark.y) < 1e-9)
  }

  @Test(arguments: [360.0, 560.0])
  func everyCircleIsNumberedOnceInsideThePlotAndNumbersNeverOverlap(width: Double) {
    for seed in [1, 2, 3, 4] as [UInt64] {
      let geometry = SoundMap(points: Self.crowded(seed: seed), xTitle: "x", yTitle: "y")
        .geometry(width: width)
      let plot = geometry.plot
      #expect(geometry.numbers.map(\.id).sorted() == Array(1...40))
      #expect(geometry.numbers.map(\.id) == geometry.marks.map(\.point.id))
      for (index, number) in geometry.numbers.enumerated() {
        let box = number.box
        #expect(box.x >= plot.x && box.y >= plot.y, "\(number.text) starts outside")
        #expect(
          box.x + box.width <= plot.x + plot.width && box.y + box.height <= plot.y + plot.height)
        #expect(number.text == String(number.id))
        for other in geometry.numbers[..<index] {
          #expect(!box.intersects(other.box), "\(number.text) overlaps \(other.text)")
        }
      }
      #expect(geometry.numbers.contains { $0.isInside })
      #expect(geometry.numbers.contains { !$0.isInside })
    }
  }

  @Test(arguments: [360.0, 560.0])
  func theKeyListsEveryClusterByNumberWithItsWholeLabel(width: Double) throws {
    // Two labels that agree on their first 33 characters: the key shows both whole.
    let long = "acoustic · calm · not for dancing · "
    let points = [
      Self.point(12, 0, 0, ratings: 5, ratio: 0.644, label: long + "melancholic"),
      Self.point(3, 1, 0, ratings: 5, ratio: 0.715, label: long + "slow"),
      Self.point(1, 2, 1, ratings: 0, ratio: nil, label: "balanced"),
    ]
    let geometry = SoundMap(points: points, xTitle: "x", yTitle: "y").geometry(width: width)
    let names = geometry.names
    #expect(names.entries.map(\.id) == [1, 3, 12])
    #expect(names.entries.map(\.ratio) == ["–", "71.5%", "64.4%"])
    for entry in names.entries {
      let label = try #require(points.first { $0.id == entry.id }).label
      #expect(entry.lines.joined(separator: " ") == label)
      #expect(entry.lines.allSatisfy { !$0.hasPrefix("·") })
    }
    #expect(names.entries[1].lines != names.entries[2].lines)
    // Under the plot and its axis title, inside the drawing, above the legend.
    #expect(names.top >= geometry.plot.y + geometry.plot.height + 28)
    #expect(names.top + names.height < geometry.height)
    for entry in names.entries {
      #expect(entry.x >= geometry.plot.x && entry.x + names.columnWidth <= width)
    }
    // Entries of one column follow each other without overlapping.
    for (a, b) in zip(names.entries, names.entries.dropFirst()) where a.x == b.x {
      #expect(b.y >= a.y + Double(a.lines.count) * 14)
    }
  }

  @Test func aLongLabelWrapsAfterItsSeparatorsIntoTheNarrowKey() throws {
    // 360 wide: one column; the label is wider than the room for labels, so it takes more
    // lines, each break after a " ·".
    let label = (1...12).map { "word\($0)" }.joined(separator: " · ")
    let geometry = SoundMap(
      points: [Self.point(1, 0, 0, ratings: 3, ratio: 0.5, label: label)], xTitle: "x", yTitle: "y"
    ).geometry(width: 360)
    let entry = try #require(geometry.names.entries.first)
    #expect(entry.lines.count > 1)
    #expect(entry.lines.dropLast().allSatisfy { $0.hasSuffix(" ·") })
    #expect(entry.lines.joined(separator: " ") == label)
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

  @Test func rightToLeftLabelsStayIsolatedOnEveryLineOfTheKey() throws {
    let label = Array(repeating: "موسيقى هادئة جدا", count: 6).joined(separator: " · ")
    let geometry = SoundMap(
      points: [Self.point(1, 0, 0, ratings: 3, ratio: 0.5, label: label)], xTitle: "x", yTitle: "y"
    ).geometry(width: 360)
    let entry = try #require(geometry.names.entries.first)
    #expect(entry.lines.count > 1)
    for line in entry.lines {
      let scalars = line.unicodeScalars
      #expect(scalars.first == "\u{2068}" && scalars.last == "\u{2069}", "\(line)")
      #expect(scalars.count { $0 == "\u{2068}" } == scalars.count { $0 == "\u{2069}" })
    }
  }

  @Test func theDescriptionExplainsTheMapThenTheCallersSummary() {
    let svg = SoundMap(
      points: [Self.point(1, 0, 0, ratings: 3, ratio: 1)], xTitle: "x", yTitle: "y"
    )
    .render(text, width: 560).inline
    #expect(svg.contains(#"role="img""#))
    #expect(svg.contains(#"<title id="m-title">Sound map</title>"#))
    #expect(svg.contains(#"<desc id="m-desc">Each numbered circle is a sound cluster"#))
    // One cluster at 100%: its own ratio is the centre, the least scale.
    #expect(
      svg.contains(
        "hollow: no ratings. The overall like ratio is 100.0%; colour steps of 2 percentage points, −6 to +6; grey within 1 point. Dance pop is liked most.</desc>"
      ))
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

import Formatting

extension SoundMap {
  /// The legend under the plot, in blocks that wrap onto as many rows as the width needs: the
  /// colour bar of the like ratio against the overall one with the hollow "no ratings" marker
  /// (only the marker when no cluster has a ratio); the size, as one or two reference circles
  /// drawn to the map's own scale.
  struct Key: Sendable, Equatable {
    enum Block: Sendable, Equatable {
      case colour, size
    }

    struct Placement: Sendable, Equatable {
      var block: Block
      var x: Double
      var y: Double
    }

    /// The top-left corner and the width the blocks flow within.
    let top: Double
    let left: Double
    let width: Double
    /// The most ratings of a cluster, and its radius.
    let most: Int
    let maxRadius: Double
    /// The colour scale; `nil` when no cluster has a like ratio.
    let scale: LikeRatioScale?
    /// The blocks and their top-left corners, after ``arrange()``.
    private(set) var placements: [Placement] = []
    /// The legend's height, after ``arrange()``.
    private(set) var height = 0.0

    static let hollowText = "no ratings"
    static let sizeTitle = "circle area ∝ ratings"
    static let titleHeight = 17.0
    static let blockGap = (x: 28.0, y: 12.0)

    init(
      top: Double, left: Double, width: Double, most: Int, maxRadius: Double,
      scale: LikeRatioScale?
    ) {
      self.top = top
      self.left = left
      self.width = width
      self.most = most
      self.maxRadius = maxRadius
      self.scale = scale
    }

    /// The colour block's title: `like ratio vs overall 68.9%`.
    static func colourTitle(_ scale: LikeRatioScale) -> String {
      "like ratio vs overall \(NumberFormat.percent(scale.centre, places: 1))"
    }

    /// The width of the hollow marker with its text.
    private static var hollowWidth: Double {
      SoundMap.hollowRadius * 2 + 5 + FontMetrics.width(of: hollowText, size: Layout.smallSize)
    }

    /// The ratings of the reference circles: the largest round number (1, 2 or 5 × 10ᵏ) not
    /// above the most ratings, and the largest one not above a fifth of that when its circle
    /// is still drawn to scale.
    var references: [Int] {
      guard most > 0 else { return [] }
      let large = Self.roundNumber(notAbove: most)
      let small = Self.roundNumber(notAbove: large / 5)
      guard small >= 1, radius(of: small) > SoundMap.minimumRadius else { return [large] }
      return [large, small]
    }

    /// The largest of 1, 2, 5, 10, 20, 50 … not above `value` (0 below 1).
    static func roundNumber(notAbove value: Int) -> Int {
      guard value >= 1 else { return 0 }
      var power = 1
      while power <= value / 10 { power *= 10 }
      return [5, 2, 1].map { $0 * power }.first { $0 <= value } ?? power
    }

    func radius(of ratings: Int) -> Double {
      SoundMap.radius(ratings: ratings, most: most, maxRadius: maxRadius)
    }

    /// The reference circles side by side: their centres from the block's left edge, radii,
    /// and half the width each takes with its label under it.
    private var referenceCircles: [(ratings: Int, x: Double, radius: Double, half: Double)] {
      var x = 0.0
      return references.map { ratings in
        let radius = radius(of: ratings)
        let labelWidth = FontMetrics.width(
          of: NumberFormat.grouped(ratings), size: Layout.smallSize)
        let half = max(radius, labelWidth / 2)
        defer { x += half * 2 + 12 }
        return (ratings, x + half, radius, half)
      }
    }

    private func size(of block: Block) -> (width: Double, height: Double) {
      let small = Layout.smallSize
      switch block {
      case .colour:
        guard let scale else { return (Self.hollowWidth, 12) }
        let title = FontMetrics.width(of: Self.colourTitle(scale), size: small)
        let bar = LikeRatioScale.barWidth + 2 * scale.tickOverhang
        return (max(title, bar + 16 + Self.hollowWidth), Self.titleHeight + 27)
      case .size:
        let circles = referenceCircles.last.map { $0.x + $0.half } ?? 0
        let title = FontMetrics.width(of: Self.sizeTitle, size: small)
        return (max(title, circles), Self.titleHeight + 2 * radius(of: references[0]) + 17)
      }
    }

    /// Flows the blocks left to right, wrapping when a block would cross the right edge.
    mutating func arrange() {
      var blocks: [Block] = [.colour]
      if most > 0 { blocks.append(.size) }
      placements = []
      var (x, rowTop, rowHeight) = (left, top, 0.0)
      for block in blocks {
        let (blockWidth, blockHeight) = size(of: block)
        if x > left && x + blockWidth > left + width {
          (x, rowTop, rowHeight) = (left, rowTop + rowHeight + Self.blockGap.y, 0)
        }
        placements.append(Placement(block: block, x: x, y: rowTop))
        x += blockWidth + Self.blockGap.x
        rowHeight = max(rowHeight, blockHeight)
      }
      height = rowTop + rowHeight - top
    }

    /// Draws the blocks where ``arrange()`` put them.
    func draw(in svg: inout SVGWriter) {
      svg.open("g", ["class": .text("td-legend"), "aria-hidden": .text("true")])
      for placement in placements {
        let (x, y) = (placement.x, placement.y)
        switch placement.block {
        case .colour: drawColour(in: &svg, x: x, y: y)
        case .size: drawSize(in: &svg, x: x, y: y)
        }
      }
      svg.close("g")
    }

    private func title(_ text: String, in svg: inout SVGWriter, x: Double, y: Double) {
      svg.text(text, x: x, y: y + 11, size: Layout.smallSize, className: "td-legend-label")
    }

    /// The title, the bar (its outer tick labels inside the block) and the hollow marker; only
    /// the marker without a scale.
    private func drawColour(in svg: inout SVGWriter, x: Double, y: Double) {
      var (barTop, hollowX) = (y + 1, x + SoundMap.hollowRadius)
      if let scale {
        title(Self.colourTitle(scale), in: &svg, x: x, y: y)
        barTop = y + Self.titleHeight
        scale.drawBar(in: &svg, x: x + scale.tickOverhang, y: barTop)
        hollowX += LikeRatioScale.barWidth + 2 * scale.tickOverhang + 16
      }
      svg.empty(
        "circle",
        [
          "cx": .number(hollowX), "cy": .number(barTop + 5), "r": .number(SoundMap.hollowRadius),
          "class": .text("td-map-dot " + LikeRatioScale.className(ofStep: nil)),
        ])
      svg.text(
        Self.hollowText, x: hollowX + SoundMap.hollowRadius + 5, y: barTop + 9,
        size: Layout.smallSize, className: "td-legend-label")
    }

    private func drawSize(in svg: inout SVGWriter, x: Double, y: Double) {
      title(Self.sizeTitle, in: &svg, x: x, y: y)
      let bottom = y + Self.titleHeight + 2 * radius(of: references[0])
      for circle in referenceCircles {
        svg.empty(
          "circle",
          [
            "cx": .number(x + circle.x), "cy": .number(bottom - circle.radius),
            "r": .number(circle.radius), "class": .text("td-map-reference"),
          ])
        svg.text(
          NumberFormat.grouped(circle.ratings), x: x + circle.x, y: bottom + 14,
          size: Layout.smallSize, anchor: .middle, className: "td-legend-label")
      }
    }
  }
}

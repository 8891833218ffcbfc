import Formatting

extension SoundMap {
  /// The legend under the plot, in blocks that wrap onto as many rows as the width needs: the
  /// colour bar of the like ratio with the hollow "no ratings" marker; the size, as one or two
  /// reference circles drawn to the map's own scale; and, when the map shows cluster numbers,
  /// what a number means.
  struct Key: Sendable, Equatable {
    enum Block: Sendable, Equatable {
      case colour, size, numbers
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
    /// Whether the numbers block is shown.
    var showsNumbers = false
    /// The blocks and their top-left corners, after ``arrange()``.
    private(set) var placements: [Placement] = []
    /// The legend's height, after ``arrange()``.
    private(set) var height = 0.0

    static let colourTitle = "share of ratings that are likes"
    static let hollowText = "no ratings"
    static let sizeTitle = "circle area ∝ ratings"
    static let numbersText = "cluster number (its name is in the table)"
    static let titleHeight = 17.0
    static let blockGap = (x: 28.0, y: 12.0)

    init(top: Double, left: Double, width: Double, most: Int, maxRadius: Double) {
      self.top = top
      self.left = left
      self.width = width
      self.most = most
      self.maxRadius = maxRadius
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
        let title = FontMetrics.width(of: Self.colourTitle, size: small)
        let hollow =
          16 + SoundMap.hollowRadius * 2 + 5 + FontMetrics.width(of: Self.hollowText, size: small)
        return (max(title, LikeRatioScale.barWidth + hollow), Self.titleHeight + 27)
      case .size:
        let circles = referenceCircles.last.map { $0.x + $0.half } ?? 0
        let title = FontMetrics.width(of: Self.sizeTitle, size: small)
        return (max(title, circles), Self.titleHeight + 2 * radius(of: references[0]) + 17)
      case .numbers:
        let sample = FontMetrics.width(of: "12", size: small, bold: true)
        return (sample + Layout.gap + FontMetrics.width(of: Self.numbersText, size: small), 16)
      }
    }

    /// Flows the blocks left to right, wrapping when a block would cross the right edge.
    mutating func arrange() {
      var blocks: [Block] = [.colour]
      if most > 0 { blocks.append(.size) }
      if showsNumbers { blocks.append(.numbers) }
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
        case .numbers: drawNumbers(in: &svg, x: x, y: y)
        }
      }
      svg.close("g")
    }

    private func title(_ text: String, in svg: inout SVGWriter, x: Double, y: Double) {
      svg.text(text, x: x, y: y + 11, size: Layout.smallSize, className: "td-legend-label")
    }

    private func drawColour(in svg: inout SVGWriter, x: Double, y: Double) {
      title(Self.colourTitle, in: &svg, x: x, y: y)
      let barTop = y + Self.titleHeight
      LikeRatioScale.drawBar(in: &svg, x: x, y: barTop)
      let hollowX = x + LikeRatioScale.barWidth + 16 + SoundMap.hollowRadius
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

    private func drawNumbers(in svg: inout SVGWriter, x: Double, y: Double) {
      let sample = "12"
      svg.text(
        sample, x: x, y: y + 11, size: Layout.smallSize, className: "td-map-label td-map-number",
        bold: true)
      svg.text(
        Self.numbersText,
        x: x + FontMetrics.width(of: sample, size: Layout.smallSize, bold: true) + Layout.gap,
        y: y + 11, size: Layout.smallSize, className: "td-legend-label")
    }
  }
}

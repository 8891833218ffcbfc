import Formatting

extension SoundMap {
  /// A cluster's circle, in chart units.
  public struct Mark: Sendable, Equatable {
    /// The cluster.
    public var point: Point
    /// The centre's horizontal position.
    public var x: Double
    /// The centre's vertical position.
    public var y: Double
    /// The radius.
    public var radius: Double
    /// The ``LikeRatioScale`` step of the fill; `nil`: hollow (no ratings, no ratio).
    public var step: Int?
  }

  /// A cluster's number on the map, in chart units.
  public struct Label: Sendable, Equatable {
    /// The cluster's ``Point/id``.
    public var id: Int
    /// The text as drawn: the number.
    public var text: String
    /// The space the digits take, with a unit of room on every side for their halo.
    public var box: Box
    /// Whether it sits in its own circle (else beside it).
    public var isInside: Bool
  }

  /// Where everything of a map goes.
  public struct Geometry: Sendable, Equatable {
    /// The view box width.
    public var width: Double
    /// The view box height.
    public var height: Double
    /// The plot area; every circle lies inside it.
    public var plot: Box
    /// The circles in drawing order: most ratings first, hollow markers last.
    public var marks: [Mark]
    /// The cluster numbers, one per circle, in drawing order.
    public var numbers: [Label]
    /// Clusters not drawn because a coordinate is not a finite number.
    public var omitted: [Int]
    /// Chart units per data unit, the same on both axes.
    public var unitsPerData: Double
    /// The data point drawn at the plot's centre: its `x`…
    var centreX: Double
    /// … and its `y`.
    var centreY: Double
    /// The numbered key under the plot.
    public var names: Names
    /// The legend under the key.
    var key: Key

    /// The position of the data point (`x`, `y`).
    public func position(x: Double, y: Double) -> (x: Double, y: Double) {
      (
        plot.x + plot.width / 2 + (x - centreX) * unitsPerData,
        plot.y + plot.height / 2 - (y - centreY) * unitsPerData
      )
    }

    /// Grid lines at round data values across the plot, with their positions: vertical lines
    /// for `x` values, else horizontal for `y` values. Both axes share the step.
    func gridLines(vertical: Bool) -> [(value: Double, position: Double)] {
      let span = plot.width / unitsPerData
      let step = Ticks.step(span: span, count: Ticks.count(forLength: plot.width, spacing: 64))
      let half = (vertical ? plot.width : plot.height) / unitsPerData / 2
      let middle = vertical ? centreX : centreY
      // Lines closer than 12 units to the frame would read as a double edge.
      let inset = 12 / unitsPerData
      return Ticks.values(in: (middle - half + inset)...(middle + half - inset), step: step).map {
        ($0, vertical ? position(x: $0, y: centreY).x : position(x: centreX, y: $0).y)
      }
    }
  }

  /// Margins around the plot: the vertical axis title on the left, the horizontal one below.
  static let plotInsets = (top: 6.0, left: 20.0, right: 6.0, bottom: 28.0)

  /// Lays the map out `width` units wide: the plot, the numbered key under it (after the
  /// horizontal axis title), the legend under that.
  public func geometry(width: Double) -> Geometry {
    let drawn = points.enumerated().filter { $0.element.x.isFinite && $0.element.y.isFinite }
      .sorted { a, b in
        let (ra, rb) = (max(a.element.ratings, 0), max(b.element.ratings, 0))
        if ra != rb { return ra > rb }
        if a.element.id != b.element.id { return a.element.id < b.element.id }
        return a.offset < b.offset
      }
      .map(\.element)
    let omitted = points.filter { !($0.x.isFinite && $0.y.isFinite) }.map(\.id)
    let insets = Self.plotInsets
    let plotWidth = max(width - insets.left - insets.right, 40)
    let most = drawn.map { max($0.ratings, 0) }.max() ?? 0
    let maxRadius = Self.maxRadius(plotWidth: plotWidth, points: drawn, most: most)
    let radii = drawn.map { point in
      point.ratings > 0
        ? Self.radius(ratings: point.ratings, most: most, maxRadius: maxRadius) : Self.hollowRadius
    }
    // Padding: the largest radius and half a stroke.
    let pad = max(maxRadius, Self.hollowRadius) + 1
    let xs = drawn.map(\.x)
    let ys = drawn.map(\.y)
    let (lowX, highX) = (xs.min() ?? 0, xs.max() ?? 0)
    let (lowY, highY) = (ys.min() ?? 0, ys.max() ?? 0)
    let (spanX, spanY) = (highX - lowX, highY - lowY)
    let innerWidth = plotWidth - 2 * pad
    // The height that keeps one scale for both axes, within half and 0.9 of the width.
    let natural = spanX > 0 ? spanY / spanX * innerWidth + 2 * pad : plotWidth * 0.9
    let plotHeight = min(max(natural, plotWidth * 0.5), plotWidth * 0.9)
    let innerHeight = plotHeight - 2 * pad
    let fits = [spanX > 0 ? innerWidth / spanX : nil, spanY > 0 ? innerHeight / spanY : nil]
    let unitsPerData = fits.compactMap { $0 }.min() ?? 1
    let plot = Box(x: insets.left, y: insets.top, width: plotWidth, height: plotHeight)
    let blockWidth = width - plot.x - insets.right
    let names = Names(
      points: drawn, top: (plot.y + plot.height + insets.bottom).rounded(.up), left: plot.x,
      width: blockWidth)
    let scale = self.scale
    var key = Key(
      top: names.entries.isEmpty ? names.top : names.top + names.height + Self.keyGap,
      left: plot.x, width: blockWidth, most: most, maxRadius: maxRadius, scale: scale)
    key.arrange()
    var geometry = Geometry(
      width: width, height: key.top + key.height + 4, plot: plot, marks: [], numbers: [],
      omitted: omitted, unitsPerData: unitsPerData, centreX: (lowX + highX) / 2,
      centreY: (lowY + highY) / 2, names: names, key: key)
    geometry.marks = zip(drawn, radii).map { point, radius in
      let (x, y) = geometry.position(x: point.x, y: point.y)
      let step = point.ratings > 0 ? scale?.step(of: point.likeRatio) : nil
      return Mark(point: point, x: x, y: y, radius: radius, step: step)
    }
    geometry.numbers = Self.numbers(for: geometry.marks, in: plot)
    return geometry
  }

  /// The space between the numbered key and the legend.
  static let keyGap = 14.0

  /// The radius of the most-rated cluster: all circles together cover about a sixth of a plot
  /// 0.65 times as high as wide, and none is wider than a tenth of that width.
  static func maxRadius(plotWidth: Double, points: [Point], most: Int) -> Double {
    guard most > 0 else { return hollowRadius }
    let shares = points.reduce(0.0) { $0 + Double(max($1.ratings, 0)) / Double(most) }
    let area = plotWidth * plotWidth * 0.65
    let radius = (area / 6 / (Double.pi * shares)).squareRoot()
    return max(min(radius, plotWidth * 0.1), minimumRadius * 2)
  }

  /// The radius of a cluster with `ratings` (> 0) when the most-rated one has `most` and is
  /// drawn `maxRadius`: area in proportion, never under ``minimumRadius``.
  static func radius(ratings: Int, most: Int, maxRadius: Double) -> Double {
    max(minimumRadius, maxRadius * (Double(ratings) / Double(max(most, 1))).squareRoot())
  }

  /// The cluster numbers, one per circle: first every number that fits alone in its own
  /// circle goes there, then the others, in drawing order, beside their circles by
  /// ``LabelPlacer`` — or, where it finds no room, forced in or next to the circle.
  static func numbers(for marks: [Mark], in plot: Box) -> [Label] {
    let size = Layout.smallSize
    // Numbers keep 2 units off the frame.
    let area = Box(x: plot.x + 2, y: plot.y + 2, width: plot.width - 4, height: plot.height - 4)
    var placer = LabelPlacer(
      plot: area, discs: marks.map { LabelPlacer.Disc(x: $0.x, y: $0.y, radius: $0.radius) })
    let texts = marks.map { String($0.point.id) }
    let sizes = texts.map { text in
      (width: FontMetrics.width(of: text, size: size, bold: true) + 2, height: digitHeight + 2)
    }
    var boxes: [(box: Box, inside: Bool)?] = marks.indices.map { index in
      guard
        let box = placer.inside(width: sizes[index].width, height: sizes[index].height, of: index)
      else { return nil }
      placer.take(box)
      return (box, true)
    }
    for index in marks.indices where boxes[index] == nil {
      let (width, height) = sizes[index]
      let box =
        placer.place(width: width, height: height, around: index)
        ?? placer.force(width: width, height: height, around: index)
      boxes[index] = (box, false)
    }
    return marks.indices.map { index in
      Label(
        id: marks[index].point.id, text: texts[index], box: boxes[index]!.box,
        isInside: boxes[index]!.inside)
    }
  }

  /// The height of the digits at the small size (their cap height, 0.72 em in the chart font).
  static var digitHeight: Double { Layout.smallSize * 0.72 }
}

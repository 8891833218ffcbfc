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

  /// A label or a cluster number, in chart units.
  public struct Label: Sendable, Equatable {
    /// The cluster's ``Point/id``.
    public var id: Int
    /// The text as drawn (cleaned, maybe shortened).
    public var text: String
    /// The space the text takes.
    public var box: Box
    /// Whether the cluster number stands in for a label that found no room.
    public var isNumber: Bool
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
    /// The labels and numbers, in placement order.
    public var labels: [Label]
    /// Clusters drawn with neither label nor number: no room at all.
    public var unlabeled: [Int]
    /// Clusters not drawn because a coordinate is not a finite number.
    public var omitted: [Int]
    /// Chart units per data unit, the same on both axes.
    public var unitsPerData: Double
    /// The data point drawn at the plot's centre: its `x`…
    var centreX: Double
    /// … and its `y`.
    var centreY: Double
    /// The legend under the plot.
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

  /// Lays the map out `width` units wide.
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
    let key = Key(
      top: plot.y + plot.height + insets.bottom, left: plot.x, width: width - plot.x - insets.right,
      most: most, maxRadius: maxRadius)
    var geometry = Geometry(
      width: width, height: 0, plot: plot, marks: [], labels: [], unlabeled: [], omitted: omitted,
      unitsPerData: unitsPerData, centreX: (lowX + highX) / 2, centreY: (lowY + highY) / 2,
      key: key)
    geometry.marks = zip(drawn, radii).map { point, radius in
      let (x, y) = geometry.position(x: point.x, y: point.y)
      return Mark(
        point: point, x: x, y: y, radius: radius,
        step: point.ratings > 0 ? LikeRatioScale.step(of: point.likeRatio) : nil)
    }
    (geometry.labels, geometry.unlabeled) = Self.labels(for: geometry.marks, in: plot)
    geometry.key.showsNumbers = geometry.labels.contains(where: \.isNumber)
    geometry.key.arrange()
    geometry.height = geometry.key.top + geometry.key.height + 4
    return geometry
  }

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

  /// Labels placed greedily in drawing order; a number where the label finds no room.
  static func labels(for marks: [Mark], in plot: Box) -> (labels: [Label], unlabeled: [Int]) {
    let size = Layout.smallSize
    // Labels keep 2 units off the frame.
    let area = Box(x: plot.x + 2, y: plot.y + 2, width: plot.width - 4, height: plot.height - 4)
    var placer = LabelPlacer(
      plot: area, discs: marks.map { LabelPlacer.Disc(x: $0.x, y: $0.y, radius: $0.radius) })
    var labels: [Label] = []
    var unlabeled: [Int] = []
    for (index, mark) in marks.enumerated() {
      let cleaned = Layout.dataLabel(mark.point.label, limit: labelLimit)
      let text = cleaned.isEmpty ? "" : Layout.fit(cleaned, width: plot.width / 2, size: size)
      let height = WordCloud.lineHeight(of: text) * size
      if !text.isEmpty,
        let box = placer.place(
          width: FontMetrics.width(of: text, size: size), height: height, around: index)
      {
        labels.append(Label(id: mark.point.id, text: text, box: box, isNumber: false))
        continue
      }
      let number = String(mark.point.id)
      if let box = placer.place(
        width: FontMetrics.width(of: number, size: size, bold: true),
        height: WordCloud.lineHeight(of: number) * size,
        around: index, inside: true)
      {
        labels.append(Label(id: mark.point.id, text: number, box: box, isNumber: true))
      } else {
        unlabeled.append(mark.point.id)
      }
    }
    return (labels, unlabeled)
  }
}

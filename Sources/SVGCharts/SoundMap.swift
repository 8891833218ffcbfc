import Formatting

/// A "sound map": the clusters of a music catalog drawn as numbered circles on the plane of its
/// first two principal components, sized by ratings and coloured by how their like ratio
/// compares with the overall one, with a numbered key under the plot.
///
/// **Position.** A circle sits at its cluster centroid's projection (`x`, `y`, any units, may be
/// negative). Both axes use the same scale, so distances on the map compare; the plot is between
/// half and nine tenths as high as it is wide, and the data range is padded by the largest
/// radius so every circle stays inside the plot.
///
/// **Size.** A circle's area is proportional to the ratings (likes + dislikes) of its cluster's
/// tracks: the radius is `maxRadius × √(ratings / most ratings)`, never under ``minimumRadius``
/// (tiny clusters are slightly exaggerated there, never invisible). A cluster without ratings
/// is a small hollow marker of ``hollowRadius``. The legend draws one or two reference circles.
///
/// **Colour.** The like ratio's difference from ``overall`` on a ``LikeRatioScale`` fitted to
/// the clusters' ratios (see ``scale``): blue above the overall ratio, orange below, grey
/// within half a step; no ratio: hollow, grey. The legend gives the overall ratio and the
/// points of the outer steps.
///
/// **Numbers.** Every circle carries its cluster's number: in the circle when the number fits
/// there alone, else beside it (``LabelPlacer``: off other numbers, other centres and the
/// plot's edge, off other circles where it can). The key under the plot lists every drawn
/// cluster by number with its whole label (wrapped, never shortened: see ``Names``) and like
/// ratio; each circle's tooltip says the same with its ratings.
public struct SoundMap: Sendable {
  /// One cluster.
  public struct Point: Sendable, Equatable {
    /// The cluster's number, shown on its circle and in the key.
    public var id: Int
    /// A short name, e.g. `energetic · danceable`.
    public var label: String
    /// The centroid on the first principal component.
    public var x: Double
    /// The centroid on the second principal component.
    public var y: Double
    /// Likes plus dislikes of the cluster's tracks in the page's range.
    public var ratings: Int
    /// Likes ÷ ratings, 0 … 1; `nil` without ratings.
    public var likeRatio: Double?

    /// Creates a point.
    public init(id: Int, label: String, x: Double, y: Double, ratings: Int, likeRatio: Double?) {
      self.id = id
      self.label = label
      self.x = x
      self.y = y
      self.ratings = ratings
      self.likeRatio = likeRatio
    }
  }

  /// The clusters, any order. Points whose coordinates are not finite are not drawn (see
  /// ``Geometry/omitted``).
  public var points: [Point]
  /// The like ratio of all the range's ratings (0 … 1), the colour scale's grey middle; `nil`:
  /// the clusters' own, their likes ÷ their ratings.
  public var overall: Double?
  /// The horizontal axis' title, e.g. `sound component 1 (34% of variance)`.
  public var xTitle: String
  /// The vertical axis' title, e.g. `component 2 (21%)`.
  public var yTitle: String

  /// Creates a sound map.
  public init(points: [Point], overall: Double? = nil, xTitle: String, yTitle: String) {
    self.points = points
    self.overall = overall
    self.xTitle = xTitle
    self.yTitle = yTitle
  }

  /// The smallest radius of a cluster with ratings.
  public static let minimumRadius = 3.0
  /// The radius of the hollow marker of a cluster without ratings.
  public static let hollowRadius = 4.0
  /// The longest label the key shows whole, in characters; a longer one is cut there.
  public static let labelLimit = 200

  /// The sentences that open the chart's `<desc>`: how to read the map.
  public static let explanation =
    "Each numbered circle is a sound cluster, placed by its average audio features (first two principal components) and named in the key below. Area: its tracks' ratings. Colour: its like ratio against the overall one, blue above, orange below, grey about equal, darker further off; hollow: no ratings."

  /// The clusters' like ratios that are drawn: of clusters with ratings and finite
  /// coordinates.
  private var drawnRatios: [(ratio: Double, ratings: Int)] {
    points.compactMap { point in
      guard point.x.isFinite, point.y.isFinite, point.ratings > 0,
        let ratio = point.likeRatio, !ratio.isNaN
      else { return nil }
      return (min(max(ratio, 0), 1), point.ratings)
    }
  }

  /// The colour scale: centred on ``overall`` (without it, on the drawn clusters' likes ÷
  /// their ratings) and fitted to the drawn clusters' ratios (``LikeRatioScale/init(centre:fitting:)``);
  /// `nil` when no drawn cluster has a ratio.
  public var scale: LikeRatioScale? {
    let rated = drawnRatios
    guard !rated.isEmpty else { return nil }
    let ratings = Double(rated.reduce(0) { $0 + $1.ratings })
    let pooled = rated.reduce(0.0) { $0 + $1.ratio * Double($1.ratings) } / ratings
    let centre = overall.flatMap { $0.isFinite ? $0 : nil } ?? pooled
    return LikeRatioScale(centre: centre, fitting: rated.map(\.ratio))
  }

  /// The sentence of the `<desc>` that gives the colour scale's numbers: `The overall like
  /// ratio is 68.9%; colour steps of 3 percentage points, −9 to +9; grey within 1.5 points.`
  static func colourSentence(_ scale: LikeRatioScale) -> String {
    let reach = Double(scale.reach)
    let half = NumberFormat.decimal(
      Double(scale.stepPoints) / 2, places: scale.stepPoints % 2 == 0 ? 0 : 1)
    return
      "The overall like ratio is \(NumberFormat.percent(scale.centre, places: 1)); colour steps of \(scale.stepPoints) percentage points, \(NumberFormat.signed(-reach, places: 0)) to \(NumberFormat.signed(reach, places: 0)); grey within \(half) \(half == "1" ? "point" : "points")."
  }

  /// An axis title for principal component `component` that explains `varianceShare` of the
  /// variance (0 … 1): `sound component 1 (34% of variance)`.
  public static func axisTitle(component: Int, varianceShare: Double) -> String {
    "sound component \(component) (\(NumberFormat.percent(varianceShare)) of variance)"
  }

  /// Draws the map `width` units wide; the height follows from the data, the key and the
  /// legend. The `<desc>` is ``explanation``, the colour scale's numbers
  /// (``colourSentence(_:)``) and `text.summary` (what this range's map shows).
  public func render(_ text: ChartText, width: Double) -> SVGDocument {
    let geometry = geometry(width: width)
    var described = text
    let summary = SafeText.clean(text.summary, limit: 2000)
    described.summary =
      ([Self.explanation] + [geometry.key.scale.map(Self.colourSentence)]
      + [summary]).compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
    return SVGDocument.make(
      described, width: geometry.width, height: geometry.height, className: "td-soundmap"
    ) { svg in
      drawFrame(geometry, in: &svg)
      drawMarks(geometry, in: &svg)
      drawNumbers(geometry, in: &svg)
      geometry.names.draw(in: &svg)
      geometry.key.draw(in: &svg)
    }
  }

  /// The tooltip of a cluster: `Cluster 4: 1,234 ratings, 62.3% liked` (the key under the map
  /// names it).
  static func tooltip(of point: Point) -> String {
    let ratings = max(point.ratings, 0)
    var text = "Cluster \(point.id)"
    if ratings == 0 {
      text += ": no ratings in this range"
    } else {
      text += ": " + NumberFormat.count(ratings, "rating")
      if let ratio = point.likeRatio, !ratio.isNaN {
        text += ", \(NumberFormat.percent(min(max(ratio, 0), 1), places: 1)) liked"
      }
    }
    return text
  }

  /// The grid at round values of the shared scale, the zero lines a little stronger, the
  /// plot's frame and the axis titles; hidden from screen readers (the description says it).
  private func drawFrame(_ geometry: Geometry, in svg: inout SVGWriter) {
    let plot = geometry.plot
    svg.open("g", ["class": .text("td-axis"), "aria-hidden": .text("true")])
    let (top, bottom) = (plot.y, plot.y + plot.height)
    let (left, right) = (plot.x, plot.x + plot.width)
    let lines =
      geometry.gridLines(vertical: true).map { ($0.0, ($0.1, top, $0.1, bottom)) }
      + geometry.gridLines(vertical: false).map { ($0.0, (left, $0.1, right, $0.1)) }
    svg.lines(lines.filter { $0.0 != 0 }.map(\.1), className: "td-grid")
    svg.lines(lines.filter { $0.0 == 0 }.map(\.1), className: "td-map-zero")
    svg.empty(
      "rect",
      [
        "x": .number(plot.x), "y": .number(plot.y), "width": .number(plot.width),
        "height": .number(plot.height), "class": .text("td-map-frame"),
      ])
    let size = Layout.smallSize
    let xTitle = Layout.fit(Layout.dataLabel(xTitle), width: plot.width, size: size)
    svg.text(
      xTitle, x: plot.x + plot.width / 2, y: plot.y + plot.height + 16, size: size,
      anchor: .middle, className: "td-axis-title")
    let yTitle = Layout.fit(Layout.dataLabel(yTitle), width: plot.height, size: size)
    let middle = SVGNumber.format(plot.y + plot.height / 2)
    svg.text(
      yTitle, x: 0, y: 0, size: size, anchor: .middle, className: "td-axis-title",
      extra: [
        "transform": .text("translate(\(SVGNumber.format(plot.x - 6)) \(middle)) rotate(-90)")
      ])
    svg.close("g")
  }

  /// One circle per cluster, largest first so that small ones stay on top, each with its
  /// tooltip.
  private func drawMarks(_ geometry: Geometry, in svg: inout SVGWriter) {
    svg.open("g", ["class": .text("td-map-dots")])
    for mark in geometry.marks {
      svg.open(
        "circle",
        [
          "cx": .number(mark.x), "cy": .number(mark.y), "r": .number(mark.radius),
          "class": .text("td-map-dot " + LikeRatioScale.className(ofStep: mark.step)),
        ])
      svg.tooltip(Self.tooltip(of: mark.point))
      svg.close("circle")
    }
    svg.close("g")
  }

  /// The cluster numbers, bold, on a halo of the background colour so that they read on any
  /// circle (``ChartStylesheet/base`` styles every text of the `td-map-labels` group: no class
  /// on each); hidden from screen readers (the circles' tooltips name the clusters). One or
  /// two digits need no `textLength` pin or anchor class: each starts at its box's left edge.
  private func drawNumbers(_ geometry: Geometry, in svg: inout SVGWriter) {
    svg.open("g", ["class": .text("td-map-labels"), "aria-hidden": .text("true")])
    for number in geometry.numbers {
      svg.element(
        "text",
        [
          "x": .number(number.box.x + 1), "y": .number(number.box.y + 1 + Self.digitHeight),
        ], text: number.text)
    }
    svg.close("g")
  }
}

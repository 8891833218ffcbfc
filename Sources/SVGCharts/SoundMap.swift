import Formatting

/// A "sound map": the clusters of a music catalog drawn as circles on the plane of its first
/// two principal components, sized by ratings and coloured by the share of likes.
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
/// **Colour.** The like ratio on the seven-step ``LikeRatioScale``; no ratio: hollow, grey.
///
/// **Labels.** Placed greedily, most-rated cluster first, beside its circle by ``LabelPlacer``:
/// never over another label, another circle's centre or the plot's edge. A label longer than
/// 30 characters or half the plot's width is shortened with `…`. Where no position is allowed,
/// the cluster's number stands in for its label (in the circle when it fits), and where even
/// that finds no room the cluster is listed in ``Geometry/unlabeled``; its tooltip and the page's
/// table still name it.
public struct SoundMap: Sendable {
  /// One cluster.
  public struct Point: Sendable, Equatable {
    /// The cluster's number, shown when its label does not fit.
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
  /// The horizontal axis' title, e.g. `sound component 1 (34% of variance)`.
  public var xTitle: String
  /// The vertical axis' title, e.g. `component 2 (21%)`.
  public var yTitle: String

  /// Creates a sound map.
  public init(points: [Point], xTitle: String, yTitle: String) {
    self.points = points
    self.xTitle = xTitle
    self.yTitle = yTitle
  }

  /// The smallest radius of a cluster with ratings.
  public static let minimumRadius = 3.0
  /// The radius of the hollow marker of a cluster without ratings.
  public static let hollowRadius = 4.0
  /// The longest label shown, in characters.
  public static let labelLimit = 30

  /// The sentence that opens the chart's `<desc>`: how to read the map.
  public static let explanation =
    "Each circle is a sound cluster, placed by its average audio features (the first two principal components); its area shows how many ratings its tracks got and its colour the share of likes, from orange (mostly disliked) through grey (half) to blue (mostly liked). Hollow circles got no ratings."

  /// An axis title for principal component `component` that explains `varianceShare` of the
  /// variance (0 … 1): `sound component 1 (34% of variance)`.
  public static func axisTitle(component: Int, varianceShare: Double) -> String {
    "sound component \(component) (\(NumberFormat.percent(varianceShare)) of variance)"
  }

  /// Draws the map `width` units wide; the height follows from the data and the legend. The
  /// `<desc>` is ``explanation`` followed by `text.summary` (what this range's map shows).
  public func render(_ text: ChartText, width: Double) -> SVGDocument {
    let geometry = geometry(width: width)
    var described = text
    let summary = SafeText.clean(text.summary, limit: 2000)
    described.summary = summary.isEmpty ? Self.explanation : Self.explanation + " " + summary
    return SVGDocument.make(
      described, width: geometry.width, height: geometry.height, className: "td-soundmap"
    ) { svg in
      drawFrame(geometry, in: &svg)
      drawMarks(geometry, in: &svg)
      drawLabels(geometry, in: &svg)
      geometry.key.draw(in: &svg)
    }
  }

  /// The tooltip of a cluster: `energetic · danceable (cluster 4): 1,234 ratings, 62% liked`.
  static func tooltip(of point: Point) -> String {
    let name = Layout.dataLabel(point.label, limit: 80)
    let ratings = max(point.ratings, 0)
    var text = name.isEmpty ? "Cluster \(point.id)" : "\(name) (cluster \(point.id))"
    if ratings == 0 {
      text += ": no ratings in this range"
    } else {
      text += ": " + NumberFormat.count(ratings, "rating")
      if let ratio = point.likeRatio, !ratio.isNaN {
        text += ", \(NumberFormat.percent(min(max(ratio, 0), 1))) liked"
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

  /// The labels and the numbers standing in for labels that found no room.
  private func drawLabels(_ geometry: Geometry, in svg: inout SVGWriter) {
    svg.open("g", ["class": .text("td-map-labels"), "aria-hidden": .text("true")])
    for label in geometry.labels {
      svg.text(
        label.text, x: label.box.x,
        y: label.box.y + WordCloud.ascent(of: label.text) * Layout.smallSize,
        size: Layout.smallSize,
        className: label.isNumber ? "td-map-label td-map-number" : "td-map-label",
        bold: label.isNumber)
    }
    svg.close("g")
  }
}

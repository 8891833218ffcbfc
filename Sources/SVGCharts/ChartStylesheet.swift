/// The rules every chart needs whatever the theme: the font the charts are measured with, the
/// classes that stand for repeated `<text>` attributes (size, anchor, weight), the rounded
/// corners of the many bars and heatmap cells (the `rx` property, once here instead of an
/// attribute on each; a browser without it draws square corners), the fill of
/// stacked layers (the theme's `--series` colour of the layer's `td-series-N` class), and the
/// sound map's cluster numbers: bold on a halo of the theme's `--chart-halo` (white without
/// one), so that they read on any circle. Pages and
/// standalone chart files get them before the theme's `charts.css`, so a theme written before
/// these classes existed still draws every label at its size.
public enum ChartStylesheet {
  /// The rules, as CSS.
  public static let base = """
    /* Written by TuneDash's chart code before the theme's rules: the font and text sizes the
       charts are measured with (11 units unless a class or attribute says otherwise). */
    .td-chart { font-family: \(FontMetrics.fontFamily); font-size: \(SVGNumber.format(Layout.smallSize))px; }
    .td-chart .td-12 { font-size: \(SVGNumber.format(Layout.labelSize))px; }
    .td-chart .td-mid { text-anchor: middle; }
    .td-chart .td-end { text-anchor: end; }
    .td-chart .td-bold { font-weight: bold; }
    .td-chart .td-bar, .td-chart rect[class^="td-heat-"] { rx: 2px; }
    .td-chart .td-layer { fill: var(--series); }
    .td-chart .td-map-labels text { font-weight: bold; paint-order: stroke; stroke: var(--chart-halo, #fff); stroke-width: 3px; stroke-linejoin: round; }

    """

  /// `base` followed by a theme's chart stylesheet.
  public static func withTheme(_ theme: String) -> String { base + theme }

  /// The class that sets `size`, if one does (the base size needs none).
  static func sizeClass(_ size: Double) -> String? {
    size == Layout.labelSize ? "td-12" : nil
  }
}

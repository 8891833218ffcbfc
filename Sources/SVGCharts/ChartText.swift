import Formatting

/// The words that make a chart accessible: an id for `aria-labelledby`, a title, and a
/// description that says in words what the chart shows.
public struct ChartText: Sendable, Equatable {
  /// A prefix unique on the page, e.g. `genres-30d`; the chart's elements derive their ids from it.
  public var id: String
  /// The chart's title (`<title>`).
  public var title: String
  /// What the chart shows, in a sentence or two (`<desc>`).
  public var summary: String

  /// Creates chart text.
  public init(id: String, title: String, summary: String) {
    self.id = id
    self.title = title
    self.summary = summary
  }
}

/// A rendered chart: the `<svg>` element for inline use, and a standalone file.
public struct SVGDocument: Sendable, Equatable {
  /// The inline `<svg>` element; styled by the page's stylesheet.
  public let inline: String
  /// The view box width.
  public let width: Double
  /// The view box height.
  public let height: Double

  /// A standalone `.svg` file: the same drawing with `stylesheet` embedded, so colours, text
  /// sizes and dark mode work when the file is opened on its own (pass
  /// ``ChartStylesheet/withTheme(_:)``).
  public func standalone(stylesheet: String) -> String {
    standalone(EmbeddedStylesheet(stylesheet))
  }

  /// A standalone `.svg` file with a stylesheet prepared once for every file of a site.
  public func standalone(_ style: EmbeddedStylesheet) -> String {
    let header =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVGNumber.format(width))\" height=\"\(SVGNumber.format(height))\""
    guard inline.hasPrefix("<svg") else { return inline }
    let rest = inline.dropFirst(4)
    let closing = rest.firstIndex(of: ">")!
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + header + rest[..<closing] + ">"
      + style.element + rest[rest.index(after: closing)...] + "\n"
  }

  /// Wraps drawing code in the `<svg>` element with its title and description.
  static func make(
    _ text: ChartText, width: Double, height: Double, className: String,
    _ draw: (inout SVGWriter) -> Void
  ) -> SVGDocument {
    var writer = SVGWriter()
    writer.open(
      "svg",
      [
        "viewBox": .text("0 0 \(SVGNumber.format(width)) \(SVGNumber.format(height))"),
        "class": .text("td-chart \(className)"), "role": .text("img"),
        "aria-labelledby": .text("\(text.id)-title \(text.id)-desc"),
      ])
    writer.element(
      "title", ["id": .text("\(text.id)-title")], text: SafeText.clean(text.title, limit: 200))
    writer.element(
      "desc", ["id": .text("\(text.id)-desc")], text: SafeText.clean(text.summary, limit: 2000))
    draw(&writer)
    writer.close("svg")
    return SVGDocument(inline: writer.markup, width: width, height: height)
  }
}

/// A stylesheet as a standalone `.svg` embeds it: a `<style>` element whose CSS sits in a CDATA
/// section (any `]]>` in the CSS split across two sections). Made once per site, not per file.
public struct EmbeddedStylesheet: Sendable {
  /// The `<style>` element.
  public let element: String

  /// Wraps `css`.
  public init(_ css: String) {
    let escaped = css.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>")
    element = "<style><![CDATA[\n" + escaped + "\n]]></style>"
  }
}

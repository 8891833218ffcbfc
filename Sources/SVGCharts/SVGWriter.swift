import Formatting

/// Builds SVG markup. Attribute values and text are always escaped here; text that comes from
/// data should also go through `SafeText.clean` first (the charts do that).
struct SVGWriter {
  private(set) var markup = ""

  /// An attribute value: text or a number.
  enum Value {
    case text(String)
    case number(Double)

    var rendered: String {
      switch self {
      case .text(let text): SafeText.xmlEscaped(text)
      case .number(let number): SVGNumber.format(number)
      }
    }
  }

  /// Opens `<name …>`.
  mutating func open(_ name: String, _ attributes: KeyValuePairs<String, Value> = [:]) {
    markup += "<\(name)"
    append(attributes)
    markup += ">"
  }

  /// Closes `</name>`.
  mutating func close(_ name: String) { markup += "</\(name)>" }

  /// A self-closing element `<name …/>`.
  mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, Value>) {
    markup += "<\(name)"
    append(attributes)
    markup += "/>"
  }

  /// `<name …>text</name>`, the text escaped.
  mutating func element(
    _ name: String, _ attributes: KeyValuePairs<String, Value> = [:], text: String
  ) {
    open(name, attributes)
    markup += SafeText.xmlEscaped(text)
    close(name)
  }

  /// A `<title>` child: the tooltip of the element it is in.
  mutating func tooltip(_ text: String) { element("title", text: text) }

  /// How a `<text>` lines up with its x: the start (the default), the middle or the end.
  enum Anchor {
    case start, middle, end

    /// The class of ``ChartStylesheet/base`` that sets the anchor; none for the start.
    var className: String? {
      switch self {
      case .start: nil
      case .middle: "td-mid"
      case .end: "td-end"
      }
    }
  }

  /// A `<text>` whose width is pinned with `textLength`, so it never spills out of its box.
  ///
  /// Size, anchor and weight are classes of ``ChartStylesheet/base`` rather than attributes on
  /// every label (``Layout/smallSize`` is the charts' base size and needs none); a size without
  /// a class is written as a `font-size` attribute, which beats the inherited base size.
  mutating func text(
    _ content: String, x: Double, y: Double, size: Double, anchor: Anchor = .start,
    className: String, bold: Bool = false, extra: KeyValuePairs<String, Value> = [:]
  ) {
    let width = FontMetrics.width(of: content, size: size, bold: bold)
    let sizeClass = ChartStylesheet.sizeClass(size)
    markup += "<text"
    append(["x": .number(x), "y": .number(y)])
    if sizeClass == nil && size != Layout.smallSize { append(["font-size": .number(size)]) }
    let classes = [className, sizeClass, anchor.className].compactMap { $0 }
    append(["class": .text(classes.joined(separator: " "))])
    if width > 0 { append(["textLength": .number(width)]) }
    append(extra)
    markup += ">" + SafeText.xmlEscaped(content) + "</text>"
  }

  /// Straight lines of one class as a single `<path>` (one subpath each, `H`/`V` for the
  /// level and upright ones): the same strokes as a `<line>` per segment in a fraction of the
  /// markup. Nothing for no segments.
  mutating func lines(
    _ segments: [(x1: Double, y1: Double, x2: Double, y2: Double)], className: String
  ) {
    guard !segments.isEmpty else { return }
    var path = ""
    for segment in segments {
      let (x1, y1) = (SVGNumber.format(segment.x1), SVGNumber.format(segment.y1))
      let (x2, y2) = (SVGNumber.format(segment.x2), SVGNumber.format(segment.y2))
      path += "M\(x1) \(y1)" + (y1 == y2 ? "H\(x2)" : x1 == x2 ? "V\(y2)" : "L\(x2) \(y2)")
    }
    empty("path", ["d": .text(path), "class": .text(className)])
  }

  /// Appends prebuilt markup (from another writer).
  mutating func raw(_ text: String) { markup += text }

  private mutating func append(_ attributes: KeyValuePairs<String, Value>) {
    for (key, value) in attributes {
      markup += " \(key)=\"\(value.rendered)\""
    }
  }
}

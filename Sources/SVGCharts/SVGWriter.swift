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
  mutating func element(_ name: String, _ attributes: KeyValuePairs<String, Value> = [:], text: String) {
    open(name, attributes)
    markup += SafeText.xmlEscaped(text)
    close(name)
  }

  /// A `<title>` child: the tooltip of the element it is in.
  mutating func tooltip(_ text: String) { element("title", text: text) }

  /// A `<text>` whose width is pinned with `textLength`, so it never spills out of its box.
  mutating func text(
    _ content: String, x: Double, y: Double, size: Double, anchor: String = "start",
    className: String, bold: Bool = false, extra: KeyValuePairs<String, Value> = [:]
  ) {
    let width = FontMetrics.width(of: content, size: size, bold: bold)
    markup += "<text"
    append([
      "x": .number(x), "y": .number(y), "font-size": .number(size), "text-anchor": .text(anchor),
      "class": .text(className),
    ])
    if width > 0 {
      append(["textLength": .number(width), "lengthAdjust": .text("spacingAndGlyphs")])
    }
    append(extra)
    markup += ">" + SafeText.xmlEscaped(content) + "</text>"
  }

  /// Appends prebuilt markup (from another writer).
  mutating func raw(_ text: String) { markup += text }

  private mutating func append(_ attributes: KeyValuePairs<String, Value>) {
    for (key, value) in attributes {
      markup += " \(key)=\"\(value.rendered)\""
    }
  }
}

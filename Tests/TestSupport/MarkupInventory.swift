import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The elements and attributes found in files, by real parsers: Foundation's `XMLParser` for
/// SVG, and Python's html5lib (an HTML5 parser, in strict mode) for HTML.
public struct MarkupInventory: Equatable, Sendable {
  /// Element names seen.
  public var elements: Set<String> = []
  /// Attribute names seen.
  public var attributes: Set<String> = []
  /// Parse errors, one line each (file: message).
  public var errors: [String] = []

  public init() {}

  /// Adds what `other` found.
  public mutating func merge(_ other: MarkupInventory) {
    elements.formUnion(other.elements)
    attributes.formUnion(other.attributes)
    errors += other.errors
  }

  /// Parses an SVG (XML) file.
  public static func svg(_ url: URL) -> MarkupInventory {
    let delegate = Collector()
    let parser = XMLParser(contentsOf: url)!
    parser.delegate = delegate
    if !parser.parse() {
      delegate.inventory.errors.append(
        "\(url.lastPathComponent): \(parser.parserError?.localizedDescription ?? "XML parse error") at line \(parser.lineNumber)"
      )
    }
    return delegate.inventory
  }

  private final class Collector: NSObject, XMLParserDelegate {
    var inventory = MarkupInventory()

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      inventory.elements.insert(name)
      inventory.attributes.formUnion(attributes.keys)
    }
  }

  /// Whether `python3` can import html5lib.
  public static var html5libAvailable: Bool {
    (try? run(["-c", "import html5lib"]))?.status == 0
  }

  /// Parses HTML files with html5lib in strict mode (any parse error is reported).
  public static func html(_ urls: [URL]) throws -> MarkupInventory {
    let script = """
      import html5lib, json, sys
      out = {"elements": set(), "attributes": set(), "errors": []}
      for path in sys.argv[1:]:
          parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
          try:
              with open(path, "rb") as handle:
                  tree = parser.parse(handle)
          except Exception as error:
              out["errors"].append(f"{path}: {error}")
              continue
          for element in tree.iter():
              if isinstance(element.tag, str):
                  out["elements"].add(element.tag.split("}")[-1])
                  out["attributes"].update(name.split("}")[-1] for name in element.attrib)
      print(json.dumps({"elements": sorted(out["elements"]), "attributes": sorted(out["attributes"]), "errors": out["errors"]}))
      """
    let result = try run(["-c", script] + urls.map(\.path))
    guard result.status == 0,
      let json = try JSONSerialization.jsonObject(with: Data(result.output.utf8))
        as? [String: [String]]
    else {
      return MarkupInventory(
        elements: [], attributes: [], errors: ["html5lib failed: \(result.output)"])
    }
    return MarkupInventory(
      elements: Set(json["elements"] ?? []), attributes: Set(json["attributes"] ?? []),
      errors: json["errors"] ?? [])
  }

  init(elements: Set<String>, attributes: Set<String>, errors: [String]) {
    self.elements = elements
    self.attributes = attributes
    self.errors = errors
  }

  private static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    try ExternalTool.run("python3", arguments)
  }
}

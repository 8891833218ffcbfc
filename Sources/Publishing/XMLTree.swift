import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A small read-only element tree, enough to read S3's XML answers.
///
/// Text is kept exactly as it appears (object keys may start or end with spaces); namespaces
/// are processed, so names are local names. External entities are never resolved.
struct XMLTree: Sendable, Equatable {
  /// The element's local name.
  var name: String
  /// The element's own character data, concatenated.
  var text: String = ""
  /// The child elements, in document order.
  var children: [XMLTree] = []

  /// Parses a document and returns its root element, or `nil` when the data is not
  /// well-formed XML.
  static func parse(_ data: Data) -> XMLTree? {
    let builder = Builder()
    let parser = XMLParser(data: data)
    parser.shouldProcessNamespaces = true
    parser.shouldResolveExternalEntities = false
    parser.delegate = builder
    guard parser.parse(), builder.stack.count == 1 else { return nil }
    return builder.stack[0].children.first
  }

  /// The first child with this name.
  func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }

  /// Every child with this name.
  func children(named name: String) -> [XMLTree] { children.filter { $0.name == name } }

  /// The text of the first child with this name.
  func value(_ name: String) -> String? { child(name)?.text }

  private final class Builder: NSObject, XMLParserDelegate {
    var stack: [XMLTree] = [XMLTree(name: "")]

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
      qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
      stack.append(XMLTree(name: elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
      stack[stack.count - 1].text += String(decoding: block, as: UTF8.self)
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
      qualifiedName qName: String?
    ) {
      guard stack.count > 1 else { return }
      let finished = stack.removeLast()
      stack[stack.count - 1].children.append(finished)
    }
  }
}

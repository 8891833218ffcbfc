/// A light scan of a template's tags, for errors that name the right line: Mustache's own
/// parser reports an unclosed section at the end of the file, where the mistake is not.
enum TemplateTags {
  /// One tag: its sigil (`#`, `^`, `/`, `>`, `!`, or none for a variable), its name and line.
  struct Tag: Equatable {
    var sigil: Character?
    var name: String
    var line: Int
  }

  /// What is wrong with a template's sections, if anything.
  enum Problem: Equatable {
    /// `{{#name}}` or `{{^name}}` opened on `line` and never closed.
    case unclosed(name: String, line: Int)
    /// `{{/name}}` on `line` closes nothing, or closes the wrong section.
    case strayClose(name: String, line: Int, open: String?)
  }

  /// Every `{{…}}` tag, in order. Triple mustaches (`{{{name}}}`) count as variables.
  static func tags(in text: String) -> [Tag] {
    var found: [Tag] = []
    var line = 1
    var rest = Substring(text)
    while let open = rest.range(of: "{{") {
      line += rest[..<open.lowerBound].count { $0 == "\n" }
      rest = rest[open.upperBound...]
      guard let close = rest.range(of: "}}") else { break }
      var inner = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      let tagLine = line
      line += rest[..<close.upperBound].count { $0 == "\n" }
      rest = rest[close.upperBound...]
      if inner.hasPrefix("{") {
        inner.removeFirst()
        if rest.first == "}" { rest = rest.dropFirst() }
        found.append(
          Tag(sigil: nil, name: inner.trimmingCharacters(in: .whitespaces), line: tagLine))
        continue
      }
      var sigil: Character?
      if let first = inner.first, "#^/>!&=".contains(first) {
        sigil = first
        inner = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces)
      }
      found.append(Tag(sigil: sigil, name: inner, line: tagLine))
    }
    return found
  }

  /// The first section that is not closed, or a close without its open; `nil` when balanced.
  static func sectionProblem(in text: String) -> Problem? {
    var open: [Tag] = []
    for tag in tags(in: text) {
      switch tag.sigil {
      case "#", "^": open.append(tag)
      case "/":
        guard let last = open.last, last.name == tag.name else {
          return .strayClose(name: tag.name, line: tag.line, open: open.last?.name)
        }
        open.removeLast()
      default: continue
      }
    }
    return open.last.map { .unclosed(name: $0.name, line: $0.line) }
  }
}

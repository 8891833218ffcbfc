import Mustache

/// A view model the templates read: its names and how each is read, in one table. The table
/// answers Mustache's lookups directly (no reflection, which made rendering slow) and tells a
/// theme, when it loads, which names exist — so a typo such as `{{rangeLabell}}` is an error with
/// its file and line instead of an empty heading.
protocol TemplateView: MustacheParent, SendableMetatype {
  /// Every name the templates may use on this view, and how to read it.
  static var fields: [String: @Sendable (Self) -> Any?] { get }

  /// The names of ``fields`` (a default implementation reads them).
  static var fieldNames: [String] { get }

  /// The view models this one holds (a table its rows, a chart its image): the templates' whole
  /// vocabulary is every view reachable from the pages' views.
  static var children: [any TemplateView.Type] { get }
}

extension TemplateView {
  /// The value of `name`, or `nil` for a name this view does not have (Mustache then looks in
  /// the enclosing context) or an optional value that is absent.
  func child(named name: String) -> Any? {
    guard let read = Self.fields[name] else { return nil }
    return read(self)
  }
}

/// Every name any view model answers: what templates may use.
enum TemplateVocabulary {
  /// The pages' views: every other view is reachable from them through ``TemplateView/children``
  /// (the dashboard's sections through `DashboardBuilder.sections`), so a new section's view is
  /// known without being listed here.
  static let roots: [any TemplateView.Type] = [LayoutView.self, DashboardView.self, AboutView.self]

  /// Every view reachable from ``roots``.
  static var views: [any TemplateView.Type] {
    var seen: Set<ObjectIdentifier> = []
    var found: [any TemplateView.Type] = []
    var pending = roots
    while let view = pending.popLast() {
      guard seen.insert(ObjectIdentifier(view)).inserted else { continue }
      found.append(view)
      pending.append(contentsOf: view.children)
    }
    return found
  }

  /// The names.
  static let names: Set<String> = views.reduce(into: Set(SectionView.names)) { names, view in
    names.formUnion(view.fieldNames)
  }

  /// The names a template uses that no view model has, with their lines. Mustache's own names
  /// (`.`, transforms such as `first()`) and partials, comments and delimiters are not names.
  static func unknownNames(in text: String) -> [(name: String, line: Int)] {
    var unknown: [(String, Int)] = []
    for tag in TemplateTags.tags(in: text) {
      switch tag.sigil {
      case nil, "#", "^", "/", "&": break
      default: continue
      }
      var name = Substring(tag.name)
      // `transform(name)` reads `name`; `first()` reads nothing.
      if let open = name.firstIndex(of: "("), name.last == ")" {
        name = name[name.index(after: open)..<name.index(before: name.endIndex)]
      }
      for part in name.split(separator: ".") where !names.contains(String(part)) {
        unknown.append((tag.name, tag.line))
        break
      }
    }
    return unknown
  }

  /// The known name closest to `name` (by edit distance), for a "did you mean" hint.
  static func closest(to name: String) -> String? {
    names.min {
      distance($0, name) < distance($1, name)
        || (distance($0, name) == distance($1, name) && $0 < $1)
    }
  }

  /// Levenshtein distance.
  static func distance(_ a: String, _ b: String) -> Int {
    let (a, b) = (Array(a), Array(b))
    var row = Array(0...b.count)
    for i in 1...max(1, a.count) where !a.isEmpty {
      var previous = row[0]
      row[0] = i
      for j in 1...max(1, b.count) where !b.isEmpty {
        let current = row[j]
        row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
        previous = current
      }
    }
    return row[b.count]
  }
}

extension TemplateView {
  /// The names of this view.
  static var fieldNames: [String] { Array(fields.keys) }

  /// A view that holds no other view model.
  static var children: [any TemplateView.Type] { [] }
}

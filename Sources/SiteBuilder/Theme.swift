import Foundation
import Mustache

/// The templates and stylesheets a site is rendered with: the built-in default theme, or a
/// folder given with `--templates` (start from a copy of `site-templates/`).
///
/// A theme is checked completely when loaded: every template must parse, every page template,
/// section partial and stylesheet must exist, and every partial a template names must exist.
/// Errors name the file and the line.
public struct Theme: Sendable {
  /// Page templates a theme must have.
  public static let pages = ["layout", "dashboard", "about"]
  /// Partials a theme must have: one per dashboard section (`section-genres` …), in page order.
  public static var sections: [String] { DashboardBuilder.sections.map { $0.partial } }
  /// Stylesheets a theme must have: `style.css` for pages, `charts.css` for charts (also
  /// embedded in the standalone chart files).
  public static let stylesheets = ["style.css", "charts.css"]

  let library: MustacheLibrary
  /// The page stylesheet.
  public let stylesheet: String
  /// The chart stylesheet.
  public let chartStylesheet: String
  /// Where the theme came from: "built-in" or the folder.
  public let origin: String

  /// The default theme embedded in the binary.
  public static func builtIn() throws -> Theme {
    try Theme(files: DefaultTheme.files, origin: "built-in", directory: nil)
  }

  /// The theme in `directory`: `*.mustache` templates and the two stylesheets.
  public init(directory: String) throws {
    let files = FileManager.default
    var isDirectory: ObjCBool = false
    guard files.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw SiteError(
        .template, path: directory, message: "no such template folder",
        hint:
          "copy site-templates/ from the TuneDash repository (or run `tunedash theme --out DIR`) and point --templates at it"
      )
    }
    var contents: [String: String] = [:]
    for name in try files.contentsOfDirectory(atPath: directory)
    where name.hasSuffix(".mustache") || name.hasSuffix(".css") {
      let path = (directory as NSString).appendingPathComponent(name)
      guard let data = files.contents(atPath: path) else {
        throw SiteError(
          .template, path: path, message: "cannot read this template", hint: "check its permissions"
        )
      }
      contents[name] = String(decoding: data, as: UTF8.self)
    }
    try self.init(files: contents, origin: directory, directory: directory)
  }

  init(files: [String: String], origin: String, directory: String?) throws {
    func path(_ name: String) -> String {
      directory.map { ($0 as NSString).appendingPathComponent(name) } ?? "site-templates/\(name)"
    }
    var templates: [String: MustacheTemplate] = [:]
    for (name, text) in files where name.hasSuffix(".mustache") {
      switch TemplateTags.sectionProblem(in: text) {
      case .unclosed(let section, let line):
        throw SiteError(
          .template, path: path(name), line: line,
          message: "the section {{#\(section)}} opened here is never closed",
          hint: "add {{/\(section)}} where the section ends")
      case .strayClose(let section, let line, let open):
        throw SiteError(
          .template, path: path(name), line: line,
          message: open.map { "{{/\(section)}} closes a section, but {{#\($0)}} is the one open" }
            ?? "{{/\(section)}} closes a section that was never opened",
          hint: "make each {{/name}} match the {{#name}} or {{^name}} before it")
      case nil: break
      }
      do {
        templates[String(name.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
      } catch let error as MustacheTemplate.ParserError {
        throw SiteError(
          .template, path: path(name), line: error.context.lineNumber,
          message:
            "template does not parse (\(Self.describe(error.error)) at column \(error.context.columnNumber))",
          hint: "fix the tag on that line; every {{#section}} needs its {{/section}}")
      }
    }
    for (name, text) in files.sorted(by: { $0.key < $1.key }) where name.hasSuffix(".mustache") {
      if let (unknown, line) = TemplateVocabulary.unknownNames(in: text).first {
        let suggestion =
          TemplateVocabulary.closest(to: unknown).map { "did you mean {{\($0)}}? " } ?? ""
        throw SiteError(
          .template, path: path(name), line: line,
          message: "{{\(unknown)}} is not a name the pages have",
          hint:
            "\(suggestion)fix the name, or compare with the built-in theme (tunedash theme --out DIR)"
        )
      }
    }
    for page in Self.pages where templates[page] == nil {
      throw SiteError(
        .template, path: path("\(page).mustache"), message: "the theme has no \(page).mustache",
        hint:
          "every theme needs \(Self.pages.map { "\($0).mustache" }.joined(separator: ", ")); copy it from the built-in theme (tunedash theme --out DIR)"
      )
    }
    for partial in Self.sections where templates[partial] == nil {
      throw SiteError(
        .template, path: path("\(partial).mustache"),
        message: "the theme has no \(partial).mustache for its dashboard section",
        hint:
          "every theme needs one partial per section (\(Self.sections.joined(separator: ", "))); copy it from the built-in theme (tunedash theme --out DIR)"
      )
    }
    for sheet in Self.stylesheets where files[sheet] == nil {
      throw SiteError(
        .template, path: path(sheet), message: "the theme has no \(sheet)",
        hint: "copy \(sheet) from the built-in theme (tunedash theme --out DIR)")
    }
    for (name, text) in files where name.hasSuffix(".mustache") {
      for (partial, line) in Self.partialReferences(in: text) where templates[partial] == nil {
        throw SiteError(
          .template, path: path(name), line: line,
          message: "the partial {{> \(partial)}} does not exist",
          hint: "add \(partial).mustache to the theme, or fix the name")
      }
    }
    library = MustacheLibrary(templates: templates)
    stylesheet = files["style.css"]!
    chartStylesheet = files["charts.css"]!
    self.origin = origin
  }

  /// Renders `template` with `view`.
  func render(_ template: String, _ view: Any) -> String {
    library.render(view, withTemplate: template) ?? ""
  }

  /// The names of partials a template includes, with the line of each reference. Dynamic
  /// partials (`{{>*name}}`, named by the view) are left out; the section partials are checked by name.
  static func partialReferences(in text: String) -> [(String, Int)] {
    var found: [(String, Int)] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      var rest = Substring(line)
      while let open = rest.range(of: "{{>") {
        rest = rest[open.upperBound...]
        guard let close = rest.range(of: "}}") else { break }
        let name = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
        if !name.isEmpty && !name.hasPrefix("*") { found.append((name, index + 1)) }
        rest = rest[close.upperBound...]
      }
    }
    return found
  }

  private static func describe(_ error: any Error) -> String {
    switch error {
    case MustacheTemplate.Error.sectionCloseNameIncorrect: "a section is closed with the wrong name"
    case MustacheTemplate.Error.unfinishedName: "a tag is not finished"
    case MustacheTemplate.Error.expectedSectionEnd: "a section is never closed"
    case MustacheTemplate.Error.invalidSetDelimiter: "a set-delimiter tag is malformed"
    default: "\(error)"
    }
  }
}

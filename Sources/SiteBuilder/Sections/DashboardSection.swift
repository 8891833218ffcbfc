import Mustache

/// One section of a dashboard page: it turns the report into its own view, and the theme's
/// partial `section-<id>.mustache` renders that view.
///
/// A new section is one type conforming to this protocol, one line in
/// ``DashboardBuilder/sections`` and one partial in the theme. The partial reads the view's fields
/// by name, plus `id`; names the view does not know are looked up in the page around it.
protocol DashboardSection: Sendable {
  /// What the section's partial renders.
  associatedtype View: TemplateView & Sendable

  /// The section's anchor: its heading's HTML id is `<id>-heading`, and `section-<id>.mustache`
  /// renders it.
  var id: String { get }

  /// The section's view for the page's range; charts it draws are recorded in `page`.
  func view(_ page: inout SectionContext) -> View
}

extension DashboardSection {
  /// The name of the template partial that renders the section.
  var partial: String { "section-\(id)" }

  /// The type of the section's view, whose names its partial may use.
  var viewType: any TemplateView.Type { View.self }
}

/// A section as the dashboard template loops over it: which partial to render (`{{>*partial}}`)
/// with the section's own view, whose fields the partial reads directly.
struct SectionView: Sendable {
  let id: String
  let partial: String
  let content: any MustacheParent & Sendable

  /// The view of `section` for the page in `page`.
  init(_ section: some DashboardSection, page: inout SectionContext) {
    id = section.id
    partial = section.partial
    content = section.view(&page)
  }
}

extension SectionView: MustacheParent {
  /// The names a section wrapper answers itself; the rest go to its content.
  static let names = ["id", "partial"]

  func child(named name: String) -> Any? {
    switch name {
    case "id": id
    case "partial": partial
    default: content.child(named: name)
    }
  }
}

import Mustache

// The view models answer the templates' lookups themselves instead of through reflection
// (`Mirror`), which made rendering the big tables the slowest part of a build. A name a type
// does not know returns `nil`, and Mustache then looks it up in the enclosing context, as usual.
// Each section's view answers for itself, beside its section in Sections/.

extension LayoutView: TemplateView {
  static let children: [any TemplateView.Type] = [PageChrome.self]

  static let fields: [String: @Sendable (Self) -> Any?] = [
    "page": { $0.page },
    "content": { $0.content },
  ]
}

extension PageChrome: TemplateView {
  static let children: [any TemplateView.Type] = [PageChrome.NavItem.self]

  static let fields: [String: @Sendable (Self) -> Any?] = [
    "title": { $0.title },
    "root": { $0.root },
    "nav": { $0.nav },
    "asOf": { $0.asOf },
    "timeZone": { $0.timeZone },
    "aboutHref": { $0.aboutHref },
    "aboutCurrent": { $0.aboutCurrent },
    "reportHref": { $0.reportHref },
    "version": { $0.version },
  ]
}

extension PageChrome.NavItem: TemplateView {
  static let fields: [String: @Sendable (Self) -> Any?] = [
    "label": { $0.label },
    "href": { $0.href },
    "current": { $0.current },
  ]
}

extension DashboardView: TemplateView {
  /// The page head, and each section's view, from the dashboard's own list of sections.
  static var children: [any TemplateView.Type] {
    [PageChrome.self] + DashboardBuilder.sections.map(\.viewType)
  }

  static let fields: [String: @Sendable (Self) -> Any?] = [
    "page": { $0.page },
    "rangeLabel": { $0.rangeLabel },
    "period": { $0.period },
    "comparisonPeriod": { $0.comparisonPeriod as Any? },
    "hasData": { $0.hasData },
    "hasEvents": { $0.hasEvents },
    "sections": { $0.sections },
  ]
}

extension AboutView: TemplateView {
  static let children: [any TemplateView.Type] = [PageChrome.self]

  static let fields: [String: @Sendable (Self) -> Any?] = [
    "page": { $0.page },
    "timeZone": { $0.timeZone },
    "minRatings": { $0.minRatings },
    "minUsers": { $0.minUsers },
    "stopwords": { $0.stopwords },
    "kMeansRestarts": { $0.kMeansRestarts },
  ]
}

extension CardView: TemplateView {
  static let children: [any TemplateView.Type] = [ChartImage.self]

  static let fields: [String: @Sendable (Self) -> Any?] = [
    "label": { $0.label },
    "value": { $0.value },
    "change": { $0.change as Any? },
    "trend": { $0.trend },
    "arrow": { $0.arrow },
    "comparison": { $0.comparison as Any? },
    "detail": { $0.detail as Any? },
    "sparkline": { $0.sparkline as Any? },
  ]
}

extension ChartView: TemplateView {
  static let children: [any TemplateView.Type] = [ChartImage.self, TableView.self]

  static let fields: [String: @Sendable (Self) -> Any?] = [
    "id": { $0.id },
    "title": { $0.title },
    "note": { $0.note as Any? },
    "wide": { $0.wide },
    "narrow": { $0.narrow as Any? },
    "href": { $0.href },
    "table": { $0.table },
    "isEmpty": { $0.isEmpty },
    "emptyText": { $0.emptyText },
    "footnote": { $0.footnote as Any? },
  ]
}

extension ChartImage: TemplateView {
  static let fields: [String: @Sendable (Self) -> Any?] = [
    "href": { $0.href },
    "width": { $0.width },
    "height": { $0.height },
    "alt": { $0.alt },
  ]
}

extension TableView: TemplateView {
  static let children: [any TemplateView.Type] = [TableView.Header.self, TableView.Row.self]

  static let fields: [String: @Sendable (Self) -> Any?] = [
    "caption": { $0.caption },
    "headers": { $0.headers },
    "rows": { $0.rows },
    "isEmpty": { $0.isEmpty },
    "isWide": { $0.isWide },
  ]
}

extension TableView.Header: TemplateView {
  static let fields: [String: @Sendable (Self) -> Any?] = [
    "text": { $0.text },
    "numeric": { $0.numeric },
  ]
}

extension TableView.Row: TemplateView {
  static let children: [any TemplateView.Type] = [TableView.Cell.self]

  static let fields: [String: @Sendable (Self) -> Any?] = ["cells": { $0.cells }]
}

extension TableView.Cell: TemplateView {
  static let fields: [String: @Sendable (Self) -> Any?] = [
    "text": { $0.text },
    "numeric": { $0.numeric },
    "isRowHeader": { $0.isRowHeader },
    "figure": { $0.figure },
  ]
}

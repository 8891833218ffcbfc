import Mustache

// The view models answer the templates' lookups themselves instead of through reflection
// (`Mirror`), which made rendering the big tables the slowest part of a build. A name a type
// does not know returns `nil`, and Mustache then looks it up in the enclosing context, as usual.
// Each section's view answers for itself, beside its section in Sections/.

extension LayoutView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "page": page
    case "content": content
    default: nil
    }
  }
}

extension PageChrome: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "title": title
    case "root": root
    case "nav": nav
    case "asOf": asOf
    case "timeZone": timeZone
    case "aboutHref": aboutHref
    case "aboutCurrent": aboutCurrent
    case "reportHref": reportHref
    case "version": version
    default: nil
    }
  }
}

extension PageChrome.NavItem: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "label": label
    case "href": href
    case "current": current
    default: nil
    }
  }
}

extension DashboardView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "page": page
    case "rangeLabel": rangeLabel
    case "period": period
    case "comparisonPeriod": comparisonPeriod as Any?
    case "hasData": hasData
    case "hasEvents": hasEvents
    case "sections": sections
    default: nil
    }
  }
}

extension AboutView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "page": page
    case "timeZone": timeZone
    case "minRatings": minRatings
    default: nil
    }
  }
}

extension CardView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "label": label
    case "value": value
    case "change": change as Any?
    case "trend": trend
    case "arrow": arrow
    case "comparison": comparison as Any?
    case "detail": detail as Any?
    case "sparkline": sparkline as Any?
    default: nil
    }
  }
}

extension ChartView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "id": id
    case "title": title
    case "note": note as Any?
    case "wide": wide
    case "narrow": narrow as Any?
    case "href": href
    case "table": table
    case "isEmpty": isEmpty
    case "emptyText": emptyText
    case "footnote": footnote as Any?
    default: nil
    }
  }
}

extension TableView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "caption": caption
    case "headers": headers
    case "rows": rows
    case "isEmpty": isEmpty
    default: nil
    }
  }
}

extension TableView.Header: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "text": text
    case "numeric": numeric
    default: nil
    }
  }
}

extension TableView.Row: MustacheParent {
  func child(named name: String) -> Any? { name == "cells" ? cells : nil }
}

extension TableView.Cell: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "text": text
    case "numeric": numeric
    case "isRowHeader": isRowHeader
    default: nil
    }
  }
}

import Formatting
import ReportModel
import SVGCharts

/// The weekly retention cohorts as a triangle table shaded like a heatmap: one row per cohort
/// (the week of the listeners' first event, and how many they were), one column per week
/// after it. A cell is the share of the cohort active in that week; the cell of the week in
/// progress is marked instead of shown as a share, and later weeks are one blank cell. A cohort
/// below the privacy threshold shows its size only. Class names are short and spans written only
/// where needed: the table is on every page, and pages have a weight budget.
///
/// Shades follow ``shade(of:low:high:)`` over the lowest and the highest share after week 0
/// (week 0 is always 100% and takes the strongest shade), so that the differences the table
/// actually holds stay visible: shares of 80–97% spread over the five shades instead of all
/// taking the strongest one.
struct CohortTableView: Sendable {
  /// One cell of a cohort's row.
  struct Cell: Sendable {
    /// The share as a whole percentage (`34`), or what stands instead of it.
    let text: String
    /// `s0` … `s5` (the shades), `pending` (the week in progress) or `note`; `nil` for the
    /// blank weeks to come.
    let className: String?
    /// Words for screen readers where the visible text is only a mark.
    let spoken: String?
    /// How many columns the cell spans, when more than one (the blank weeks to come; the note
    /// of a cohort without shares).
    let span: String?
  }

  /// A cohort's row.
  struct Row: Sendable {
    /// `8 Dec` (the caption gives the years).
    let week: String
    /// Listeners in the cohort.
    let size: String
    /// The shares, the week in progress and the blank weeks to come; or one note.
    let cells: [Cell]
  }

  /// What the table shows, for screen readers (the panel's title and note say it on screen).
  let caption: String
  /// The cohorts' first weeks, `24 Aug – 9 Nov 2026`.
  let period: String
  /// `0` … `11`: weeks after the cohort's week.
  let weeks: [String]
  /// One row per cohort, oldest first.
  let rows: [Row]
  /// What the shades and marks mean.
  let key: String
  /// No cohort: the data has no complete week yet.
  let isEmpty: Bool

  /// The table of `report`'s cohorts.
  init(_ report: Report) {
    let cohorts = report.retention?.cohorts ?? []
    let columns = RetentionReport.weeks
    period = Narrative.span(cohorts.first?.week, cohorts.last?.week)
    caption =
      "Share (%) of each week's new listeners active 0 to \(columns - 1) weeks later, first weeks \(period)"
    weeks = (0..<columns).map(String.init)
    isEmpty = cohorts.isEmpty
    // The week in progress: the one after the last complete week, unless the data ends exactly
    // at the end of that week.
    let lastWeek = cohorts.last.flatMap { CivilDate(iso: $0.week)?.dayNumber }
    let asOfDay = report.asOfDate.flatMap { CivilDate(iso: $0)?.dayNumber }
    let inProgress = lastWeek.map { last in asOfDay.map { $0 >= last + 7 } ?? false } ?? false
    let later = cohorts.flatMap { $0.shares?.dropFirst() ?? [] }
    let (low, high) = (later.min() ?? 0, later.max() ?? 0)
    let minUsers = report.minUsers
    rows = cohorts.enumerated().map { index, cohort in
      let complete = cohorts.count - index
      var cells: [Cell] = []
      if let shares = cohort.shares {
        cells = shares.enumerated().map { n, share in
          let band = n == 0 ? Self.shades - 1 : Self.shade(of: share, low: low, high: high)
          return Cell(
            text: NumberFormat.decimal(share * 100, places: 0), className: "s\(band)",
            spoken: nil, span: nil)
        }
        var later = columns - complete
        if later > 0 && inProgress {
          cells.append(
            Cell(text: "…", className: "pending", spoken: "week not complete", span: nil))
          later -= 1
        }
        if later > 0 {
          cells.append(
            Cell(text: "", className: nil, spoken: nil, span: later > 1 ? String(later) : nil))
        }
      } else {
        let note =
          cohort.size == 0
          ? "No new listeners this week." : "Fewer than \(minUsers) listeners: shares not shown."
        cells = [Cell(text: note, className: "note", spoken: nil, span: String(columns))]
      }
      let date = CivilDate(iso: cohort.week)
      return Row(
        week: date.map(DateFormat.dayMonth) ?? cohort.week, size: NumberFormat.grouped(cohort.size),
        cells: cells)
    }
    key =
      later.isEmpty
      ? "“…”: the week is not complete yet."
      : "A stronger blue: a larger share; the shades run from \(NumberFormat.percent(low)) to \(NumberFormat.percent(high)), the lowest and the highest share after week 0. “…”: the week is not complete yet."
  }

  /// How many shades cells take (`s0` … `s5`).
  static let shades = 6

  /// The shade (1 … 5) of a share after week 0, on a scale from `low` to `high`, the lowest and
  /// the highest such share in the table: the span is cut into five equal parts, part *k*
  /// (from 0) taking shade *k* + 1, `high` itself the last:
  /// `shade = 1 + min(4, ⌊(share − low) ÷ (high − low) × 5⌋)`. When every share is the same
  /// (`high − low` under half a percentage point) all take the middle shade, 3.
  static func shade(of share: Double, low: Double, high: Double) -> Int {
    guard high - low >= 0.005 else { return 3 }
    let part = Int(((share - low) / (high - low) * 5).rounded(.down))
    return 1 + min(4, max(0, part))
  }
}

extension CohortTableView: TemplateView {
  static let children: [any TemplateView.Type] = [CohortTableView.Row.self]

  static let fields: [String: @Sendable (Self) -> Any?] = [
    "caption": { $0.caption },
    "period": { $0.period },
    "weeks": { $0.weeks },
    "rows": { $0.rows },
    "key": { $0.key },
    "isEmpty": { $0.isEmpty },
  ]
}

extension CohortTableView.Row: TemplateView {
  static let children: [any TemplateView.Type] = [CohortTableView.Cell.self]

  static let fields: [String: @Sendable (Self) -> Any?] = [
    "week": { $0.week },
    "size": { $0.size },
    "cells": { $0.cells },
  ]
}

extension CohortTableView.Cell: TemplateView {
  static let fields: [String: @Sendable (Self) -> Any?] = [
    "text": { $0.text },
    "className": { $0.className as Any? },
    "spoken": { $0.spoken as Any? },
    "span": { $0.span as Any? },
  ]
}

import Formatting
import ReportModel

/// Small pieces of English for chart descriptions and notes.
enum Narrative {
  /// A name from the data as it may appear inside a sentence or tooltip: cleaned, at most 60
  /// characters, right-to-left text isolated.
  static func name(_ text: String) -> String { SafeText.clean(text, limit: 60) }

  /// `second`, `third` … `tenth`, then `11th`.
  static func ordinal(_ n: Int) -> String {
    let words = [
      "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    ]
    if n >= 1 && n <= words.count { return words[n - 1] }
    let suffix =
      (11...13).contains(n % 100)
      ? "th" : ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][n % 10]
    return "\(n)\(suffix)"
  }

  /// `a`, `a and b`, `a, b and c`.
  static func list(_ items: [String]) -> String {
    switch items.count {
    case 0: ""
    case 1: items[0]
    default: items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
  }

  /// The text with its first letter upper-cased (for sentences that start with a name).
  static func capitalized(_ text: String) -> String {
    let text = name(text)
    guard let first = text.first else { return text }
    return first.uppercased() + text.dropFirst()
  }

  /// `1 listener`, `3,584 listeners`.
  static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(NumberFormat.grouped(n)) \(n == 1 ? singular : plural ?? singular + "s")"
  }

  /// A like ratio with its interval: `69.1% (95% interval 68.6–69.6%)`.
  static func ratio(_ ratio: Double?, lower: Double?, upper: Double?) -> String {
    guard let ratio else { return "no ratings" }
    guard let lower, let upper else { return NumberFormat.percent(ratio, places: 1) }
    return
      "\(NumberFormat.percent(ratio, places: 1)) (95% interval \(NumberFormat.decimal(lower * 100, places: 1))–\(NumberFormat.percent(upper, places: 1)))"
  }

  /// What was folded for privacy, as a sentence, or `nil` when nothing was:
  /// "2 more genres have fewer than 5 listeners each; together: 12 listeners, 40 engagements."
  static func folded(
    _ other: FoldedGroups?, noun: (String, String), minUsers: Int, people: String = "listeners",
    events: String = "engagements"
  ) -> String? {
    guard let other else { return nil }
    let groups =
      other.groups == 1
      ? "1 more \(noun.0) has" : "\(NumberFormat.grouped(other.groups)) more \(noun.1) have"
    var sentence = "\(groups) fewer than \(minUsers) \(people) each"
    if let users = other.users {
      var parts = ["\(NumberFormat.grouped(users)) \(people)"]
      if let count = other.events { parts.append("\(NumberFormat.grouped(count)) \(events)") }
      if let likes = other.likes, let dislikes = other.dislikes {
        parts.append(
          "\(NumberFormat.grouped(likes)) likes, \(NumberFormat.grouped(dislikes)) dislikes")
      }
      sentence += "; together: " + parts.joined(separator: ", ") + "."
    } else {
      sentence += ", too few even together to show."
    }
    return sentence
  }

  /// Sentences joined with a space, skipping the missing ones; `nil` when none is left.
  static func joined(_ sentences: [String?]) -> String? {
    let present = sentences.compactMap { $0 }
    return present.isEmpty ? nil : present.joined(separator: " ")
  }

  /// A date from `YYYY-MM-DD`: `Fri 20 Nov 2026` (or the text itself if it is not a date).
  static func date(_ iso: String, weekday: Bool = false) -> String {
    guard let date = CivilDate(iso: iso) else { return iso }
    return weekday
      ? "\(DateFormat.weekdayAbbreviations[date.weekday]) \(DateFormat.long(date))"
      : DateFormat.long(date)
  }

  /// A span of dates: `22 Oct – 20 Nov 2026`, `28 Dec 2025 – 3 Jan 2026`.
  static func span(_ first: String?, _ last: String?) -> String {
    guard let first = first.flatMap(CivilDate.init(iso:)),
      let last = last.flatMap(CivilDate.init(iso:))
    else {
      return ""
    }
    if first == last { return DateFormat.long(last) }
    let start = first.year == last.year ? DateFormat.dayMonth(first) : DateFormat.long(first)
    return "\(start) – \(DateFormat.long(last))"
  }
}

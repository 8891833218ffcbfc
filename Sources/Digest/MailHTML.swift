import Formatting

/// The HTML of a digest: one centred column of at most 600 pixels in layout tables, every style
/// inline (mail clients drop `<style>` blocks and never run scripts), no images, so the message
/// reads the same with images off and on a phone. Text goes in escaped: callers pass values
/// through ``escaped(_:)`` or ``SafeText``.
enum MailHTML {
  static let font = "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"
  static let ink = "#1d1d24"
  static let muted = "#55555f"
  static let line = "#e2e2e8"
  static let accent = "#1f5fbf"

  /// A whole document: `title` in `<title>` and as the heading, then `body`, then `footer` in
  /// small print.
  static func document(title: String, preheader: String, body: String, footer: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(title)</title>
    </head>
    <body style="margin:0;padding:0;background:#f3f3f6;">
    <div style="display:none;max-height:0;overflow:hidden;">\(preheader)</div>
    <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f3f6;">
    <tr><td align="center" style="padding:24px 12px;">
    <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border:1px solid \(line);border-radius:8px;">
    <tr><td style="padding:20px;font-family:\(font);font-size:16px;line-height:1.5;color:\(ink);">
    <h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;">\(title)</h1>
    \(body)
    </td></tr>
    <tr><td style="padding:16px 20px;border-top:1px solid \(line);font-family:\(font);font-size:13px;line-height:1.5;color:\(muted);">
    \(footer)
    </td></tr>
    </table>
    </td></tr>
    </table>
    </body>
    </html>
    """
  }

  /// A paragraph.
  static func paragraph(_ html: String) -> String { "<p style=\"margin:0 0 16px;\">\(html)</p>" }

  /// A second-level heading.
  static func heading(_ text: String) -> String {
    "<h2 style=\"margin:24px 0 8px;font-size:17px;line-height:1.3;\">\(text)</h2>"
  }

  /// A link; `url` is escaped here.
  static func link(_ text: String, to url: String) -> String {
    "<a href=\"\(escaped(url))\" style=\"color:\(accent);\">\(text)</a>"
  }

  /// A data table with a header row; cells are HTML already. Columns listed in `numeric` are
  /// right-aligned.
  static func table(header: [String], rows: [[String]], numeric: Set<Int> = []) -> String {
    func cell(_ tag: String, _ html: String, _ column: Int) -> String {
      // Numbers never wrap ("+0.1 pts" on a phone).
      let align = numeric.contains(column) ? "right;white-space:nowrap" : "left"
      let weight = tag == "th" ? "font-weight:600;color:\(muted);font-size:13px;" : ""
      return
        "<\(tag) style=\"padding:6px 8px;border-bottom:1px solid \(line);text-align:\(align);vertical-align:top;\(weight)\">\(html)</\(tag)>"
    }
    let head = "<tr>" + header.enumerated().map { cell("th", $1, $0) }.joined() + "</tr>"
    let body = rows.map { "<tr>" + $0.enumerated().map { cell("td", $1, $0) }.joined() + "</tr>" }
    return
      "<table cellpadding=\"0\" cellspacing=\"0\" style=\"width:100%;border-collapse:collapse;margin:0 0 16px;font-size:15px;\">\n"
      + ([head] + body).joined(separator: "\n") + "\n</table>"
  }

  /// Text escaped for HTML (after cleaning, where it came from the database).
  static func escaped(_ text: String) -> String { SafeText.xmlEscaped(text) }
}

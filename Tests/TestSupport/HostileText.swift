/// Text an attacker might type into a search box or a playlist title, or an app might store
/// by mistake: markup and script, attribute breakers, comment and CDATA terminators, control,
/// bidirectional and zero-width characters, emoji sequences, right-to-left text, template
/// syntax and very long strings. Invalid UTF-8 is added by the SQL in ``HostileDatabase``.
public enum HostileText {
  /// The corpus. Every string is a valid Swift string; see ``invalidUTF8SQL`` for bytes.
  public static let corpus: [String] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "' onmouseover='alert(1)' x='",
    "`backtick` ${template} {{mustache}} {{{triple}}}",
    "]]><!-- --><![CDATA[ x ]]> <svg onload=alert(1)>",
    "</style><style>*{display:none}</style>",
    "</title></desc><foreignObject><iframe src=javascript:alert(1)>",
    "javascript:alert(document.cookie)",
    "&amp; &lt; &#x3C; &#60; &unknown;",
    "\u{0}\u{1}\u{7}\u{8}\u{B}\u{C}\u{1B}[31mred\u{7F}\u{85}\u{9F}",
    "\u{202E}gnp.exe\u{202C} \u{2066}iso\u{2069} \u{200F}rlm",
    "zero\u{200B}width\u{200C}non\u{200D}joiner\u{2060}\u{FEFF}bom",
    "👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 🇯🇵 1️⃣",
    "مرحبا بالعالم",
    "שלום עולם <b>bold</b>",
    "line\u{2028}separator\u{2029}paragraph\r\nwindows\ttab",
    "nonchar "
      + String(String.UnicodeScalarView([0xFFFE, 0xFFFF, 0xFDD0].compactMap(Unicode.Scalar.init))),
    "%s %n %x %@ \\0 \\u0000",
    "'; DROP TABLE users; --",
    "Ünïcödé NFKC ＦＵＬＬ ﬁ",
    String(repeating: "A", count: 1_000_000),
    String(repeating: "long word ", count: 50_000),
  ]
}

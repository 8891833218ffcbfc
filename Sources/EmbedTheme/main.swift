import Foundation

// Build-time tool: embeds the files of `site-templates/` in a Swift source file, so the
// `tunedash` binary carries its default theme and works from any folder.
//
// Usage: EmbedTheme TEMPLATES_DIR OUTPUT.swift

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
  FileHandle.standardError.write(Data("usage: EmbedTheme TEMPLATES_DIR OUTPUT.swift\n".utf8))
  exit(64)
}
let directory = URL(fileURLWithPath: arguments[1])
let output = URL(fileURLWithPath: arguments[2])
let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
  .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".mustache") || $0.hasSuffix(".css")) }
  .sorted()

/// A raw string literal that holds `text` whatever it contains: one more `#` than the longest
/// run of `#` that follows a quote in the text.
func literal(_ text: String) -> String {
  var longest = 0
  var run = -1
  for character in text {
    if character == "\"" {
      run = 0
    } else if character == "#" && run >= 0 {
      run += 1
      longest = max(longest, run)
    } else {
      run = -1
    }
  }
  let hashes = String(repeating: "#", count: longest + 1)
  return "\(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)"
}

var source = "// Generated at build time from site-templates/ by EmbedTheme; do not edit.\n\n"
source += "/// The default theme, embedded so the binary works without the repository beside it.\n"
source +=
  "enum DefaultTheme {\n  /// File name → contents.\n  static let files: [String: String] = [\n"
for name in names {
  let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
  source += "    \"\(name)\": \(literal(text)),\n"
}
source += "  ]\n}\n"
let existing = try? String(contentsOf: output, encoding: .utf8)
if existing != source {
  try source.write(to: output, atomically: true, encoding: .utf8)
}

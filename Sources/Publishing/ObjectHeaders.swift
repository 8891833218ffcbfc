/// The `Content-Type` and `Cache-Control` each published file is stored with.
public enum ObjectHeaders {
  /// `Cache-Control` for what a build writes and changes — pages, `report.json`, charts, the
  /// stylesheet — so that a visitor's cache never pairs a page with another build's charts for
  /// longer than a page's own lifetime.
  public static let shortLivedCacheControl = "public, max-age=300"
  /// `Cache-Control` for everything else (images and fonts a user put in the folder).
  public static let defaultCacheControl = "public, max-age=3600"
  /// `Content-Type` for extensions not in the table.
  public static let defaultContentType = "application/octet-stream"

  private static let contentTypes: [String: String] = [
    "html": "text/html; charset=utf-8",
    "htm": "text/html; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "js": "text/javascript; charset=utf-8",
    "mjs": "text/javascript; charset=utf-8",
    "json": "application/json",
    "map": "application/json",
    "webmanifest": "application/manifest+json",
    "svg": "image/svg+xml",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "avif": "image/avif",
    "ico": "image/x-icon",
    "txt": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xml": "application/xml",
    "pdf": "application/pdf",
    "woff": "font/woff",
    "woff2": "font/woff2",
  ]

  /// The `Content-Type` for a file, chosen by its extension (case-insensitive).
  public static func contentType(forPath path: String) -> String {
    contentTypes[fileExtension(path)] ?? defaultContentType
  }

  /// The `Cache-Control` for a file: short for pages, JSON, charts (SVG) and stylesheets, which
  /// every build or upgrade may change under the same names; an hour for the rest.
  public static func cacheControl(forPath path: String) -> String {
    switch fileExtension(path) {
    case "html", "htm", "json", "svg", "css": shortLivedCacheControl
    default: defaultCacheControl
    }
  }

  /// Whether the file is an HTML page.
  public static func isHTML(_ path: String) -> Bool {
    ["html", "htm"].contains(fileExtension(path))
  }

  /// The lower-cased extension of the last path component, or `""`.
  static func fileExtension(_ path: String) -> String {
    let name = path.split(separator: "/").last ?? ""
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    return name[name.index(after: dot)...].lowercased()
  }
}

/// The `Content-Type` and `Cache-Control` each published file is stored with.
public enum ObjectHeaders {
  /// `Cache-Control` for HTML and JSON, which change with every build.
  public static let shortLivedCacheControl = "public, max-age=300"
  /// `Cache-Control` for everything else.
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

  /// The `Cache-Control` for a file: short for HTML and JSON, an hour for the rest.
  public static func cacheControl(forPath path: String) -> String {
    switch fileExtension(path) {
    case "html", "htm", "json": shortLivedCacheControl
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

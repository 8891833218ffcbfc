/// Reason phrases and retry classification for the HTTP statuses an object store returns.
enum HTTPStatus {
  /// The standard reason phrase, in title case, or `"Error"` for codes without one here.
  static func reasonPhrase(for status: Int) -> String {
    switch status {
    case 301: "Moved Permanently"
    case 304: "Not Modified"
    case 307: "Temporary Redirect"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 408: "Request Timeout"
    case 409: "Conflict"
    case 411: "Length Required"
    case 412: "Precondition Failed"
    case 413: "Content Too Large"
    case 429: "Too Many Requests"
    case 500: "Internal Server Error"
    case 501: "Not Implemented"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    default: "Error"
    }
  }

  /// Whether a request answered with this status (and S3 error code) may succeed if sent again.
  static func isTransient(_ status: Int, code: String?) -> Bool {
    switch status {
    case 408, 429, 500...599: true
    // S3 answers 400 RequestTimeout when the body arrived too slowly.
    case 400: code == "RequestTimeout"
    default: false
    }
  }
}

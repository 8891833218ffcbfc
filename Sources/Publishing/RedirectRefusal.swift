import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Refuses every HTTP redirect, so that the 3xx itself is the answer: a redirect would carry a
/// request's signed headers (the access key id, the signature, a session token) to whatever
/// host the `Location` names. S3 answers 301 or 307 for a bucket in another region, which
/// ``S3Client`` reports with the region to use.
final class RedirectRefusal: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
  func urlSession(
    _ session: URLSession, task: URLSessionTask,
    willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
    completionHandler: @escaping (URLRequest?) -> Void
  ) {
    completionHandler(nil)
  }
}

extension S3Client {
  /// The session every client uses unless given another: redirects are never followed
  /// (``RedirectRefusal``).
  public static let session = URLSession(
    configuration: .default, delegate: RedirectRefusal(), delegateQueue: nil)
}

import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

extension S3Client {
  /// What one attempt produced.
  private enum Attempt {
    case success(S3Response)
    case failure(PublishError.Reason, isTransient: Bool, retryAfter: Duration?)
  }

  /// Signs and sends a request, retrying transient failures.
  ///
  /// - Parameter tolerating: Non-2xx answers (status, S3 error code) to treat as success.
  func send(
    _ request: S3Request, operation: PublishError.Operation, subject: String,
    tolerating: (Int, String?) -> Bool = { _, _ in false }
  ) async throws -> S3Response {
    let policy = configuration.retryPolicy
    var attempt = 0
    while true {
      attempt += 1
      try Task.checkCancellation()
      switch try await sendOnce(request, operation: operation, tolerating: tolerating) {
      case .success(let response):
        return response
      case .failure(let reason, let isTransient, let retryAfter):
        guard isTransient, attempt < policy.maxAttempts else {
          throw PublishError(
            operation: operation, subject: subject, reason: Self.counting(reason, attempt))
        }
        try await Task.sleep(for: policy.delay(beforeRetry: attempt, retryAfter: retryAfter))
      }
    }
  }

  private func sendOnce(
    _ request: S3Request, operation: PublishError.Operation,
    tolerating: (Int, String?) -> Bool
  ) async throws -> Attempt {
    let signer = SigV4Signer(
      credentials: configuration.credentials, region: configuration.endpoint.region)
    let signed = signer.sign(
      method: request.method, url: request.url, headers: request.headers,
      payloadHash: request.payloadHash, date: Date())
    var urlRequest = URLRequest(
      url: request.url, cachePolicy: .reloadIgnoringLocalCacheData,
      timeoutInterval: configuration.requestTimeout)
    urlRequest.httpMethod = request.method
    for (name, value) in signed.headers {
      urlRequest.setValue(value, forHTTPHeaderField: name)
    }
    urlRequest.httpBody = request.body

    let data: Data
    let response: URLResponse
    do {
      (data, response) = try await session.data(for: urlRequest)
    } catch {
      return try networkFailure(error)
    }
    guard let http = response as? HTTPURLResponse else {
      return .failure(
        .invalidResponse(problem: "the answer is not an HTTP response"), isTransient: false,
        retryAfter: nil)
    }
    if (200..<300).contains(http.statusCode) {
      return .success(S3Response(status: http.statusCode, body: data))
    }
    let errorBody = S3ErrorBody(xml: data)
    if tolerating(http.statusCode, errorBody.code) {
      return .success(S3Response(status: http.statusCode, body: data))
    }
    return .failure(
      httpFailure(http, code: errorBody.code, operation: operation),
      isTransient: HTTPStatus.isTransient(http.statusCode, code: errorBody.code),
      retryAfter: Self.retryAfter(http))
  }

  private func httpFailure(
    _ response: HTTPURLResponse, code: String?, operation: PublishError.Operation
  ) -> PublishError.Reason {
    let status = response.statusCode
    if status == 404, code == "NoSuchBucket" || (code == nil && operation == .list) {
      return .bucketNotFound(bucket: bucket, endpoint: configuration.endpoint.description)
    }
    let hint: String?
    switch (status, code) {
    case (_, "RequestTimeTooSkewed"):
      hint = "the system clock is off; synchronise it"
    case (_, "PermanentRedirect"), (300..<400, _), (_, "AuthorizationHeaderMalformed"):
      if let region = response.value(forHTTPHeaderField: "x-amz-bucket-region") {
        hint = "the bucket is in region \(region); use --region \(region)"
      } else {
        hint = "check the region (--region / AWS_REGION) and the endpoint"
      }
    case (401, _), (403, _):
      hint = "check credentials / bucket policy"
    case (429, _), (500...599, _):
      hint = "the storage service is failing or throttling; try again later"
    default:
      hint = nil
    }
    return .http(status: status, code: code, hint: hint, attempts: 1)
  }

  private func networkFailure(_ error: any Error) throws -> Attempt {
    if error is CancellationError { throw error }
    // URLSession's errors bridge to URLError on every platform.
    guard let code = (error as? URLError)?.code else {
      return .failure(
        .network(problem: "request to \(configuration.endpoint) failed: \(error)", attempts: 1),
        isTransient: true, retryAfter: nil)
    }
    if code == .cancelled { throw CancellationError() }
    let endpoint = configuration.endpoint.description
    let problem: String
    var isTransient = true
    switch code {
    case .timedOut:
      problem = "the request to \(endpoint) timed out"
    case .cannotConnectToHost:
      problem = "could not connect to \(endpoint)"
    case .networkConnectionLost:
      problem = "the connection to \(endpoint) was lost"
    case .notConnectedToInternet:
      problem = "there is no network connection"
    case .cannotFindHost, .dnsLookupFailed:
      problem = "could not resolve the host of \(endpoint)"
    case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
      .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot,
      .clientCertificateRejected, .clientCertificateRequired:
      problem = "the TLS connection to \(endpoint) failed"
      isTransient = false
    case .badURL, .unsupportedURL:
      problem = "\(endpoint) cannot be used as an HTTP endpoint"
      isTransient = false
    default:
      problem = "network error talking to \(endpoint) (URLError \(code.rawValue))"
    }
    return .failure(
      .network(problem: problem, attempts: 1), isTransient: isTransient, retryAfter: nil)
  }

  /// The reason with the number of attempts filled in.
  private static func counting(_ reason: PublishError.Reason, _ attempts: Int)
    -> PublishError.Reason
  {
    switch reason {
    case .http(let status, let code, let hint, _):
      .http(status: status, code: code, hint: hint, attempts: attempts)
    case .network(let problem, _):
      .network(problem: problem, attempts: attempts)
    default:
      reason
    }
  }

  /// A `Retry-After` header given in seconds.
  private static func retryAfter(_ response: HTTPURLResponse) -> Duration? {
    guard let value = response.value(forHTTPHeaderField: "Retry-After"),
      let seconds = Int(value.trimmingCharacters(in: .whitespaces)), seconds >= 0
    else { return nil }
    return .seconds(seconds)
  }
}

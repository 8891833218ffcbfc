import Foundation
import Publishing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Makes an IAM user with an allow-all policy and an access key on a fresh moto server, in
/// exactly three requests (moto's `INITIAL_NO_AUTH_ACTION_COUNT`).
enum IAMBootstrap {
  static let userName = "tunedash-publisher"

  static func createAccessKey(endpoint: String) async throws -> (id: String, secret: String) {
    let policy =
      #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
    _ = try await call(endpoint, ["Action": "CreateUser", "UserName": userName])
    _ = try await call(
      endpoint,
      [
        "Action": "PutUserPolicy", "UserName": userName, "PolicyName": "publish-everything",
        "PolicyDocument": policy,
      ])
    let answer = try await call(endpoint, ["Action": "CreateAccessKey", "UserName": userName])
    guard let keyID = element("AccessKeyId", in: answer),
      let secret = element("SecretAccessKey", in: answer)
    else {
      throw ChildProcess.Failure(description: "CreateAccessKey gave no key: \(answer)")
    }
    return (keyID, secret)
  }

  /// One IAM Query API call. Before authentication starts, moto only needs the credential
  /// scope's service name to route the request, so placeholder credentials sign it.
  private static func call(_ endpoint: String, _ parameters: [String: String]) async throws
    -> String
  {
    let form = (parameters.merging(["Version": "2010-05-08"]) { $1 })
      .sorted { $0.key < $1.key }
      .map { "\(encode($0.key))=\(encode($0.value))" }
      .joined(separator: "&")
    let body = Data(form.utf8)
    guard let url = URL(string: endpoint + "/") else {
      throw ChildProcess.Failure(description: "bad endpoint \(endpoint)")
    }
    let signer = SigV4Signer(
      credentials: S3Credentials(accessKeyID: "bootstrap", secretAccessKey: "bootstrap"),
      region: MotoServer.region, service: "iam")
    let signed = signer.sign(
      method: "POST", url: url,
      headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"],
      payloadHash: SigV4Signer.payloadHash(of: body), date: Date())
    var request = URLRequest(url: url)
    request.httpMethod = "POST"
    request.httpBody = body
    for (name, value) in signed.headers { request.setValue(value, forHTTPHeaderField: name) }
    let (data, response) = try await URLSession.shared.data(for: request)
    let text = String(decoding: data, as: UTF8.self)
    guard (response as? HTTPURLResponse)?.statusCode == 200 else {
      throw ChildProcess.Failure(
        description: "IAM \(parameters["Action"] ?? "call") failed: \(response) \(text)")
    }
    return text
  }

  private static func encode(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: MotoServer.unreserved) ?? text
  }

  private static func element(_ name: String, in xml: String) -> String? {
    guard let start = xml.range(of: "<\(name)>"),
      let end = xml.range(of: "</\(name)>", range: start.upperBound..<xml.endIndex)
    else { return nil }
    return String(xml[start.upperBound..<end.lowerBound])
  }
}

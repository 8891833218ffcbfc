import Foundation

/// The `<Error>` document S3-compatible services send with a failure status.
struct S3ErrorBody: Sendable, Equatable {
  /// The machine-readable code, such as `SignatureDoesNotMatch` or `NoSuchBucket`.
  var code: String?
  /// The human-readable message.
  var message: String?

  /// Reads an `<Error>` document; an empty or unreadable body gives an empty value.
  init(xml data: Data) {
    guard !data.isEmpty, let root = XMLTree.parse(data), root.name == "Error" else { return }
    code = root.value("Code")?.trimmingCharacters(in: .whitespacesAndNewlines)
    message = root.value("Message")?.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

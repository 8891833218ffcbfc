/// The one error type of `SiteBuilder`: which step failed, on which file (and line, for
/// templates), and how to fix it.
public struct SiteError: Error, Sendable, CustomStringConvertible {
  /// The step that failed.
  public enum Step: String, Sendable {
    /// Loading or parsing a template.
    case template
    /// Writing the output folder.
    case output
    /// Another build holds the output folder.
    case locked
  }

  /// The step that failed.
  public var step: Step
  /// The file involved.
  public var path: String
  /// The line in `path`, for template errors.
  public var line: Int?
  /// What went wrong.
  public var message: String
  /// How to fix it.
  public var hint: String

  /// Creates an error.
  public init(_ step: Step, path: String, line: Int? = nil, message: String, hint: String) {
    self.step = step
    self.path = path
    self.line = line
    self.message = message
    self.hint = hint
  }

  /// "path:line: message; hint".
  public var description: String {
    let location = line.map { "\(path):\($0)" } ?? path
    return "\(location): \(message); \(hint)"
  }
}

import Foundation

/// What went wrong in a Foundation file operation, in the system's words (`Permission denied`,
/// `Not a directory`, `No space left on device`) — not Foundation's sentence around them, which
/// ends in a full stop and reads badly inside one line of TuneDash's.
public enum FileProblem {
  /// The reason `error` gives: its POSIX error's text when it has one, else its description
  /// without the closing full stop.
  public static func describe(_ error: any Error) -> String {
    let nsError = error as NSError
    if nsError.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(nsError.code)))
    }
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    let text = nsError.localizedDescription
    return text.hasSuffix(".") ? String(text.dropLast()) : text
  }
}

import ArgumentParser
import BuildPipeline
import Digest
import Engine
import EventStore
import Formatting
import Foundation
import Privacy
import Publishing
import SiteBuilder

/// Turns any error into one line on standard error (what went wrong, then how to fix it) and
/// the matching ``ExitStatus``. No stack traces for user mistakes.
enum Failure {
  /// Prints `error` as one line and returns the exit code to throw.
  static func report(_ error: any Error, to output: StandardStream = .standardError) -> ExitCode {
    let (line, status) = describe(error)
    // One line whatever the error quotes: a server's message, a name from the database.
    output.write("tunedash: \(SafeText.oneLine(line))\n")
    return status.exitCode
  }

  static func describe(_ error: any Error) -> (String, ExitStatus) {
    switch error {
    case let error as EventStoreError:
      let status: ExitStatus =
        switch error.kind {
        case .missingFile: .noInput
        case .notADatabase, .contractViolation: .badInput
        case .locked: .tryAgain
        case .alreadyExists, .cannotCreate: .cannotWrite
        case .sqlite, .server: .badInput
        case .unreachable, .connectionLost: .unavailable
        case .accessDenied: .permissionDenied
        }
      return ("\(error.message); \(error.hint)", status)
    case let error as SiteError:
      return (
        error.description,
        error.step == .locked ? .tryAgain : error.step == .template ? .configuration : .cannotWrite
      )
    case let error as PublishError:
      let status: ExitStatus =
        switch error.reason {
        case .http(let code, _, _, _) where code == 401 || code == 403: .permissionDenied
        // Another region or a redirect: the settings are wrong, and retrying will not help.
        case .http(let status, let code, _, _)
        where (300..<400).contains(status) || code == "PermanentRedirect"
          || code == "AuthorizationHeaderMalformed":
          .configuration
        case .http, .network, .invalidResponse: .unavailable
        case .unreadableFolder, .emptyFolder, .unreadableFile: .noInput
        case .notASite: .badInput
        default: .configuration
        }
      return (error.description, status)
    case let error as DigestError:
      let status: ExitStatus =
        switch error.kind {
        case .cannotWrite: .cannotWrite
        case .busy: .tryAgain
        case .badLog: .badInput
        case .noSendmail: .unavailable
        }
      return ("\(error.message); \(error.hint)", status)
    case let error as PrivacyError:
      return (error.description, .configuration)
    case let error as PartialStateError:
      let hint =
        switch error.reason {
        case .noEvents: "add events first, or build without --partition"
        case .cutNotReached: "give every partition a --cut the database has reached"
        case .catalogDiffers:
          "when tracks or genres changed after the partition builds, build the partitions again, then merge"
        default: "merge the --state-out files of one partitioned build, all with the same options"
        }
      return ("\(error); \(hint)", .badInput)
    case let error as CommandError:
      return (error.description, error.status)
    default:
      return ("unexpected error: \(error)", .internalError)
    }
  }
}

/// An error raised by a command itself (bad option values and the like).
struct CommandError: Error, CustomStringConvertible {
  var message: String
  var hint: String
  var status: ExitStatus

  var description: String { "\(message); \(hint)" }
}

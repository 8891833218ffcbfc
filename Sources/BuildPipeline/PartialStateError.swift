import Engine
import EventStore

/// Why a partitioned build could not write its partial state, or why `merge` refused the partial
/// states it was given: they must be the partitions `0 ..< N` of one build — the same as-of time,
/// cut, options, catalog and version, each partition once.
public struct PartialStateError: Error, Equatable, CustomStringConvertible {
  /// What is wrong.
  public enum Reason: Sendable, Equatable {
    /// The database has no valid event time: there is no as-of time to count up to.
    case noEvents
    /// The cut a partition build was given names rows the database does not have (yet): its
    /// highest ids are those given.
    case cutNotReached(EventCut)
    /// No partial state was given.
    case noPartials
    /// The file is not a state TuneDash wrote, or it is damaged.
    case unreadable
    /// The file was written by another version of TuneDash or on another kind of machine.
    case otherVersion
    /// The file was built with other options (time zone, stopwords, `--min-users`, `--as-of`)
    /// than the others or than `merge`'s.
    case optionsDiffer
    /// The file was built over another catalog than the database's now.
    case catalogDiffers
    /// The file's as-of time differs from the first file's.
    case asOfDiffers
    /// The file read another cut of the event tables (other highest ids) than the first file.
    case cutDiffers
    /// The file splits the listeners into another number of partitions than the first file.
    case countDiffers(expected: Int, found: Int)
    /// Two files hold the same partition.
    case duplicatePartition(ListenerPartition)
    /// The files share a listener: they were not split by the same function.
    case listenersOverlap
    /// Partitions of the split are missing.
    case missingPartitions([Int], of: Int)
  }

  /// What is wrong.
  public var reason: Reason
  /// The file it concerns, if one.
  public var file: String?

  /// An error about `file`.
  public init(_ reason: Reason, file: String? = nil) {
    self.reason = reason
    self.file = file
  }

  /// One line: what is wrong, and with which file.
  public var description: String {
    let what: String =
      switch reason {
      case .noEvents: "the database has no valid events yet, so there is nothing to partition"
      case .cutNotReached(let now):
        "the database's highest ids are \(now.maxEventID) (activity) and \(now.maxFeedbackID) (feedback), "
          + "below the cut the partition was asked to read"
      case .noPartials: "no partial state files were given"
      case .unreadable: "is not a TuneDash state file, or it is damaged"
      case .otherVersion: "was written by another version of TuneDash or on another kind of machine"
      case .optionsDiffer:
        "was built with other options (--timezone, stopwords, --min-users or --as-of) than the merge"
      case .catalogDiffers: "was built over another catalog (tracks or genres) than the database's"
      case .asOfDiffers: "has another as-of time than the other partial states"
      case .cutDiffers:
        "read other rows (another highest event or feedback id) than the other partial states"
      case .countDiffers(let expected, let found):
        "splits the listeners into \(found) partitions, the other partial states into \(expected)"
      case .duplicatePartition(let partition):
        "holds partition \(partition), which another file holds too"
      case .listenersOverlap:
        "shares listeners with another partial state (not split by the same function)"
      case .missingPartitions(let missing, let count):
        "partition\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of \(count) "
          + "\(missing.count == 1 ? "is" : "are") missing"
      }
    return file.map { "\($0) \(what)" } ?? what
  }
}

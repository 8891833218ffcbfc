/// A database a build can read events from: the seam between TuneDash and a kind of database.
///
/// Everything above this protocol — validation, the engine, the report pipeline, the site — works
/// with any source. A source opens one consistent, read-only snapshot per ``read(_:)`` call and
/// hands its ``Reader`` to the body; a second kind of database is one new conforming type.
/// Code that needs only part of a reader asks for that role: ``EventStream``,
/// ``CatalogReader``, ``ListenerDirectory`` or ``ContractCheckReader``.
///
/// ```swift
/// func cut<Source: EventSource>(_ source: Source) throws -> EventCut {
///   try source.read { reader in try reader.cut() }
/// }
/// ```
public protocol EventSource: Sendable {
  /// What reads the snapshot.
  associatedtype Reader: EventSourceReader

  /// Where the events come from, for messages (a path, or a URL without its password).
  var location: String { get }

  /// Runs `body` inside one read-only snapshot (a read transaction): every call on the reader
  /// sees the same rows, however much the app writes meanwhile.
  func read<T>(_ body: (Reader) throws -> T) throws -> T
}

/// Reads one consistent snapshot of a source, in every role: its events (``EventStream``), its
/// catalog and features (``CatalogReader``), its listeners (``ListenerDirectory``) and what
/// `check` asks (``ContractCheckReader``). Valid only inside ``EventSource/read(_:)``.
public protocol EventSourceReader: EventStream, CatalogReader, ListenerDirectory,
  ContractCheckReader
{}

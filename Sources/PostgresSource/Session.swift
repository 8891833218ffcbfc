import EventStore
import Foundation
import PostgresNIO

/// One connection to the server, driven from ``ClientThread``: what one
/// ``PostgresEventSource/read(_:)`` (or `init`) uses from connecting to closing.
final class Session: Sendable {
  let connection: PostgresConnection
  let thread: ClientThread
  /// Fails the query in flight if the connection closes.
  let closeWatch: CloseWatch
  let server: ServerAddress
  /// PostgresNIO's own log lines are not TuneDash's output: only its errors matter, and they
  /// come back as thrown errors.
  static let logger: Logger = {
    var logger = Logger(label: "tunedash.postgres")
    logger.logLevel = .critical
    return logger
  }()

  private init(connection: PostgresConnection, thread: ClientThread, server: ServerAddress) {
    self.connection = connection
    self.thread = thread
    closeWatch = CloseWatch(connection)
    self.server = server
  }

  /// Connects to `server`.
  /// - Throws: ``EventStoreError`` saying why the server cannot be used.
  static func open(_ server: ServerAddress) throws -> Session {
    let thread = ClientThread()
    do {
      let configuration = try server.configuration()
      let connection = try thread.wait {
        try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
      }
      return Session(connection: connection, thread: thread, server: server)
    } catch {
      thread.stop()
      throw EventStoreError.postgres(error, server: server)
    }
  }

  /// Runs `operation` with this session on the client thread and waits for it.
  /// - Throws: ``EventStoreError``.
  func run<T: Sendable>(
    table: String? = nil, _ operation: @escaping @Sendable (Session) async throws -> T
  ) throws -> T {
    do {
      return try thread.wait { [self] in try await operation(self) }
    } catch {
      throw EventStoreError.postgres(error, server: server, table: table)
    }
  }

  /// All the rows of `query`. PostgresNIO collects them on its event loop, asking the server
  /// for more as soon as rows arrive, so no row stream is ever left waiting for demand when the
  /// server goes away (a state in which PostgresNIO 1.33 stops the process with a precondition
  /// failure). Large reads use it a page of rows at a time (``PostgresReader/RowSource``).
  ///
  /// The result also fails when the connection closes first (``CloseWatch``).
  static func rows(_ query: PostgresQuery, on session: Session) async throws -> [PostgresRow] {
    try await send(query, on: session).get().rows
  }

  /// Sends `query` now and returns its result to come, so that the caller can work while the
  /// server does (see ``rows(_:on:)``).
  static func send(_ query: PostgresQuery, on session: Session) -> EventLoopFuture<
    PostgresQueryResult
  > {
    session.closeWatch.watch(session.connection.query(query, logger: logger))
  }

  /// Runs `query` for its first column of its first row, as an integer (NULL as `nil`).
  func scalar(_ query: PostgresQuery, table: String? = nil) throws -> Int64? {
    try run(table: table) { session in
      guard let cell = try await Self.rows(query, on: session).first?.first else { return nil }
      if case .integer(let value) = StoredValue(cell) { return value }
      return nil
    }
  }

  /// Runs a statement whose rows do not matter.
  func execute(_ query: PostgresQuery, table: String? = nil) throws {
    _ = try run(table: table) { session in try await Self.rows(query, on: session) }
  }

  /// Closes the connection and ends the client thread.
  func close() {
    _ = try? thread.wait { [connection] in try await connection.close() }
    thread.stop()
  }
}

import CLibPQ
import EventStore
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One libpq connection, used from one thread from connecting to closing: what one
/// ``PostgresEventSource/read(_:)`` (or `init`) uses. libpq's C API stays inside this type,
/// ``QueryResult`` and ``ServerPlace``.
final class Connection {
  private let handle: OpaquePointer
  /// Where the connection went, for messages.
  let place: ServerPlace
  /// How long the server may send nothing while a statement waits for it.
  private let silence: SilenceLimit

  /// Connects with `string`, libpq filling in the rest from the environment, service and
  /// password files.
  /// - Throws: ``EventStoreError`` saying why the server cannot be used.
  init(
    _ string: ConnectionString, environment: [String: String], warning: (String) -> Void
  ) throws {
    silence = try SilenceLimit(environment: environment)
    let parameters = string.parameters(environment: environment, warning: warning)
    let keywords = parameters.map { strdup($0.0) }
    let values = parameters.map { strdup($0.1) }
    defer {
      for pointer in keywords + values { free(pointer) }
    }
    let connection = (keywords.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { k in
      (values.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { v in
        PQconnectdbParams(k.baseAddress, v.baseAddress, 1)
      }
    }
    guard let connection else {
      throw EventStoreError(
        .server, path: string.location, message: "libpq could not allocate a connection",
        hint: "the machine is out of memory; run again")
    }
    place = ServerPlace(connection, location: string.location)
    guard PQstatus(connection) == CONNECTION_OK else {
      let message = String(cString: PQerrorMessage(connection))
      PQfinish(connection)
      throw EventStoreError.connecting(message, place: place)
    }
    handle = connection
    // Server notices (a NOTICE from a view's function, say) are not TuneDash's output.
    PQsetNoticeProcessor(connection, { _, _ in }, nil)
  }

  deinit { PQfinish(handle) }

  /// Runs `sql`, with `parameters` bound as text to `$1`, `$2`, …, and returns its rows in
  /// binary format.
  /// - Throws: ``EventStoreError`` naming `table` when the statement fails.
  @discardableResult
  func execute(_ sql: String, parameters: [String] = [], table: String? = nil) throws -> QueryResult
  {
    let values = parameters.map { strdup($0) }
    defer {
      for pointer in values { free(pointer) }
    }
    let sent = values.map { UnsafePointer($0) }.withUnsafeBufferPointer { bound in
      PQsendQueryParams(handle, sql, Int32(bound.count), nil, bound.baseAddress, nil, nil, 1)
    }
    return try check(
      try outcome(sent, table: table), expecting: [PGRES_TUPLES_OK, PGRES_COMMAND_OK], table: table)
  }

  /// The type ids of the columns `sql` would return, without running it (parsed and planned
  /// only, so a missing table or privilege is reported here).
  func columnTypes(of sql: String, table: String) throws -> [UInt32] {
    try check(
      try outcome(PQsendPrepare(handle, "", sql, 0, nil), table: table),
      expecting: [PGRES_COMMAND_OK], table: table)
    let description = try check(
      try outcome(PQsendDescribePrepared(handle, ""), table: table),
      expecting: [PGRES_COMMAND_OK], table: table)
    return description.columnTypes
  }

  /// Runs `COPY (query) TO STDOUT (FORMAT binary)` and calls `body` with each message of the
  /// stream as it arrives (one row each, the first also carrying the header). libpq reads
  /// from the socket only when asked, so a slow `body` holds the server back: memory stays
  /// bounded by one row however large the table.
  /// - Throws: ``EventStoreError`` (the server's, or the connection's loss), or what `body`
  ///   throws; either way the connection is left mid-copy and must be closed.
  func copy(_ query: String, table: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws
  {
    let sent = PQsendQuery(handle, "COPY (\(query)) TO STDOUT (FORMAT binary)")
    try check(try outcome(sent, table: table), expecting: [PGRES_COPY_OUT], table: table)
    while true {
      var buffer: UnsafeMutablePointer<CChar>? = nil
      let length = PQgetCopyData(handle, &buffer, 1)
      if length == 0 {
        // No whole row buffered yet: wait for the socket (at most the silence limit).
        try awaitInput(table: table)
        continue
      }
      guard length > 0, let buffer else { break }
      defer { PQfreemem(buffer) }
      try body(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
    }
    // -1: the copy ended, and its outcome (success, or the server's error) follows.
    // -2: the connection failed; the error is the connection's.
    var failure: EventStoreError?
    while let result = try nextResult(table: table) {
      do { try check(result, expecting: [PGRES_COMMAND_OK], table: table) } catch {
        failure = failure ?? (error as? EventStoreError)
      }
    }
    if let failure { throw failure }
    if PQstatus(handle) != CONNECTION_OK {
      throw EventStoreError.lost(place: place, table: table, reason: errorMessage)
    }
  }

  // MARK: Waiting for the server, at most the silence limit at a time

  /// The result of the statement just sent (`sent`: what `PQsend…` returned): the first
  /// error, else the last result — a `COPY`'s as soon as it starts — as `PQexec` would return.
  private func outcome(_ sent: Int32, table: String?) throws -> OpaquePointer? {
    guard sent == 1 else { return nil }
    var kept: OpaquePointer?
    do {
      while let result = try nextResult(table: table) {
        let status = PQresultStatus(result)
        if let previous = kept, PQresultStatus(previous) == PGRES_FATAL_ERROR {
          PQclear(result)
        } else {
          if let previous = kept { PQclear(previous) }
          kept = result
        }
        if status == PGRES_COPY_OUT || status == PGRES_COPY_IN || status == PGRES_COPY_BOTH {
          break
        }
      }
    } catch {
      if let kept { PQclear(kept) }
      throw error
    }
    return kept
  }

  /// libpq's next result of the statement sent, once the server has sent all of it.
  private func nextResult(table: String?) throws -> OpaquePointer? {
    while PQisBusy(handle) == 1 { try awaitInput(table: table) }
    return PQgetResult(handle)
  }

  /// Waits until the server sends something and hands it to libpq.
  /// - Throws: ``EventStoreError`` when the server stays silent past the limit (the statement
  ///   is cancelled, so that the server stops working for nobody) or the connection fails.
  private func awaitInput(table: String?) throws {
    guard PQsocket(handle) >= 0 else {
      throw EventStoreError.lost(place: place, table: table, reason: errorMessage)
    }
    var socket = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
    while true {
      let ready = poll(&socket, 1, silence.pollTimeout)
      if ready > 0 { break }
      if ready == 0 {
        cancel()
        throw EventStoreError.silent(place: place, table: table, limit: silence)
      }
      if errno != EINTR {
        let reason = String(cString: strerror(errno))
        throw EventStoreError.lost(place: place, table: table, reason: reason)
      }
    }
    guard PQconsumeInput(handle) == 1 else {
      throw EventStoreError.lost(place: place, table: table, reason: errorMessage)
    }
  }

  /// Asks the server to stop the running statement (best effort: a stopped server takes the
  /// request when it resumes; the connection is closed right after either way).
  private func cancel() {
    guard let request = PQgetCancel(handle) else { return }
    defer { PQfreeCancel(request) }
    var error = [CChar](repeating: 0, count: 256)
    _ = PQcancel(request, &error, Int32(error.count))
  }

  /// libpq's latest message for this connection, first line only.
  private var errorMessage: String {
    ConnectionString.firstLine(String(cString: PQerrorMessage(handle)))
  }

  /// `result` wrapped, when its status is one of `expected`.
  /// - Throws: ``EventStoreError`` from the server's SQLSTATE, or from the connection's state
  ///   when there is none.
  @discardableResult
  private func check(
    _ result: OpaquePointer?, expecting expected: [ExecStatusType], table: String?
  ) throws -> QueryResult {
    guard let result else {
      throw EventStoreError.lost(place: place, table: table, reason: errorMessage)
    }
    let wrapped = QueryResult(result)
    let status = PQresultStatus(result)
    guard expected.contains(status) else {
      if status == PGRES_FATAL_ERROR, let state = wrapped.field(.sqlState) {
        throw EventStoreError.server(
          state: state, message: wrapped.field(.message) ?? errorMessage,
          table: wrapped.field(.table) ?? table, place: place)
      }
      if PQstatus(handle) != CONNECTION_OK || status == PGRES_FATAL_ERROR {
        throw EventStoreError.lost(place: place, table: table, reason: errorMessage)
      }
      throw EventStoreError.unreadableRows(place: place, table: table ?? "?")
    }
    return wrapped
  }
}

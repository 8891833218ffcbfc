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
  /// When the server last sent something, while a statement waits for more (``awaitInput``).
  private var heard = ContinuousClock.now

  /// Connects with `string`, libpq filling in the rest from the environment, service and
  /// password files.
  /// - Throws: ``EventStoreError`` saying why the server cannot be used.
  init(
    _ string: ConnectionString, environment: [String: String], silence: SilenceLimit,
    warning: (String) -> Void
  ) throws {
    self.silence = silence
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
      // libpq may quote a piece of the URI, a password written in it among them.
      let message = ConnectionString.withoutPasswords(
        in: String(cString: PQerrorMessage(connection)), of: string.text)
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
    var waiting = false
    while true {
      var buffer: UnsafeMutablePointer<CChar>? = nil
      let length = PQgetCopyData(handle, &buffer, 1)
      if length == 0 {
        // No whole row buffered yet: wait for the server (at most the silence limit).
        try awaitInput(table: table, again: waiting)
        waiting = true
        continue
      }
      waiting = false
      guard length > 0, let buffer else { break }
      defer { PQfreemem(buffer) }
      try body(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
    }
    // -1: the copy ended, and its outcome (success, or the server's error) follows.
    // -2: the connection failed; the error is the connection's.
    // After a FATAL error the connection ends: the server's reason, read first, is the one told.
    var failure: EventStoreError?
    do {
      while let result = try nextResult(table: table) {
        do { try check(result, expecting: [PGRES_COMMAND_OK], table: table) } catch {
          failure = failure ?? (error as? EventStoreError)
        }
      }
    } catch {
      throw failure ?? error
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
      // The server's own error, when it sent one before the connection failed, says more.
      if let kept, PQresultStatus(kept) == PGRES_FATAL_ERROR, PQstatus(handle) != CONNECTION_OK {
        return kept
      }
      if let kept { PQclear(kept) }
      throw error
    }
    return kept
  }

  /// libpq's next result of the statement sent, once the server has sent all of it.
  private func nextResult(table: String?) throws -> OpaquePointer? {
    var waiting = false
    while PQisBusy(handle) == 1 {
      try awaitInput(table: table, again: waiting)
      waiting = true
    }
    return PQgetResult(handle)
  }

  /// Waits until the server sends something and hands it to libpq; `again` when the caller
  /// found no progress since its last wait, which then goes on counting the silence.
  ///
  /// Over TLS (or GSSAPI encryption), libpq may hold decrypted bytes that the socket no longer
  /// shows (its own blocking wait asks OpenSSL first; the API offers no such question), so the socket is
  /// watched a slice at a time and libpq asked to read after each: what it held is then seen
  /// within a slice, and the silence is counted from the last byte the socket brought.
  /// - Throws: ``EventStoreError`` when the server stays silent past the limit (the statement
  ///   is cancelled, so that the server stops working for nobody) or the connection fails.
  private func awaitInput(table: String?, again: Bool) throws {
    let descriptor = PQsocket(handle)
    guard descriptor >= 0 else {
      throw EventStoreError.lost(place: place, table: table, reason: errorMessage)
    }
    if !again { heard = .now }
    let slice: Int32? =
      PQsslInUse(handle) == 1 || PQgssEncInUse(handle) == 1 ? Self.encryptedSlice : nil
    var socket = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    while true {
      let timeout = Self.timeout(limit: silence, slice: slice, since: heard)
      let ready = poll(&socket, 1, timeout)
      if ready > 0 {
        heard = .now
        break
      }
      if ready == 0 {
        if silence.isOver(since: heard) {
          cancel()
          throw EventStoreError.silent(place: place, table: table, limit: silence)
        }
        if slice != nil { break }
        continue
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

  /// Milliseconds an encrypted connection's socket is watched before libpq is asked again.
  static let encryptedSlice: Int32 = 20

  /// `poll`'s timeout: what is left of the silence limit since `heard` (−1: no limit), at most
  /// `slice`.
  static func timeout(limit: SilenceLimit, slice: Int32?, since heard: ContinuousClock.Instant)
    -> Int32
  {
    let left = limit.remaining(since: heard)
    guard let slice else { return left }
    return left < 0 ? slice : min(left, slice)
  }

  /// Asks the server to stop the running statement, waiting at most ``cancelWait`` seconds:
  /// libpq 15's `PQcancel` opens a connection of its own, without a timeout, to a server that
  /// may not answer that either. The request goes on in the background after that; the
  /// connection is closed right after either way.
  private func cancel() {
    guard let request = PQgetCancel(handle).map(CancelRequest.init) else { return }
    let done = DispatchSemaphore(value: 0)
    let sender = Thread {
      request.send()
      done.signal()
    }
    sender.start()
    _ = done.wait(timeout: .now() + Self.cancelWait)
  }

  /// Seconds the cancel request may take before the build ends without its answer.
  static let cancelWait = 5.0

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

/// libpq's cancel request (`PGcancel`), owned by the thread that sends it: independent of the
/// connection it was made from, which may be closed meanwhile.
private final class CancelRequest: @unchecked Sendable {
  private let handle: OpaquePointer

  init(_ handle: OpaquePointer) { self.handle = handle }
  deinit { PQfreeCancel(handle) }

  /// Sends it and waits for the server to take it.
  func send() {
    var error = [CChar](repeating: 0, count: 256)
    _ = PQcancel(handle, &error, Int32(error.count))
  }
}

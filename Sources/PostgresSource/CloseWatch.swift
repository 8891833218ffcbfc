import Foundation
import PostgresNIO

/// Fails the query in flight when its connection closes: PostgresNIO 1.33 drops a query sent on
/// a connection the server has just closed, without failing it, and its caller would wait
/// forever.
///
/// One watch per connection, registered once on its close future. (A callback per query would
/// keep every query's result alive until the connection closes: a cursor read fetches thousands
/// of times, and each result holds thousands of rows.)
final class CloseWatch: @unchecked Sendable {
  private let lock = NSLock()
  private var closed = false
  private var inFlight: EventLoopPromise<PostgresQueryResult>?

  /// A watch on `connection`.
  init(_ connection: PostgresConnection) {
    connection.closeFuture.whenComplete { [self] _ in
      let pending = lock.withLock {
        closed = true
        defer { inFlight = nil }
        return inFlight
      }
      pending?.fail(ConnectionClosed())
    }
  }

  /// The rows of `result`, or ``ConnectionClosed`` if the connection closes first. Queries on
  /// one connection run one at a time, so one query is watched at a time.
  func rows(_ result: EventLoopFuture<PostgresQueryResult>) async throws -> [PostgresRow] {
    let outcome = result.eventLoop.makePromise(of: PostgresQueryResult.self)
    // A promise keeps its first result: after the query's, a close changes nothing.
    result.cascade(to: outcome)
    let alreadyClosed = lock.withLock {
      if !closed { inFlight = outcome }
      return closed
    }
    if alreadyClosed { outcome.fail(ConnectionClosed()) }
    defer { lock.withLock { inFlight = nil } }
    return try await outcome.futureResult.get().rows
  }
}

/// The connection closed before a query's result came.
struct ConnectionClosed: Error {}

import Foundation
import PostgresNIO

/// Fails the queries in flight when their connection closes: PostgresNIO 1.33 drops a query
/// sent on a connection the server has just closed, without failing it, and its caller would
/// wait forever.
///
/// One watch per connection, registered once on its close future; each query is watched only
/// until its result comes. (A close callback per query would keep every query's result alive
/// until the connection closes: a large read sends thousands of queries, each with thousands
/// of rows.)
final class CloseWatch: @unchecked Sendable {
  private let lock = NSLock()
  private var closed = false
  private var inFlight: [ObjectIdentifier: EventLoopPromise<PostgresQueryResult>] = [:]

  /// A watch on `connection`.
  init(_ connection: PostgresConnection) {
    connection.closeFuture.whenComplete { [self] _ in
      let pending = lock.withLock {
        closed = true
        defer { inFlight = [:] }
        return inFlight.values
      }
      for promise in pending { promise.fail(ConnectionClosed()) }
    }
  }

  /// `result`, or ``ConnectionClosed`` if the connection closes first.
  func watch(_ result: EventLoopFuture<PostgresQueryResult>) -> EventLoopFuture<PostgresQueryResult>
  {
    let outcome = result.eventLoop.makePromise(of: PostgresQueryResult.self)
    // A promise keeps its first result: after the query's, a close changes nothing.
    result.cascade(to: outcome)
    let key = ObjectIdentifier(outcome.futureResult)
    let alreadyClosed = lock.withLock {
      if !closed { inFlight[key] = outcome }
      return closed
    }
    if alreadyClosed { outcome.fail(ConnectionClosed()) }
    outcome.futureResult.whenComplete { [self] _ in
      lock.withLock { _ = inFlight.removeValue(forKey: key) }
    }
    return outcome.futureResult
  }
}

/// The connection closed before a query's result came.
struct ConnectionClosed: Error {}

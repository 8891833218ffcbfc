import EventStore
import GRDB

/// A prepared statement of a ``WritableDatabase`` that writes rows: bind the parameters (numbered
/// from 1), then ``run()``; the bindings stay until they are bound again.
///
/// It steps through SQLite's C API (``RawStatement``), so a demo can insert millions of rows
/// without a per-value allocation.
package struct WriteStatement {
  private let raw: RawStatement
  private let db: Database

  init(_ raw: RawStatement, db: Database) {
    self.raw = raw
    self.db = db
  }

  /// Binds an integer to parameter `index`.
  package func bind(_ index: Int32, _ value: Int64) { raw.bind(index, value) }

  /// Binds a double to parameter `index`.
  package func bind(_ index: Int32, _ value: Double) { raw.bind(index, value) }

  /// Binds text to parameter `index` (SQLite copies it).
  package func bind(_ index: Int32, _ value: String) { raw.bind(index, value) }

  /// Binds UTF-8 bytes as text to parameter `index` without copying them: they must stay alive
  /// and unchanged until the statement has run.
  @inline(__always)
  package func bind(_ index: Int32, text bytes: UnsafeRawBufferPointer) {
    raw.bind(index, text: bytes)
  }

  /// Binds NULL to parameter `index`.
  @inline(__always)
  package func bindNull(_ index: Int32) { raw.bindNull(index) }

  /// Runs the statement with the current bindings, ready to run again.
  /// - Throws: an ``EventStoreError`` carrying SQLite's message and the SQL.
  package func run() throws(EventStoreError) { try raw.run(db) }
}

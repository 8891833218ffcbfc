import EventStore

/// Terms in `search` queries and `playlist` titles, and how many listeners used each.
///
/// Definitions, for a range: `count` of a term = its occurrences in the range's search and
/// playlist text; `weight` = distinct users who used it in the range. Ranked by weight, then
/// count, then the term. A term is shown in its most common original spelling over all time
/// (ties: the spelling that sorts first). See ``Tokenizer`` for what a term is.
struct WordCounter: Sendable {
  private(set) var terms = ByteInterner()
  /// Per term: whether it is a stopword (decided once, when the term is first seen).
  private(set) var isStopword: [Bool] = []
  /// `[term * 3 + tracked slot]` for the current windows (slots 0, 1, 3).
  private(set) var counts: [Int32] = []
  private(set) var spellings = ByteInterner()
  private(set) var spellingTerm: [Int32] = []
  private(set) var spellingCount: [Int32] = []
  /// (user, term) → the latest time the user used the term.
  private(set) var lastUsed = UserPairs()
  private var tokenizer = Tokenizer()
  private let stopwords: Set<String>
  /// Distinct query texts seen, and for each its (term, spelling) pairs after stopwords:
  /// `tokens[tokenStarts[q] ..< tokenStarts[q + 1]]`. Most searches repeat, so most rows are
  /// counted without being tokenized again. Capped, so odd data cannot make it grow without end.
  private var queries = ByteInterner()
  private var tokenStarts: [Int32] = [0]
  private var tokens: [(term: Int32, spelling: Int32)] = []
  static let queryCacheLimit = 1_000_000

  init(stopwords: Set<String>) {
    self.stopwords = stopwords
  }

  mutating func add(text: UnsafeRawBufferPointer, user: Int32, time: Int64, in windows: Windows) {
    forEachToken(of: text) { counter, term, spelling in
      counter.count(term: term, spelling: spelling, user: user, time: time, windows)
    }
  }

  /// Calls `body(self, term, spelling)` for every term of `text` that is not a stopword, through
  /// the query cache while it has room.
  @inline(__always)
  private mutating func forEachToken(
    of text: UnsafeRawBufferPointer, _ body: (inout Self, Int32, Int32) -> Void
  ) {
    if queries.count < Self.queryCacheLimit {
      let query = Int(queries.intern(text))
      if query + 1 == tokenStarts.count {
        var found: [(term: Int32, spelling: Int32)] = []
        tokenize(text) { found.append(($0, $1)) }
        tokens += found
        tokenStarts.append(Int32(tokens.count))
      }
      for index in Int(tokenStarts[query])..<Int(tokenStarts[query + 1]) {
        let (term, spelling) = tokens[index]
        body(&self, term, spelling)
      }
    } else {
      var found: [(Int32, Int32)] = []
      tokenize(text) { found.append(($0, $1)) }
      for (term, spelling) in found { body(&self, term, spelling) }
    }
  }

  /// Calls `body(term, spelling)` for every term of `text` that is not a stopword.
  private mutating func tokenize(_ text: UnsafeRawBufferPointer, _ body: (Int32, Int32) -> Void) {
    var tokenizer = self.tokenizer
    tokenizer.forEachTerm(in: text) { termBytes, spellingBytes in
      let term = intern(termBytes)
      guard !isStopword[Int(term)] else { return }
      let spelling = spellings.intern(spellingBytes)
      if Int(spelling) == spellingTerm.count {
        spellingTerm.append(term)
        spellingCount.append(0)
      }
      body(term, spelling)
    }
    self.tokenizer = tokenizer
  }

  @inline(__always)
  private mutating func count(
    term: Int32, spelling: Int32, user: Int32, time: Int64, _ windows: Windows
  ) {
    spellingCount[Int(spelling)] += 1
    count(term: term, in: windows, sign: 1)
    lastUsed.see(user, term, at: time)
  }

  @inline(__always)
  private mutating func count(term: Int32, in windows: Windows, sign: Int32) {
    forEachSlot(windows) { slot in
      if let tracked = FeedbackTally.trackedIndex(slot) { counts[Int(term) * 3 + tracked] += sign }
    }
  }

  /// Moves the occurrences of `text`'s terms between windows: out of `removed`, into `added`.
  /// Only the per-range counts change; who used a term and its spellings do not depend on the
  /// ranges.
  mutating func recount(text: UnsafeRawBufferPointer, removed: Windows, added: Windows) {
    forEachToken(of: text) { counter, term, _ in
      counter.count(term: term, in: removed, sign: -1)
      counter.count(term: term, in: added, sign: 1)
    }
  }

  private mutating func intern(_ bytes: UnsafeRawBufferPointer) -> Int32 {
    let term = terms.intern(bytes)
    if Int(term) == isStopword.count {
      isStopword.append(stopwords.contains(terms.string(at: term)))
      counts.append(contentsOf: [0, 0, 0])
    }
    return term
  }

  /// Adds another set of listeners' terms: each of its terms and spellings is interned here
  /// (new ones appended, so the query cache's indexes stay valid), occurrences and spelling
  /// counts add up, and its (user, term) pairs are appended with users and terms moved.
  mutating func merge(_ other: WordCounter, _ mapping: MergeMapping) {
    let termMap = (0..<other.terms.count).map { term in
      other.terms.bytes(at: Int32(term)).withUnsafeBytes { intern($0) }
    }
    for (term, merged) in termMap.enumerated() {
      for tracked in 0..<3 { counts[Int(merged) * 3 + tracked] += other.counts[term * 3 + tracked] }
    }
    for spelling in 0..<other.spellings.count {
      let merged = Int(
        other.spellings.bytes(at: Int32(spelling)).withUnsafeBytes { spellings.intern($0) })
      if merged == spellingTerm.count {
        spellingTerm.append(termMap[Int(other.spellingTerm[spelling])])
        spellingCount.append(0)
      }
      spellingCount[merged] += other.spellingCount[spelling]
    }
    lastUsed.append(other.lastUsed, mapping) { termMap[Int($0)] }
  }

  /// Distinct query texts in the tokenizer's cache.
  var cachedQueries: Int { queries.count }

  /// Approximate bytes of the term tables and the query cache.
  var memory: Int {
    counts.count * 4 + spellingTerm.count * 8 + tokens.count * 8 + tokenStarts.count * 4
      + (terms.count + spellings.count + queries.count) * 48
  }

  /// Occurrences per term in a tracked slot (0, 1 or 3).
  func counts(slot: Int) -> [Int32] {
    let tracked = FeedbackTally.trackedIndex(slot)!
    return (0..<terms.count).map { counts[$0 * 3 + tracked] }
  }

  /// The most common original spelling of each term.
  func displaySpellings() -> [String] {
    var best = Array(repeating: Int32(-1), count: terms.count)
    for spelling in spellingTerm.indices {
      let term = Int(spellingTerm[spelling])
      let current = best[term]
      if current < 0 || spellingCount[spelling] > spellingCount[Int(current)]
        || (spellingCount[spelling] == spellingCount[Int(current)]
          && spellings.bytes(at: Int32(spelling)).lexicographicallyPrecedes(
            spellings.bytes(at: current)))
      {
        best[term] = Int32(spelling)
      }
    }
    return best.enumerated().map { term, spelling in
      spelling >= 0 ? spellings.string(at: spelling) : terms.string(at: Int32(term))
    }
  }
}

extension WordCounter {
  func encode(into writer: inout BinaryWriter) {
    writer.write(terms)
    writer.write(isStopword)
    writer.write(counts)
    writer.write(spellings)
    writer.write(spellingTerm)
    writer.write(spellingCount)
    lastUsed.encode(into: &writer)
  }

  /// Restores the counts; `stopwords` must be the ones the state was built with (the state's
  /// fingerprint makes sure). The query cache starts empty.
  init(from reader: inout BinaryReader, stopwords: Set<String>) throws {
    self.stopwords = stopwords
    terms = try reader.readInterner()
    isStopword = try reader.readBools()
    counts = try reader.readArray(Int32.self)
    spellings = try reader.readInterner()
    spellingTerm = try reader.readArray(Int32.self)
    spellingCount = try reader.readArray(Int32.self)
    lastUsed = try UserPairs(from: &reader)
    guard isStopword.count == terms.count, counts.count == terms.count * 3,
      spellingTerm.count == spellings.count, spellingCount.count == spellings.count
    else { throw StateError.damaged }
  }
}

extension WordCounter: Accumulator {
  static let stateVersion = 1

  func describe(into statistics: inout EngineStatistics) {
    statistics.terms += terms.count
    statistics.spellings += spellings.count
    statistics.cachedQueries += cachedQueries
    statistics.userTermPairs += lastUsed.count
    statistics.pairBytes += lastUsed.memory
    statistics.termBytes += memory
  }

  init(_ setup: AccumulatorSetup) { self.init(stopwords: setup.options.stopwords) }

  init(decoding reader: inout BinaryReader, _ setup: AccumulatorSetup) throws {
    try self.init(from: &reader, stopwords: setup.options.stopwords)
  }

  /// The words of searches and playlist titles.
  @inline(__always)
  mutating func add(_ row: ActivityRow, _ event: EventContext) {
    if row.kind == .search || row.kind == .playlist, let query = row.query, !query.isEmpty {
      add(text: query, user: row.user, time: row.time, in: event.windows)
    }
  }

  @inline(__always)
  mutating func recount(_ row: ActivityRow, _ event: EventContext, _ move: WindowMove) {
    guard !move.isEmpty else { return }
    if row.kind == .search || row.kind == .playlist, let query = row.query, !query.isEmpty {
      recount(text: query, removed: move.removed, added: move.added)
    }
  }
}

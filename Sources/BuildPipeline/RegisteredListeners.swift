/// The interned listeners (indexes into a state's users) who were rows of the `users` table
/// when a build counted them: a bit per listener. The next incremental build checks that all of
/// them still are — a listener removed from `users` was erased, say, and their rows may have
/// gone with them, which only a full read forgets.
struct RegisteredListeners: Equatable {
  /// Bit `u % 64` of word `u / 64` for listener `u`.
  private(set) var words: [UInt64] = []

  /// No listener.
  init() {}

  /// The set that `words` describe (as a state stores it).
  init(words: [UInt64]) { self.words = words }

  /// Adds listener `user`.
  mutating func insert(_ user: Int32) {
    let (word, bit) = Int(user).quotientAndRemainder(dividingBy: 64)
    if word >= words.count {
      words.append(contentsOf: repeatElement(0, count: word + 1 - words.count))
    }
    words[word] |= 1 << UInt64(bit)
  }

  /// Whether every listener of `other` is here too.
  func holdsEvery(of other: RegisteredListeners) -> Bool {
    for (index, word) in other.words.enumerated() where word != 0 {
      let mine = index < words.count ? words[index] : 0
      if word & ~mine != 0 { return false }
    }
    return true
  }

  /// Adds `other`'s listeners, each moved up by `offset` (a partition's users follow the
  /// merged state's, see ``EngineState/merge(_:)``).
  mutating func append(_ other: RegisteredListeners, offset: Int) {
    for (index, word) in other.words.enumerated() where word != 0 {
      for bit in 0..<64 where word & (1 << UInt64(bit)) != 0 {
        insert(Int32(offset + index * 64 + bit))
      }
    }
  }
}

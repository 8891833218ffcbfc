/// What listeners type into the search box: titles and artists, in any case, with typos.
enum SearchText {
  static func make(for track: DemoWorld.Track, _ random: inout SplitMix64) -> String {
    var text: String
    switch random.below(10) {
    case 0..<6: text = track.title
    case 6..<9: text = track.artist
    default: text = "\(track.title) \(track.artist)"
    }
    switch random.below(20) {
    case 0..<10: text = text.lowercased()
    case 10..<11: text = text.uppercased()
    default: break
    }
    if random.chance(0.08) { text = typo(text, &random) }
    return text
  }

  /// One slip of the finger: two letters swapped, one dropped or one doubled.
  static func typo(_ text: String, _ random: inout SplitMix64) -> String {
    var characters = Array(text)
    guard characters.count > 3 else { return text }
    let at = 1 + random.below(characters.count - 2)
    switch random.below(3) {
    case 0: characters.swapAt(at, at + 1)
    case 1: characters.remove(at: at)
    default: characters.insert(characters[at], at: at)
    }
    return String(characters)
  }
}

/// Orders names the way people read them: runs of digits compare as numbers, so `rec-v2`
/// comes before `rec-v10`. Ties fall back to plain string order.
enum NaturalOrder {
  static func precedes(_ a: String, _ b: String) -> Bool {
    let (x, y) = (chunks(a), chunks(b))
    for (p, q) in zip(x, y) where p != q {
      switch (p, q) {
      case (.number(let m), .number(let n)): return m < n
      case (.text(let s), .text(let t)): return s < t
      case (.number, .text): return true
      case (.text, .number): return false
      }
    }
    return x.count != y.count ? x.count < y.count : a < b
  }

  private enum Chunk: Equatable {
    case text(String)
    case number(Double)
  }

  private static func chunks(_ s: String) -> [Chunk] {
    var result: [Chunk] = []
    var current = ""
    var inDigits = false
    func flush() {
      guard !current.isEmpty else { return }
      result.append(inDigits ? .number(Double(current) ?? 0) : .text(current))
      current = ""
    }
    for character in s {
      let digit = character.isASCII && character.isNumber
      if digit != inDigits { flush() }
      inDigits = digit
      current.append(character)
    }
    flush()
    return result
  }
}

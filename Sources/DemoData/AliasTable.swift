/// Samples an index in O(1) with probability proportional to its weight (Vose's alias method).
struct AliasTable: Sendable {
  private var probability: [Double]
  private var alias: [Int32]

  init(weights: [Double]) {
    let n = weights.count
    precondition(n > 0, "an alias table needs at least one weight")
    let total = weights.reduce(0, +)
    var scaled = weights.map { total > 0 ? $0 * Double(n) / total : 1 }
    probability = Array(repeating: 1, count: n)
    alias = Array(repeating: 0, count: n)
    var small: [Int] = []
    var large: [Int] = []
    for (i, p) in scaled.enumerated() {
      if p < 1 { small.append(i) } else { large.append(i) }
    }
    while let s = small.popLast(), let l = large.popLast() {
      probability[s] = scaled[s]
      alias[s] = Int32(l)
      scaled[l] = scaled[l] + scaled[s] - 1
      if scaled[l] < 1 { small.append(l) } else { large.append(l) }
    }
  }

  var count: Int { probability.count }

  @inline(__always)
  func sample(_ random: inout SplitMix64) -> Int {
    let i = random.below(probability.count)
    return random.unit() < probability[i] ? i : Int(alias[i])
  }
}

import Testing

@testable import Recommender

/// The k-d trees' own promises: selection puts the median where a sort would, every track is
/// in exactly one leaf of its cluster's tree, leaves are small, and boxes hold their tracks —
/// and the lower bound never exceeds a distance, even computed in floating point.
@Suite("Cluster trees")
struct ClusterTreesTests {
  @Test func selectionPutsTheMedianWhereASortWould() {
    var random = SeededRandom(seed: 5)
    for size in [1, 2, 3, 4, 7, 16, 17, 100, 1_000] {
      for spread in [1, 3, 1_000] {
        let values = (0..<size).map { _ in Double(random.next() % UInt64(spread)) }
        let less = { (a: Int32, b: Int32) in
          values[Int(a)] != values[Int(b)] ? values[Int(a)] < values[Int(b)] : a < b
        }
        let sorted = (0..<Int32(size)).sorted(by: less)
        for shuffled in [sorted, sorted.reversed(), sorted.shuffled(using: &random)] {
          for nth in Set([0, size / 2, size - 1]) {
            var order = [Int32(-1)] + shuffled + [Int32(-1)]
            ClusterTrees.select(&order, 1..<(size + 1), nth + 1, by: less)
            #expect(order[nth + 1] == sorted[nth])
            #expect(order[1..<(nth + 1)].allSatisfy { less($0, sorted[nth]) })
            #expect(order[(nth + 2)..<(size + 1)].allSatisfy { less(sorted[nth], $0) })
            #expect(order.first == -1 && order.last == -1)
          }
        }
      }
    }
  }

  @Test func everyTrackInOneSmallLeafInsideEveryBoxAbove() {
    var random = SeededRandom(seed: 9)
    let (n, d) = (600, 6)
    let z = (0..<(n * d)).map { _ in Double(random.next() % 4) - 1.5 }
    let members = (0..<3).map { c in (0..<Int32(n)).filter { Int($0) % 3 == c } } + [[]]
    let trees = ClusterTrees(
      z: z, dimensions: d, members: members, ranks: (0..<Int32(n)).map { $0 })
    #expect(trees.roots.last == -1)
    #expect(trees.tracks.sorted() == (0..<Int32(n)).map { $0 })
    for (cluster, tracks) in members.enumerated() {
      #expect(Set(trees.positions(ofCluster: cluster).map { trees.tracks[$0] }) == Set(tracks))
    }
    var leaves = 0
    for node in trees.first.indices {
      let positions = Int(trees.first[node])..<Int(trees.end[node])
      if trees.child[node] < 0 {
        leaves += positions.count
        #expect(positions.count <= ClusterTrees.leafSize)
      }
      for position in positions {
        let track = Int(trees.tracks[position])
        #expect(trees.ranks[position] == Int32(track))
        for t in 0..<d {
          #expect(trees.points[position * d + t] == z[track * d + t])
          #expect(trees.boxes[node * 2 * d + t] <= z[track * d + t])
          #expect(z[track * d + t] <= trees.boxes[node * 2 * d + d + t])
        }
        // Centres near the box's faces, where rounding matters most.
        for _ in 0..<3 {
          let center = (0..<d).map { _ in random.unit() * 4 - 2 }
          #expect(
            trees.lowerBound(node, center: center)
              <= trees.squaredDistance(position, center: center))
        }
      }
    }
    #expect(leaves == n)
  }
}

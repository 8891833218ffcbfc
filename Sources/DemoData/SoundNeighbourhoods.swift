import Foundation

/// Tracks grouped by sound, as an approximate-nearest-neighbour index buckets them: a grid over
/// the z-scores of the five features. A listener's neighbourhood is the tracks in the cell of
/// their taste, 1 z-score wide, or the cell 2 or 4 wide that holds it when a narrower one holds
/// fewer than ``minimumTracks``; none when even the widest does.
///
/// This is how the demo's service finds songs that sound like a listener's taste without
/// measuring every track in the catalog: one lookup per listener, however big the catalog.
struct SoundNeighbourhoods: Sendable {
  /// The tracks of one neighbourhood, and a sampler that picks popular ones more often.
  struct Neighbourhood: Sendable {
    let tracks: [Int32]
    let sampler: AliasTable

    /// One of the tracks, popular ones more often.
    @inline(__always)
    func pick(_ random: inout SplitMix64) -> Int { Int(tracks[sampler.sample(&random)]) }
  }

  /// The width of the finest cells, in z-scores; each coarser grid doubles it.
  static let cellWidth: Float = 1
  /// How many grids there are, finest first.
  static let levels = 3
  /// The fewest tracks a neighbourhood holds.
  static let minimumTracks = 100
  /// Tracks are picked in proportion to their popularity raised to this power: popular ones
  /// more often, but less so than in their genres.
  static let popularityExponent = 0.5

  /// The neighbourhoods of all listeners, each once.
  private let neighbourhoods: [Neighbourhood]
  /// Per listener: their neighbourhood's index in `neighbourhoods`, or -1 for none.
  private let listenerCells: [Int32]

  /// Groups `tracks` (z-scores; `popularity` their weights for sampling) and finds the
  /// neighbourhood of each of `tastes`.
  init(tracks: [SIMD8<Float>], popularity: [Double], tastes: [SIMD8<Float>]) {
    let widths = (0..<Self.levels).map { Self.cellWidth * Float(1 << $0) }
    let grids = widths.map { width in
      var grid: [Int: [Int32]] = [:]
      for (index, z) in tracks.enumerated() {
        grid[Self.cell(of: z, width: width), default: []].append(Int32(index))
      }
      return grid
    }
    var neighbourhoods: [Neighbourhood] = []
    var numbers: [Int: Int32] = [:]
    listenerCells = tastes.map { taste in
      for level in widths.indices {
        let key = Self.cell(of: taste, width: widths[level])
        guard let cell = grids[level][key], cell.count >= Self.minimumTracks else { continue }
        let id = key * Self.levels + level
        if let number = numbers[id] { return number }
        numbers[id] = Int32(neighbourhoods.count)
        neighbourhoods.append(
          Neighbourhood(
            tracks: cell,
            sampler: AliasTable(
              weights: cell.map { pow(popularity[Int($0)], Self.popularityExponent) })))
        return Int32(neighbourhoods.count - 1)
      }
      return -1
    }
    self.neighbourhoods = neighbourhoods
  }

  /// The neighbourhood of `listener`'s taste, if it has one.
  @inline(__always)
  func neighbourhood(of listener: Int) -> Neighbourhood? {
    let number = listenerCells[listener]
    return number >= 0 ? neighbourhoods[Int(number)] : nil
  }

  /// The key of the cell `width` wide that holds `z` (each coordinate's cell number, capped at
  /// ±32, in 6 bits).
  static func cell(of z: SIMD8<Float>, width: Float) -> Int {
    var key = 0
    for lane in 0..<5 {
      let number = Int((z[lane] / width).rounded(.down))
      key = key << 6 | (min(31, max(-32, number)) + 32)
    }
    return key
  }
}

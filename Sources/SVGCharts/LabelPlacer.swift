/// Places short labels beside circles, one at a time, so that no label overlaps another label,
/// covers the centre of any circle but its own, or crosses the edge of the plot.
///
/// Each label tries a fixed list of positions around its circle — right, left, above, below,
/// then the four diagonals — and takes the first one that breaks none of those rules and
/// covers the fewest other circles (text over another circle is legal, only harder to read).
/// Taken space is kept in an ``OccupancyGrid`` over the plot, each label with a margin of
/// ``spacing`` around it; centres are checked exactly.
struct LabelPlacer {
  /// A circle labels are placed around and kept off the centre of.
  struct Disc {
    let x: Double
    let y: Double
    let radius: Double
  }

  /// The space between a circle's edge and its label.
  static let gap = 3.0
  /// The half side of the square kept free of labels around every centre.
  static let centreClearance = 2.5
  /// The least space between two labels across and down, so that neighbours never read as one.
  static let spacing = (x: 6.0, y: 1.0)

  private let plot: Box
  private let discs: [Disc]
  private var grid: OccupancyGrid

  /// A placer for labels inside `plot` (chart units) around `discs`.
  init(plot: Box, discs: [Disc]) {
    self.plot = plot
    self.discs = discs
    grid = OccupancyGrid(width: plot.width, height: plot.height)
  }

  /// Places a `width` × `height` label beside disc `index` and returns its box, or `nil` when
  /// no position is allowed. With `inside`, the label may first sit centred on its own circle
  /// (a cluster number in a circle large enough to hold it).
  mutating func place(width: Double, height: Double, around index: Int, inside: Bool = false)
    -> Box?
  {
    let disc = discs[index]
    var candidates = candidates(width: width, height: height, around: disc)
    if inside && disc.radius * 2 >= max(width, height) + 2 {
      candidates.insert(
        Box(x: disc.x - width / 2, y: disc.y - height / 2, width: width, height: height), at: 0)
    }
    var best: (box: Box, covered: Int)?
    for box in candidates where isAllowed(box, owner: index) {
      let covered = discs.indices.count { $0 != index && Self.touches(box, discs[$0]) }
      if best == nil || covered < best!.covered { best = (box, covered) }
      if covered == 0 { break }
    }
    guard let box = best?.box else { return nil }
    let (dx, dy) = Self.spacing
    grid.mark(
      local(
        Box(x: box.x - dx, y: box.y - dy, width: box.width + 2 * dx, height: box.height + 2 * dy)))
    return box
  }

  /// The boxes beside `disc`, in order of preference. Each is outside the circle: its nearest
  /// point is `gap` beyond the edge. A box right or left of the circle slides up or down, and
  /// one above or below slides sideways, to stay inside the plot; it stays clear of the circle.
  func candidates(width: Double, height: Double, around disc: Disc) -> [Box] {
    let reach = disc.radius + Self.gap
    let diagonal = reach / 2.0.squareRoot()
    let (x, y) = (disc.x, disc.y)
    let slidY = { (top: Double) in min(max(top, plot.y), plot.y + plot.height - height) }
    let slidX = { (left: Double) in min(max(left, plot.x), plot.x + plot.width - width) }
    let corners: [(Double, Double)] = [
      (x + reach, slidY(y - height / 2)),  // right
      (x - reach - width, slidY(y - height / 2)),  // left
      (slidX(x - width / 2), y - reach - height),  // above
      (slidX(x - width / 2), y + reach),  // below
      (x + diagonal, y - diagonal - height),  // above right
      (x - diagonal - width, y - diagonal - height),  // above left
      (x + diagonal, y + diagonal),  // below right
      (x - diagonal - width, y + diagonal),  // below left
    ]
    return corners.map { Box(x: $0.0, y: $0.1, width: width, height: height) }
  }

  /// Whether `box` lies inside the plot, on free space, and off every centre but the owner's.
  private func isAllowed(_ box: Box, owner: Int) -> Bool {
    guard box.x >= plot.x, box.y >= plot.y, box.x + box.width <= plot.x + plot.width,
      box.y + box.height <= plot.y + plot.height, grid.isFree(local(box))
    else { return false }
    let clearance = Self.centreClearance
    for (index, disc) in discs.enumerated() where index != owner {
      let keepOut = Box(
        x: disc.x - clearance, y: disc.y - clearance, width: clearance * 2, height: clearance * 2)
      if box.intersects(keepOut) { return false }
    }
    return true
  }

  /// Whether `box` shares any area with the disc.
  static func touches(_ box: Box, _ disc: Disc) -> Bool {
    let dx = max(box.x - disc.x, 0, disc.x - (box.x + box.width))
    let dy = max(box.y - disc.y, 0, disc.y - (box.y + box.height))
    return dx * dx + dy * dy < disc.radius * disc.radius
  }

  /// `box` in the grid's coordinates (the plot's top-left corner at 0, 0).
  private func local(_ box: Box) -> Box {
    Box(x: box.x - plot.x, y: box.y - plot.y, width: box.width, height: box.height)
  }
}

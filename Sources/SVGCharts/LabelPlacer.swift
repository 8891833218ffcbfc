/// Places short labels (the sound map's cluster numbers) in or beside circles, one at a time,
/// so that no label overlaps another label, covers the centre of any circle but its own, or
/// crosses the edge of the plot.
///
/// A label first tries its own circle, centred, when it fits there entirely and touches no
/// other circle. Then rings of positions around the circle — right, left, above, below, then
/// the four diagonals; the first ring ``gap`` beyond the edge, each further ring ``ringStep``
/// further out — and takes the first position that breaks none of the rules and is at least
/// ``clearance`` away from every other circle (so it reads as its own circle's); failing that,
/// the first that covers no other circle; failing that, the allowed position that covers the
/// fewest other circles (nearest ring first). Taken space is kept in an ``OccupancyGrid`` over the plot, each label
/// with a margin of ``spacing`` around it; centres are checked exactly. ``force(width:height:around:)``
/// always gives a position, for a label that must be drawn even where no rule can be kept.
struct LabelPlacer {
  /// A circle labels are placed around and kept off the centre of.
  struct Disc {
    let x: Double
    let y: Double
    let radius: Double
  }

  /// The space between a circle's edge and a label in the first ring.
  static let gap = 2.0
  /// How much further out each further ring is.
  static let ringStep = 5.0
  /// How many rings are tried.
  static let rings = 3
  /// How far a label should stay from other circles, so that it is not read as theirs.
  static let clearance = 5.0
  /// The half side of the square kept free of labels around every centre.
  static let centreClearance = 2.5
  /// The least space between two labels across and down, so that neighbours never read as one.
  static let spacing = (x: 3.0, y: 1.0)

  private let plot: Box
  private let discs: [Disc]
  private var grid: OccupancyGrid

  /// A placer for labels inside `plot` (chart units) around `discs`.
  init(plot: Box, discs: [Disc]) {
    self.plot = plot
    self.discs = discs
    grid = OccupancyGrid(width: plot.width, height: plot.height)
  }

  /// The box of a `width` × `height` label centred on disc `index`, if it lies entirely within
  /// the circle and touches no other circle.
  func inside(width: Double, height: Double, of index: Int) -> Box? {
    let disc = discs[index]
    let half = ((width / 2) * (width / 2) + (height / 2) * (height / 2)).squareRoot()
    guard half + 1 <= disc.radius else { return nil }
    let box = Box(x: disc.x - width / 2, y: disc.y - height / 2, width: width, height: height)
    let alone = discs.indices.allSatisfy { $0 == index || !Self.touches(box, discs[$0]) }
    return alone && isAllowed(box, owner: index) ? box : nil
  }

  /// Places a `width` × `height` label in or beside disc `index` and returns its box, or `nil`
  /// when no position is allowed.
  mutating func place(width: Double, height: Double, around index: Int) -> Box? {
    if let box = inside(width: width, height: height, of: index) {
      take(box)
      return box
    }
    var best: (box: Box, covered: Int)?
    var uncovered: Box?
    for ring in 0..<Self.rings {
      let reach = discs[index].radius + Self.gap + Self.ringStep * Double(ring)
      for box in candidates(width: width, height: height, around: discs[index], reach: reach)
      where isAllowed(box, owner: index) {
        let others = discs.indices.filter { $0 != index }
        if others.allSatisfy({ !Self.touches(Self.grown(box, by: Self.clearance), discs[$0]) }) {
          take(box)
          return box
        }
        let covered = others.count { Self.touches(box, discs[$0]) }
        if covered == 0 && uncovered == nil { uncovered = box }
        if best == nil || covered < best!.covered { best = (box, covered) }
      }
    }
    guard let box = uncovered ?? best?.box else { return nil }
    take(box)
    return box
  }

  /// A position for a label that found none: centred in its circle when it fits, else right of
  /// it, moved inside the plot; it may overlap anything.
  mutating func force(width: Double, height: Double, around index: Int) -> Box {
    let disc = discs[index]
    let fits = disc.radius * 2 >= max(width, height) + 2
    let x = fits ? disc.x - width / 2 : disc.x + disc.radius + Self.gap
    let box = Box(
      x: min(max(x, plot.x), plot.x + plot.width - width),
      y: min(max(disc.y - height / 2, plot.y), plot.y + plot.height - height),
      width: width, height: height)
    take(box)
    return box
  }

  /// The boxes `reach` from `disc`'s centre, in order of preference. A box right or left of
  /// the circle slides up or down, and one above or below slides sideways, to stay inside the
  /// plot; it stays clear of the circle.
  func candidates(width: Double, height: Double, around disc: Disc, reach: Double) -> [Box] {
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

  /// Marks `box` and its margin as taken.
  mutating func take(_ box: Box) {
    let (dx, dy) = Self.spacing
    grid.mark(
      local(
        Box(x: box.x - dx, y: box.y - dy, width: box.width + 2 * dx, height: box.height + 2 * dy)))
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

  /// `box` with `margin` more on every side.
  static func grown(_ box: Box, by margin: Double) -> Box {
    Box(
      x: box.x - margin, y: box.y - margin, width: box.width + 2 * margin,
      height: box.height + 2 * margin)
  }

  /// `box` in the grid's coordinates (the plot's top-left corner at 0, 0).
  private func local(_ box: Box) -> Box {
    Box(x: box.x - plot.x, y: box.y - plot.y, width: box.width, height: box.height)
  }
}

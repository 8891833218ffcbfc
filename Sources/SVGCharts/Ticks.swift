import Foundation

/// "Nice" tick steps and domains: steps of 1, 2 or 5 × 10^k, and a domain widened to whole
/// steps, so axes read 0, 20, 40 … and not 0, 17.3, 34.6 ….
public enum Ticks {
  /// The nice step for covering `span` with about `count` intervals; at least 1 with
  /// `whole` (axes that count things).
  public static func step(span: Double, count: Int, whole: Bool = false) -> Double {
    guard span > 0, span.isFinite, count > 0 else { return 1 }
    let raw = whole ? max(1, span / Double(count)) : span / Double(count)
    let power = pow(10, floor(log10(raw)))
    let fraction = raw / power
    let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    return nice * power
  }

  /// Tick values from `domain`'s lower bound to its upper bound in steps of `step`.
  public static func values(in domain: ClosedRange<Double>, step: Double) -> [Double] {
    guard step > 0 else { return [domain.lowerBound] }
    let first = ceil(domain.lowerBound / step - 1e-9)
    let last = floor(domain.upperBound / step + 1e-9)
    guard last >= first, last - first < 1000 else { return [domain.lowerBound] }
    return stride(from: first, through: last, by: 1).map { ($0 * step * 1e9).rounded() / 1e9 }
  }

  /// A tick count that suits an axis `length` user units long: one tick per `spacing` units,
  /// at least 2.
  public static func count(forLength length: Double, spacing: Double = 48) -> Int {
    max(2, Int(length / spacing))
  }
}

/// A continuous scale from a numeric domain to a pixel range.
public struct LinearScale: Sendable, Equatable {
  /// The data interval.
  public private(set) var domain: ClosedRange<Double>
  /// The pixel interval (may be reversed: a y axis runs upwards).
  public let range: (Double, Double)

  /// A scale from `domain` onto `range`.
  public init(domain: ClosedRange<Double>, range: (Double, Double)) {
    self.domain =
      domain.lowerBound == domain.upperBound
      ? domain.lowerBound...(domain.lowerBound + 1) : domain
    self.range = range
  }

  /// The pixel position of `value`.
  public func callAsFunction(_ value: Double) -> Double {
    let t = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
    return range.0 + t * (range.1 - range.0)
  }

  /// The domain widened outwards to whole multiples of the nice step for `count` ticks
  /// (whole-number steps with `whole`).
  public func nice(count: Int, whole: Bool = false) -> LinearScale {
    let step = Ticks.step(span: domain.upperBound - domain.lowerBound, count: count, whole: whole)
    let lower = floor(domain.lowerBound / step) * step
    let upper = ceil(domain.upperBound / step) * step
    return LinearScale(domain: lower...max(upper, lower + step), range: range)
  }

  /// About `count` nice tick values inside the domain (whole numbers only with `whole`).
  public func ticks(count: Int, whole: Bool = false) -> [Double] {
    Ticks.values(
      in: domain,
      step: Ticks.step(span: domain.upperBound - domain.lowerBound, count: count, whole: whole))
  }

  public static func == (lhs: LinearScale, rhs: LinearScale) -> Bool {
    lhs.domain == rhs.domain && lhs.range == rhs.range
  }
}

/// A scale from categories to evenly spaced bands, with padding between them.
public struct BandScale: Sendable, Equatable {
  /// How many bands.
  public let count: Int
  /// The pixel interval the bands share.
  public let range: (Double, Double)
  /// The share of each step left empty between bands, 0 … 1.
  public let padding: Double

  /// Bands for `count` categories across `range`.
  public init(count: Int, range: (Double, Double), padding: Double = 0.2) {
    self.count = max(1, count)
    self.range = range
    self.padding = padding
  }

  /// The distance from one band's start to the next.
  public var step: Double { (range.1 - range.0) / Double(count) }
  /// The width of a band.
  public var bandwidth: Double { step * (1 - padding) }
  /// The start of band `index`.
  public func start(_ index: Int) -> Double { range.0 + step * Double(index) + step * padding / 2 }
  /// The centre of band `index`.
  public func center(_ index: Int) -> Double { start(index) + bandwidth / 2 }

  public static func == (lhs: BandScale, rhs: BandScale) -> Bool {
    lhs.count == rhs.count && lhs.range == rhs.range && lhs.padding == rhs.padding
  }
}

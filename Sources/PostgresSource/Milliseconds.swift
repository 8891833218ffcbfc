/// Seconds as the whole milliseconds that PostgreSQL's `lock_timeout` and `poll()` take.
enum Milliseconds {
  /// `seconds` rounded up to whole milliseconds: at least one (`lock_timeout` reads 0 as "wait
  /// for ever", `poll` as "do not wait"), at most `Int32.max` (about 24 days, the most either
  /// takes), which is also what not-a-number becomes.
  static func clamped(_ seconds: Double) -> Int32 {
    let most = Double(Int32.max)
    return seconds.isNaN ? Int32.max : Int32(min(max(seconds * 1000, 1), most).rounded(.up))
  }
}

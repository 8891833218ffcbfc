import Formatting
import SVGCharts
import Testing

@Suite("Scales, ticks and time axes")
struct ScaleTests {
  @Test func niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    #expect(Ticks.step(span: 100, count: 5) == 20)
    #expect(Ticks.step(span: 7, count: 5) == 2)
    #expect(Ticks.step(span: 0.9, count: 4) == 0.5)
    #expect(Ticks.step(span: 3_584, count: 4) == 1000)
    #expect(Ticks.values(in: 0...4000, step: 1000) == [0, 1000, 2000, 3000, 4000])
  }

  @Test func niceDomainsWidenToWholeSteps() {
    let scale = LinearScale(domain: 0...3_584, range: (0, 400)).nice(count: 4)
    #expect(scale.domain == 0...4000)
    #expect(scale(2000) == 200)
    #expect(scale.ticks(count: 4) == [0, 1000, 2000, 3000, 4000])
  }

  @Test func bandsShareTheRangeWithPadding() {
    let bands = BandScale(count: 4, range: (0, 100), padding: 0.2)
    #expect(bands.step == 25)
    #expect(bands.bandwidth == 20)
    #expect(bands.start(0) == 2.5)
    #expect(bands.center(3) == 87.5)
  }

  @Test func timeAxesPickStepsThatFit() {
    let november = CivilDate(year: 2026, month: 11, day: 1).dayNumber
    // 30 days on 500 units: weekly ticks on Mondays.
    let month = TimeScale(firstDay: november, lastDay: november + 29, range: (0, 500)).ticks()
    #expect(month.map(\.label) == ["2 Nov", "9 Nov", "16 Nov", "23 Nov", "30 Nov"])
    // A year on 500 units: every other month (Jan, Mar, …), the first tick and January with
    // their year.
    let start = CivilDate(year: 2025, month: 11, day: 21).dayNumber
    let year = TimeScale(firstDay: start, lastDay: start + 364, range: (0, 500)).ticks()
    #expect(year.map(\.label) == ["Jan 2026", "Mar", "May", "Jul", "Sep", "Nov"])
    // Two days on 600 units: hours.
    let hours = TimeScale(firstDay: november, lastDay: november + 1, range: (0, 600)).ticks()
    #expect(hours.map(\.label).contains("06:00"))
    #expect(hours.first?.label == "1 Nov")
  }

  @Test func timeTickLabelsNeverCollide() {
    let start = CivilDate(year: 2020, month: 1, day: 1).dayNumber
    for (days, width) in [(7, 120.0), (30, 200), (365, 300), (2000, 360), (90, 1100)] {
      let scale = TimeScale(firstDay: start, lastDay: start + days - 1, range: (0, width))
      let ticks = scale.ticks(fontSize: 11, gap: 10)
      for (a, b) in zip(ticks, ticks.dropFirst()) {
        let room = scale(b.time) - scale(a.time)
        let needed =
          FontMetrics.width(of: a.label, size: 11) / 2 + FontMetrics.width(of: b.label, size: 11)
          / 2 + 10
        #expect(room >= needed, "\(days) days on \(width): \(a.label) and \(b.label) collide")
      }
    }
  }

  @Test func textWidthsFollowTheFontTableAndScriptRules() {
    // Liberation Sans: "a" is 556/1000 em, space 278; CJK is 1 em, emoji 1.25 em.
    #expect(abs(FontMetrics.width(of: "a a", size: 10) - 13.9) < 1e-9)
    #expect(FontMetrics.width(of: "夏の歌", size: 10) == 30)
    #expect(FontMetrics.width(of: "🎸", size: 8) == 10)
    #expect(FontMetrics.width(of: "e\u{301}", size: 10) == 5.56)
  }
}

@Suite("Count axes")
struct CountAxisTests {
  @Test func countAxesTickOnWholeNumbersOnly() {
    // Three events over six tick slots: a plain axis would step by 0.5 (0, 0.5, 1, … 3).
    #expect(Ticks.step(span: 3, count: 6) == 0.5)
    #expect(Ticks.step(span: 3, count: 6, whole: true) == 1)
    let scale = LinearScale(domain: 0...3, range: (0, 300)).nice(count: 6, whole: true)
    #expect(scale.ticks(count: 6, whole: true) == [0, 1, 2, 3])
    // Large counts keep their nice steps.
    #expect(Ticks.step(span: 1000, count: 5, whole: true) == 200)
    #expect(AxisFormat.compact.countsWholeThings && !AxisFormat.percent.countsWholeThings)
  }
}

@Suite("Bar labels")
struct BarLabelTests {
  @Test func theLongestLabelIsNeverCutByARoundingError() {
    let text = ChartText(id: "recency", title: "Days since last activity", summary: "")
    let labels = ["Today", "2–7 days", "8–30 days", "31–90 days", "Older"]
    for width in [360.0, 560.0] {
      let svg = BarChart(
        bars: labels.map { BarChart.Bar(label: $0, value: 10, valueLabel: "10", tooltip: "") }
      ).render(text, width: width).inline
      #expect(!svg.contains("…"), "a label was cut at width \(width)")
      #expect(svg.contains("31–90 days"))
    }
  }
}

import Foundation
import Testing
import TriggerSimulation

@testable import TriggerAnalysis
import TriggerSupport

/// The SVG plots and the HTML report: what they draw, and that the page needs nothing else.
@Suite struct HTMLReportTests {
  func count(_ text: String, _ part: String) -> Int { text.components(separatedBy: part).count - 1 }

  @Test func aPlotHasItsTitleAxisLabelsOnePointPerValueErrorBarsLegendAndReference() {
    var plot = SVGPlot(
      title: "ε(ffo) per run", xLabel: "run", yLabel: "efficiency (%)",
      series: [
        SVGPlot.Series(name: "good runs", points: [.init(x: 1, y: 99, yLow: 98, yHigh: 99.5), .init(x: 2, y: 97, yLow: 95, yHigh: 98)]),
        SVGPlot.Series(name: "not used", points: [.init(x: 3, y: 10)]),
      ])
    plot.references = [.init(y: 50, label: "good-run threshold 50 %")]
    let svg = plot.svg
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.contains(">ε(ffo) per run</text>") && svg.contains(">run</text>") && svg.contains(">efficiency (%)</text>"))
    #expect(count(svg, "class=\"point\"") == 3)
    #expect(svg.contains(">good runs</text>") && svg.contains(">not used</text>"))
    #expect(count(svg, "class=\"reference\"") == 1 && svg.contains(">good-run threshold 50 %</text>"))
    // y ticks: round steps (here 50) over 10–99.5 padded by 6 %.
    #expect(svg.contains(">50</text>") && svg.contains(">100</text>"))
  }

  @Test func seriesPastThePaletteAreDashedAndLongCategoryNamesGetRoom() {
    let series = (0..<12).map { SVGPlot.Series(name: "line \($0)", points: [.init(x: 1, y: Double($0)), .init(x: 2, y: Double($0))], connected: true) }
    let svg = SVGPlot(title: "many", xLabel: "x", yLabel: "y", series: series).svg
    // Ten colours; the 11th and 12th series reuse the first two, dashed with hollow markers.
    #expect(count(svg, "stroke-dasharray=\"5 3\"") == 2 && count(svg, "fill=\"#fff\" stroke=\"#0072B2\"") == 2 + 1, "two markers and the legend's square")
    #expect(svg.contains("height=\"400.00\""))
    var bars = SVGPlot(title: "rates", xLabel: "line", yLabel: "rate (Hz)", series: [SVGPlot.Series(name: "r", points: [.init(x: 0, y: 1)])])
    bars.categories = ["kept (L1 and HLT)"] + (1...14).map { "l\($0)" }
    // 15 categories turn by 60°; the longest name (17 characters) needs 14 + 17 × 6.5 × sin 60° + 24 px under the plot.
    let margin = 14 + 17 * 6.5 * sin(60 * Double.pi / 180) + 24
    #expect(bars.svg.contains("rotate(-60.00 ") && bars.svg.contains("height=\"\(SVGPlot.f(36 + 288 + margin))\""))
  }

  @Test func ticksAreRoundAndLogTicksAreDecades() {
    #expect(SVGPlot.ticks(0...1) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0])
    #expect(SVGPlot.ticks(37...120) == [40, 60, 80, 100, 120])
    #expect(SVGPlot.logTicks(SVGPlot.decades(3...62_983)) == [1, 10, 100, 1000, 10_000, 100_000])
    #expect(SVGPlot.label(30_000) == "3e+04" && SVGPlot.label(99.5) == "99.5")
  }

  @Test func textIsEscaped() {
    let plot = SVGPlot(title: "a < b & \"c\"", xLabel: "x", yLabel: "y", series: [])
    #expect(plot.svg.contains("a &lt; b &amp; &quot;c&quot;"))
  }

  @Test func theHeatMapHasACellPerValueWithItsNumber() {
    let map = SVGHeatMap(title: "overlaps", rowLabels: ["a", "b"], columnLabels: ["a", "b"], values: [[100, 40], [80, nil]], unit: "%")
    #expect(count(map.svg, "class=\"cell\"") == 4)
    #expect(map.svg.contains(">40</text>") && map.svg.contains(">80</text>"))
    #expect(map.svg.contains("fill=\"#08306B\""), "the maximum is the darkest")
  }

  @Test func theReportOfRatesDrawsRatesWithTheBudgetAndTheOverlapsAndNeedsNoNetwork() throws {
    var tallies = MenuRatesTests().sample()
    tallies.provenance.menuName = "test-menu"
    let rates = try MenuRates(tallies: tallies, runList: MenuRatesTests.runList, runListName: "t", instantaneousLuminosity: 1e36, budgetHz: 1.5)
    let report = try HTMLReport(files: [("rates.json", Data(rates.jsonBytes()))])
    #expect(report.sections.map(\.title) == ["Rates: menu test-menu"])
    let html = report.html
    #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<meta charset=\"utf-8\">"))
    #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
    #expect(count(html, "http://") == count(html, "xmlns=\"http://www.w3.org/2000/svg\""), "the only URL is the SVG namespace")
    #expect(html.contains(">L1 rates per line</text>") && html.contains(">rate (Hz)</text>") && html.contains(">budget 0 kHz</text>"))
    // Bars: 3 lines + any line before prescale, after prescale, and pure where > 0 (a and b).
    #expect(count(html, "class=\"bar\"") == 4 + 4 + 2)
    #expect(count(html, "class=\"cell\"") == 9)
  }

  @Test func unknownOrBrokenFilesAreNamedInTheError() {
    #expect(throws: LocatedError(file: "x.json", message: "format trigemu-other-1 is not one the report reads (\(HTMLReport.formats.joined(separator: ", ")))")) {
      try HTMLReport(files: [("x.json", Data(#"{"format": "trigemu-other-1"}"#.utf8))])
    }
    #expect(throws: LocatedError(file: "y.json", message: "no \"format\" field; give a JSON document trigemu wrote")) {
      try HTMLReport(files: [("y.json", Data("{}".utf8))])
    }
    #expect(throws: LocatedError(file: "z.json", message: "missing field \"title\"")) {
      try HTMLReport(files: [("z.json", Data(#"{"format": "trigemu-efficiency-2"}"#.utf8))])
    }
    #expect(throws: LocatedError(file: "s.json", line: 2, column: 15, message: "not valid JSON (Invalid value around character 16.)")) {
      try HTMLReport(files: [("s.json", Data("{\n  \"format\": trigemu}".utf8))])
    }
  }
}

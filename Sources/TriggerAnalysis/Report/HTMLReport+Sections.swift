import Foundation
import TriggerSupport

extension HTMLReport {
  /// `trigemu run` tallies: the share of events each line accepted, before and after its prescale.
  static func tallies(_ tallies: TriggerTallies, path: String) throws(LocatedError) -> Section {
    let total = try tallies.total(), names = tallies.lineNames
    func share(_ index: Int, _ count: TriggerTallies.WeightedCount) -> SVGPlot.Point {
      SVGPlot.Point(x: Double(index), y: 100 * Double(count.events) / Double(max(total.events, 1)))
    }
    var plot = SVGPlot(
      title: "Lines on \(total.events) events", xLabel: "line", yLabel: "events the line fired on (%)",
      series: [
        SVGPlot.Series(name: "before prescale", points: total.lines.enumerated().map { share($0, $1.raw) }),
        SVGPlot.Series(name: "after prescale", points: total.lines.enumerated().map { share($0, $1.accepted) }),
      ])
    plot.categories = names
    plot.yRange = 0...100
    return Section(
      title: "trigemu run: menu \(tallies.provenance.menuName)", notes: ["\(total.events) events in \(tallies.runs.count) runs (\(path))"], figures: [plot.svg])
  }

  /// `trigemu efficiency` / `measure`: per measured line, ε per run with the good-run threshold,
  /// and ε against each binning variable with the truth.
  static func efficiency(_ json: ReportDocument<EfficiencyReport.Summary>, path: String) throws(LocatedError) -> [Section] {
    let summary = try json.rows("summary", path), runs = try json.rows("runs", path), bins = try json.rows("bins", path)
    let threshold = json.summary.minimumRunEfficiency
    return summary.map { line in
      let name = text(line, "line"), reference = text(line, "reference")
      let mine = { (row: Row) in text(row, "line") == name && text(row, "reference") == reference }
      func point(_ row: Row, x: Double, xLow: Double? = nil, xHigh: Double? = nil) -> SVGPlot.Point? {
        guard let efficiency = number(row, "efficiency") else { return nil }
        return SVGPlot.Point(
          x: x, y: 100 * efficiency, yLow: number(row, "lower").map { 100 * $0 }, yHigh: number(row, "upper").map { 100 * $0 }, xLow: xLow, xHigh: xHigh)
      }
      let lineRuns = runs.filter(mine)
      var perRun = SVGPlot(
        title: "ε(\(name)) per run, reference \(reference)", xLabel: "run", yLabel: "efficiency (%)",
        series: [
          SVGPlot.Series(name: "good runs", points: lineRuns.filter { text($0, "status") == "good" }.compactMap { point($0, x: number($0, "run") ?? 0) }),
          SVGPlot.Series(name: "not used", points: lineRuns.filter { text($0, "status") != "good" }.compactMap { point($0, x: number($0, "run") ?? 0) }),
        ])
      perRun.references = [SVGPlot.Reference(y: 100 * threshold, label: "good-run threshold \(String(format: "%.0f", 100 * threshold)) %")]
      if let weighted = number(line, "efficiency") {
        perRun.references.append(SVGPlot.Reference(y: 100 * weighted, label: String(format: "ε = %.2f %% (luminosity-weighted)", 100 * weighted)))
      }
      var figures = [perRun.svg]
      let lineBins = bins.filter(mine)
      for variable in distinct(lineBins, "variable") {
        let rows = lineBins.filter { text($0, "variable") == variable }
        func centre(_ row: Row) -> (Double, Double, Double) {
          let low = number(row, "low") ?? 0, high = number(row, "high") ?? 0
          return ((low + high) / 2, low, high)
        }
        let measured = rows.compactMap { row -> SVGPlot.Point? in
          let (x, low, high) = centre(row)
          return point(row, x: x, xLow: low, xHigh: high)
        }
        let truth = rows.compactMap { row -> SVGPlot.Point? in
          guard let value = number(row, "truth_efficiency") else { return nil }
          return SVGPlot.Point(x: centre(row).0, y: 100 * value)
        }
        let plot = SVGPlot(
          title: "ε(\(name)) vs \(variable)", xLabel: variableLabel(variable), yLabel: "efficiency (%)",
          series: [SVGPlot.Series(name: "orthogonal (vs \(reference))", points: measured), SVGPlot.Series(name: "truth", points: truth, connected: true)])
        figures.append(plot.svg)
      }
      var notes: [String] = []
      if let efficiency = number(line, "efficiency") {
        notes.append(
          String(
            format: "ε(%@) = %.2f +%.2f −%.2f (stat) ± %.2f (syst) %% over %d of %d runs (%.2f pb^-1), selection %@", name, 100 * efficiency,
            100 * (number(line, "stat_up") ?? 0), 100 * (number(line, "stat_down") ?? 0), 100 * (number(line, "syst") ?? 0),
            Int(number(line, "good_runs") ?? 0), Int(number(line, "runs") ?? 0), number(line, "good_luminosity_pb") ?? 0, text(line, "selection")))
      } else {
        notes.append("ε(\(name)): no good runs")
      }
      return Section(title: "Efficiency of \(name) against \(reference) (\(path))", notes: notes, figures: figures)
    }
  }

  /// `trigemu rates`: rates per line on a log scale with the budget, and the overlap heat map.
  static func rates(_ json: ReportDocument<MenuRates.Summary>, path: String) throws(LocatedError) -> Section {
    let rows = try json.rows("rates", path), overlap = try json.rows("overlap_pct", path)
    let budget = json.summary.budgetHz, total = json.summary.totalHz
    let names = rows.map { text($0, "line") }
    /// The rates in column `key` of `rows` on a log scale (zero rates left out), with error bars from `error`.
    func series(_ name: String, _ key: String, _ error: String?, of rows: [Row]) -> SVGPlot.Series {
      SVGPlot.Series(
        name: name,
        points: rows.enumerated().compactMap { index, row in
          guard let rate = number(row, key), rate > 0 else { return nil }
          let spread = error.flatMap { number(row, $0) } ?? 0
          return SVGPlot.Point(x: Double(index), y: rate, yLow: error == nil ? nil : max(rate - spread, rate / 10), yHigh: error == nil ? nil : rate + spread)
        })
    }
    var plot = SVGPlot(
      title: "L1 rates per line", xLabel: "line", yLabel: "rate (Hz)",
      series: [
        series("before prescale", "raw_rate_hz", nil, of: rows), series("after prescale", "rate_hz", "error_hz", of: rows),
        series("pure", "pure_rate_hz", nil, of: rows),
      ])
    plot.categories = names
    plot.logY = true
    plot.references = [SVGPlot.Reference(y: budget, label: String(format: "budget %.0f kHz", budget / 1e3))]
    let lineNames = overlap.map { text($0, "line") }
    let heatMap = SVGHeatMap(
      title: "Overlaps: % of the row line's accepted rate the column line accepts", rowLabels: lineNames, columnLabels: lineNames,
      values: overlap.map { row in lineNames.map { number(row, $0) } }, unit: "% of the row line's accepted rate")
    var figures = [plot.svg, heatMap.svg]
    var notes = [
      json.title,
      String(format: "L1 total after prescales %.2f kHz against a budget of %.2f kHz: headroom %.2f kHz", total / 1e3, budget / 1e3, (budget - total) / 1e3),
    ]
    // The HLT's lines and output, when the menu has an hlt section.
    if let hlt = json.tables["hlt_rates"]?.keyedRows, !hlt.isEmpty {
      let kept = json.summary.hltKeptHz
      var hltPlot = SVGPlot(
        title: "HLT rates per line (on the events L1 accepted)", xLabel: "HLT line", yLabel: "rate (Hz)",
        series: [series("cut holds", "raw_rate_hz", nil, of: hlt), series("after prescale", "rate_hz", "error_hz", of: hlt)])
      hltPlot.categories = hlt.map { text($0, "line") }
      hltPlot.logY = true
      hltPlot.references = [SVGPlot.Reference(y: total, label: String(format: "L1 output %.1f kHz", total / 1e3))]
      figures.append(hltPlot.svg)
      notes.append(String(format: "HLT output %.2f kHz: %.1f %% of the L1 output", kept / 1e3, total > 0 ? 100 * kept / total : 0))
    }
    return Section(title: "Rates: menu \(json.summary.menu)", notes: notes, figures: figures)
  }

  /// `trigemu compare-menus`: rates of A and B side by side, and the menus' signal efficiencies.
  static func menuComparison(_ json: ReportDocument<MenuComparison.Summary>, path: String) throws(LocatedError) -> Section {
    let rows = try json.rows("rates", path)
    let names = rows.map { text($0, "line") }
    let menuA = json.summary.a.menu, menuB = json.summary.b.menu
    func series(_ name: String, _ key: String) -> SVGPlot.Series {
      SVGPlot.Series(
        name: name, points: rows.enumerated().compactMap { index, row in number(row, key).flatMap { $0 > 0 ? SVGPlot.Point(x: Double(index), y: $0) : nil } })
    }
    var rates = SVGPlot(title: "Rates after prescale: A = \(menuA), B = \(menuB)", xLabel: "line", yLabel: "rate (Hz)", series: [series("A: " + menuA, "rate_a_hz"), series("B: " + menuB, "rate_b_hz")])
    rates.categories = names
    rates.logY = true
    var figures = [rates.svg]
    if let signal = json.tables["signal_efficiency"]?.keyedRows {
      let menuRows = signal.filter { text($0, "line") == SignalEfficiency.menuRowName }
      let keptRows = signal.filter { text($0, "line") == SignalEfficiency.keptRowName }
      func menuSeries(_ name: String, _ key: String, _ rows: [Row]) -> SVGPlot.Series {
        SVGPlot.Series(name: name, points: rows.enumerated().compactMap { index, row in number(row, key).map { SVGPlot.Point(x: Double(index), y: $0) } })
      }
      var series = [menuSeries("A: " + menuA, "efficiency_a_pct", menuRows), menuSeries("B: " + menuB, "efficiency_b_pct", menuRows)]
      if !keptRows.isEmpty {
        series += [menuSeries("A: kept by the HLT", "efficiency_a_pct", keptRows), menuSeries("B: kept by the HLT", "efficiency_b_pct", keptRows)]
      }
      var plot = SVGPlot(
        title: "Menu efficiency on signal samples (any line, after prescales\(keptRows.isEmpty ? "" : "; and kept by the HLT"))", xLabel: "signal sample",
        yLabel: "efficiency (%)", series: series)
      plot.categories = menuRows.map { text($0, "process") }
      plot.yRange = 0...100
      figures.append(plot.svg)
    }
    let changes = json.summary.definitionChanges
    return Section(title: "Menus compared: \(menuA) → \(menuB)", notes: [json.title] + changes.map { "definition: " + $0 }, figures: figures)
  }

  /// `trigemu compare-firmware`: per line, the efficiency against each variable under each model.
  static func firmwareComparison(_ json: ReportDocument<FirmwareComparison.Summary>, path: String) throws(LocatedError) -> [Section] {
    let efficiencies = try json.rows("efficiencies", path), distributions = try json.rows("distributions", path)
    return distinct(distributions, "line").map { line in
      let rows = distributions.filter { text($0, "line") == line }
      let figures = distinct(rows, "variable").map { variable -> String in
        let models = distinct(rows, "firmware")
        let series = models.map { model in
          SVGPlot.Series(
            name: model,
            points: rows.filter { text($0, "variable") == variable && text($0, "firmware") == model }.compactMap { row in
              guard let efficiency = number(row, "efficiency_pct"), let low = number(row, "bin_low"), let high = number(row, "bin_high") else { return nil }
              return SVGPlot.Point(x: (low + high) / 2, y: efficiency, yLow: number(row, "lower_pct"), yHigh: number(row, "upper_pct"), xLow: low, xHigh: high)
            }, connected: true)
        }
        return SVGPlot(title: "\(line): fired / selected vs \(variable)", xLabel: variableLabel(variable), yLabel: "efficiency (%)", series: series).svg
      }
      let notes = efficiencies.filter { text($0, "line") == line }.map { row in
        String(
          format: "%@ under %@: %.2f %% orthogonal (%d/%d), %.2f %% truth", line, text(row, "firmware"), number(row, "efficiency_pct") ?? .nan,
          Int(number(row, "k") ?? 0), Int(number(row, "n") ?? 0), number(row, "truth_efficiency_pct") ?? .nan)
      }
      return Section(title: "Firmware models compared: \(line)", notes: notes, figures: figures)
    }
  }

  /// `trigemu signal`: efficiency versus mass per signal family (cτ for long-lived particles),
  /// for the lines that keep any of it and for the menu.
  static func signal(_ json: ReportDocument<SignalEfficiency.Summary>, path: String) throws(LocatedError) -> Section {
    let rows = try json.rows("signal_efficiency", path)
    var figures: [String] = []
    for family in ["zprime", "aprime", "llp"] {
      let familyRows = rows.filter { text($0, "process").hasPrefix(family + "@") }
      guard !familyRows.isEmpty else { continue }
      let byCtau = family == "llp"
      let lines = distinct(familyRows, "line").filter { line in
        familyRows.contains { text($0, "line") == line && (number($0, "efficiency_pct") ?? 0) >= 5 }
      }
      let series = lines.map { line in
        SVGPlot.Series(
          name: line == SignalEfficiency.menuRowName ? "menu" : line,
          points: familyRows.filter { text($0, "line") == line }.compactMap { row in
            guard let x = number(row, byCtau ? "ctau_cm" : "mass_gev"), let y = number(row, "efficiency_pct") else { return nil }
            return SVGPlot.Point(x: x, y: y, yLow: number(row, "lower_pct"), yHigh: number(row, "upper_pct"))
          }.sorted { $0.x < $1.x }, connected: true)
      }
      let names = ["zprime": "Z′ → invisible (μμ + invisible)", "aprime": "A′ → invisible (γ + invisible)", "llp": "long-lived particle"]
      var plot = SVGPlot(
        title: "Signal efficiency: \(names[family]!)", xLabel: byCtau ? "cτ (cm)" : "mass (GeV)", yLabel: "efficiency in the selection (%)", series: series)
      plot.yRange = 0...105
      figures.append(plot.svg)
    }
    return Section(
      title: "Signal efficiencies: menu \(json.summary.menu)",
      notes: [json.title, "lines before their prescale (those reaching 5 % somewhere), the menu after prescales"], figures: figures)
  }
}

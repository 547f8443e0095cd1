import Foundation
import TriggerEvents

extension FirmwareComparison {
  /// k/n in percent with its interval's limits (undefined for n = 0).
  private func percentCells(k: Int, n: Int) -> [ReportTable.Cell] {
    guard n > 0, let range = BinomialInterval(k: k, n: n, confidenceLevel: confidenceLevel, method: interval) else { return [.missing, .missing, .missing] }
    return [.number(100 * Double(k) / Double(n), digits: 2), .number(100 * range.lower, digits: 2), .number(100 * range.upper, digits: 2)]
  }

  /// Per line and model: the orthogonal-method efficiency k/n and the true efficiency on all
  /// selected events, with intervals, in percent.
  public var efficiencyTable: ReportTable {
    var table = ReportTable(
      name: "efficiencies",
      columns: [
        "line", "reference", "selection", "firmware", "k", "n", "efficiency_pct", "lower_pct", "upper_pct", "truth_k", "truth_n", "truth_efficiency_pct",
        "truth_lower_pct", "truth_upper_pct",
      ])
    for (q, question) in questions.enumerated() {
      for (m, model) in models.enumerated() {
        let cell = counts[m][q].total
        table.add(
          [.text(question.line), .text(question.reference), .text(question.selection.name), .text(model.name), .integer(cell.both), .integer(cell.reference)]
            + percentCells(k: cell.both, n: cell.reference) + [.integer(cell.probeFired), .integer(cell.selected)]
            + percentCells(k: cell.probeFired, n: cell.selected))
      }
    }
    return table
  }

  /// Per line, variable and bin: selected events the line fired on under each model, the true
  /// efficiency in the bin, and the ratio of each model's count to the first model's.
  public var distributionTable: ReportTable {
    var table = ReportTable(
      name: "distributions",
      columns: ["line", "variable", "bin_low", "bin_high", "firmware", "selected", "fired", "efficiency_pct", "lower_pct", "upper_pct", "ratio_to_first"])
    for (q, question) in questions.enumerated() {
      for (v, binning) in question.binnings.enumerated() {
        for bin in 0..<binning.binCount {
          let first = counts[0][q].bins[v][bin].probeFired
          for (m, model) in models.enumerated() {
            let cell = counts[m][q].bins[v][bin]
            table.add(
              [
                .text(question.line), .text(binning.variable.rawValue), .number(binning.edges[bin], digits: 1),
                .number(binning.edges[bin + 1], digits: 1), .text(model.name), .integer(cell.selected), .integer(cell.probeFired),
              ] + percentCells(k: cell.probeFired, n: cell.selected) + [first > 0 ? .number(Double(cell.probeFired) / Double(first), digits: 3) : .missing])
          }
        }
      }
    }
    return table
  }
}

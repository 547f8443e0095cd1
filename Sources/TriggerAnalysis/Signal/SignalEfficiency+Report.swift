import TriggerSupport
import Foundation
import TriggerEvents

extension SignalEfficiency {
  /// One row per sample and line, then the menu and the HLT's kept events: k of n selected events, the efficiency and its
  /// interval in percent.
  public var efficiencyTable: ReportTable {
    var table = ReportTable(
      name: "signal_efficiency",
      columns: ["process", "mass_gev", "ctau_cm", "selection", "line", "k", "n", "efficiency_pct", "lower_pct", "upper_pct"])
    for sample in samples {
      for line in rowNames {
        let k = count(row: line, in: sample) ?? 0
        let bounds = BinomialInterval(k: k, n: sample.selected, confidenceLevel: confidenceLevel, method: interval)
        table.add([
          .text(sample.process), sample.massGeV.map { .number($0, digits: 2) } ?? .missing, sample.properLengthCm.map { .number($0, digits: 2) } ?? .missing,
          .text(sample.selection), .text(line), .integer(k), .integer(sample.selected),
          sample.selected > 0 ? .number(100 * Double(k) / Double(sample.selected), digits: 1) : .missing,
          bounds.map { .number(100 * $0.lower, digits: 1) } ?? .missing, bounds.map { .number(100 * $0.upper, digits: 1) } ?? .missing,
        ])
      }
    }
    return table
  }

  /// Efficiency versus signal point: a row per line (and the menu rows), a column per sample, in
  /// percent (the curves as a table).
  public var curveTable: ReportTable {
    var table = ReportTable(name: "efficiency_vs_signal_pct", columns: ["line"] + samples.map(\.process))
    for line in rowNames {
      table.add([.text(line)] + samples.indices.map { index in efficiency(line: line, sample: index).map { .number(100 * $0, digits: 1) } ?? .missing })
    }
    return table
  }

  /// The samples: simulated, selected, and the selection.
  public var sampleLines: [String] {
    samples.map { "\($0.process): \($0.simulated) events simulated, \($0.selected) pass \($0.selection)" }
  }

  public var title: String { "trigemu signal: menu \(menuName) on \(samples.count) signal sample(s)" }

  var legend: String {
    "lines before their prescale, the menu as any line after prescales\(hasHLT ? ", then what the HLT kept of it" : ""); efficiency = k/n of the events passing the selection; "
      + "\(interval.rawValue) intervals at \(String(format: "%.2f", 100 * confidenceLevel)) % CL"
  }

  public var text: String {
    ([title, ""] + sampleLines + ["", legend, "", curveTable.text, "", efficiencyTable.text]).joined(separator: "\n")
  }

  public var markdown: String {
    (["# \(title)", ""] + sampleLines.map { "- " + $0 } + ["", legend + ".", "", "## Efficiency by signal point (%)", "", curveTable.markdown, "",
      "## Efficiencies with intervals", "", efficiencyTable.markdown, ""]).joined(separator: "\n")
  }

  /// The `format` of the JSON report (which `trigemu report` reads; docs/json-formats.md).
  public static let format = "trigemu-signal-efficiency-2"

  /// The menu and the intervals.
  public struct Summary: Codable, Sendable {
    public var menu: String
    public var interval: BinomialInterval.Method
    public var confidenceLevel: Double

    enum CodingKeys: String, CodingKey {
      case menu, interval
      case confidenceLevel = "confidence_level"
    }
  }

  /// The JSON document: the settings and the tables `signal_efficiency` and
  /// `efficiency_vs_signal_pct`.
  public var document: ReportDocument<Summary> {
    ReportDocument(
      format: Self.format, title: title, summary: Summary(menu: menuName, interval: interval, confidenceLevel: confidenceLevel),
      tables: [efficiencyTable, curveTable])
  }

  public func jsonBytes() throws(LocatedError) -> [UInt8] { try document.jsonBytes() }
}

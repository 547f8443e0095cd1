import TriggerSupport
import Foundation
import TriggerEmulation
import TriggerEvents

extension FirmwareComparison {
  /// Per question and variable: a side-by-side table of the selected events the line fired on
  /// under each model, with the ratio of each later model to the first and a bar of it.
  func sideBySide(question q: Int, variable v: Int) -> ReportTable {
    let binning = questions[q].binnings[v]
    var columns = ["\(binning.variable.rawValue) bin"]
    for model in models { columns += ["\(model.name) fired", "ε %"] }
    for model in models.dropFirst() { columns += ["ratio \(model.name)/\(models[0].name)"] }
    var table = ReportTable(name: "\(questions[q].line)_\(binning.variable.rawValue)", columns: columns)
    for bin in 0..<binning.binCount {
      var row: [ReportTable.Cell] = [.text("\(PluginValue.number(binning.edges[bin]).description)…\(PluginValue.number(binning.edges[bin + 1]).description)")]
      for m in models.indices {
        let cell = counts[m][q].bins[v][bin]
        row += [.integer(cell.probeFired), cell.selected > 0 ? .number(100 * Double(cell.probeFired) / Double(cell.selected), digits: 1) : .missing]
      }
      let first = counts[0][q].bins[v][bin].probeFired
      for m in models.indices.dropFirst() {
        let ratio = first > 0 ? Double(counts[m][q].bins[v][bin].probeFired) / Double(first) : nil
        row.append(ratio.map { .text(String(format: "%.3f ", $0) + Self.bar($0)) } ?? .missing)
      }
      table.add(row)
    }
    return table
  }

  /// A bar of `ratio` on a scale where 1 is 20 characters (capped at 30).
  static func bar(_ ratio: Double) -> String {
    let eighths = Int((min(max(ratio, 0), 1.5) * 20 * 8).rounded())
    let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
    return String(repeating: "█", count: eighths / 8) + partial
  }

  /// One line per question: each later model's orthogonal and true efficiency minus the first's.
  var differenceLines: [String] {
    var lines: [String] = []
    for (q, question) in questions.enumerated() {
      let base = counts[0][q].total
      for m in models.indices.dropFirst() {
        let cell = counts[m][q].total
        func difference(_ k: Int, _ n: Int, _ k0: Int, _ n0: Int) -> String {
          n > 0 && n0 > 0 ? String(format: "%+.2f", 100 * (Double(k) / Double(n) - Double(k0) / Double(n0))) : "–"
        }
        lines.append(
          "\(question.line): \(models[m].name) − \(models[0].name) = \(difference(cell.both, cell.reference, base.both, base.reference)) % (orthogonal), "
            + "\(difference(cell.probeFired, cell.selected, base.probeFired, base.selected)) % (truth)")
      }
    }
    return lines
  }

  public var title: String {
    "trigemu compare-firmware: \(events) events; firmware \(models.map(\.name).joined(separator: " vs "))"
  }

  private var legend: String {
    "orthogonal ε = N(line ∧ reference)/N(reference), truth ε = N(line)/N(selected), lines before prescale, references after; "
      + "\(interval) intervals at \(String(format: "%.2f", 100 * confidenceLevel)) % CL"
  }

  /// For the terminal: the efficiency table, the differences, and every distribution side by side.
  public var text: String {
    var parts = [title, "", legend, "", efficiencyTable.text, ""] + differenceLines + [""]
    for (q, question) in questions.enumerated() {
      for (v, binning) in question.binnings.enumerated() {
        parts += ["\(question.line) on \(question.selection.name) events: events it fired on by the leading track's \(binning.variable.label)", sideBySide(question: q, variable: v).text, ""]
      }
    }
    return parts.joined(separator: "\n")
  }

  public var markdown: String {
    var parts = ["# \(title)", "", legend + ".", "", efficiencyTable.markdown, ""] + differenceLines.map { "- " + $0 } + [""]
    for (q, question) in questions.enumerated() {
      for (v, binning) in question.binnings.enumerated() {
        parts += ["## \(question.line): by \(binning.variable.label)", "", sideBySide(question: q, variable: v).markdown, ""]
      }
    }
    return parts.joined(separator: "\n")
  }

  /// The `format` of the JSON report (which `trigemu report` reads; docs/json-formats.md).
  public static let format = "trigemu-firmware-comparison-2"

  /// A compared model: its name and the file it was read from.
  public struct ModelFile: Codable, Sendable {
    public var name: String
    public var path: String
  }

  /// The events, the intervals and the models compared, in order (the first is the baseline).
  public struct Summary: Codable, Sendable {
    public var events: Int
    public var interval: BinomialInterval.Method
    public var confidenceLevel: Double
    public var firmware: [ModelFile]

    enum CodingKeys: String, CodingKey {
      case events, interval, firmware
      case confidenceLevel = "confidence_level"
    }
  }

  /// The JSON document: the settings and the tables `efficiencies` and `distributions`.
  public var document: ReportDocument<Summary> {
    let summary = Summary(
      events: events, interval: interval, confidenceLevel: confidenceLevel, firmware: models.map { ModelFile(name: $0.name, path: $0.path) })
    return ReportDocument(format: Self.format, title: title, summary: summary, tables: [efficiencyTable, distributionTable])
  }

  public func jsonBytes() throws(LocatedError) -> [UInt8] { try document.jsonBytes() }
}

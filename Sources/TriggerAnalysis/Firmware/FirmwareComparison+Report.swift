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

  /// The `format` of the JSON report (which `trigemu report` reads).
  public static let format = "trigemu-firmware-comparison-1"

  /// JSON: the models with their files, the settings, and both tables keyed by column name.
  public var jsonBytes: [UInt8] {
    var out = ReportTable.openJSONReport(format: Self.format, title: title)
    out.raw(",\n  \"events\": ")
    out.number(events)
    ReportTable.appendIntervalMembers(interval, confidenceLevel: confidenceLevel, to: &out)
    out.raw(",\n  \"firmware\": [")
    for (index, model) in models.enumerated() {
      out.raw(index > 0 ? ", {\"name\": " : "{\"name\": ")
      out.string(model.name)
      out.raw(", \"path\": ")
      out.string(model.path)
      out.raw("}")
    }
    out.raw("]")
    ReportTable.appendJSONMembers([efficiencyTable, distributionTable], to: &out)
    out.raw("\n}\n")
    return out.bytes
  }
}

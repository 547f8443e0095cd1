import Foundation
import TriggerEvents
import TriggerSupport

/// What `trigemu efficiency` and `trigemu measure` print and write: per measurement the per-run
/// table, the good-run selection, the luminosity-weighted result with stat and syst, the truth
/// comparison and the bins; the scaled yields when a yield table is given.
public struct EfficiencyReport: Sendable {
  public var title: String
  public var measurements: [EfficiencyMeasurement]
  public var yields: ReportTable?

  public init(title: String, measurements: [EfficiencyMeasurement], yields: ReportTable? = nil) {
    self.title = title
    self.measurements = measurements
    self.yields = yields
  }

  public var summaryTable: ReportTable {
    var table = ReportTable(name: "summary", columns: EfficiencyMeasurement.summaryColumns)
    for measurement in measurements { table.add(measurement.summaryRow) }
    return table
  }

  /// Per-run results of every measurement in one table (what `--csv` writes).
  public var runTable: ReportTable { joined(measurements.map(\.runTable)) }
  public var binTable: ReportTable { joined(measurements.map(\.binTable)) }
  public var systematicTable: ReportTable { joined(measurements.map(\.systematicTable)) }

  private func joined(_ tables: [ReportTable]) -> ReportTable {
    var all = tables[0]
    for table in tables.dropFirst() { all.rows += table.rows }
    return all
  }

  /// The headline of one measurement in words, e.g. "ε(ffo) = 93.12 % +0.85 −0.91 (stat) ± 2.10 (syst) %".
  static func headline(_ measurement: EfficiencyMeasurement) -> [String] {
    func percent(_ value: Double) -> String { String(format: "%.2f", 100 * value) }
    var lines: [String] = []
    let dropped = measurement.runs.filter { !$0.status.isGood }
    lines.append(
      "good runs: \(measurement.goodRuns.count) of \(measurement.runs.count), \(String(format: "%.2f", measurement.goodLuminosityPb)) pb^-1"
        + (dropped.isEmpty ? "" : "; dropped: " + dropped.map { "\($0.run) (\($0.status.text))" }.joined(separator: ", ")))
    guard let weighted = measurement.weighted else {
      lines.append("ε(\(measurement.line)) is undefined: no good run")
      return lines
    }
    let syst = measurement.systematic.map { " ± \(percent($0)) (syst)" } ?? " (no systematic: no bin has enough reference events)"
    lines.append(
      "ε(\(measurement.line)) = \(percent(weighted.efficiency)) +\(percent(weighted.statUp)) −\(percent(weighted.statDown)) (stat)\(syst) %, luminosity-weighted over good runs")
    if let interval = measurement.pooled.interval, let efficiency = measurement.pooled.efficiency {
      lines.append(
        "pooled Σk/Σn = \(measurement.pooled.k)/\(measurement.pooled.n) = \(percent(efficiency)) % [\(percent(interval.lower)), \(percent(interval.upper))]")
    }
    if let relative = measurement.relativeSystematic {
      let parts = measurement.binned.compactMap { result in
        result.maxRelativeVariation.map { "\(result.binning.variable.rawValue) \(percent($0))" }
      }
      lines.append(
        "systematic: max |ε_bin − ε| / ε by variable: \(parts.joined(separator: ", ")) % → \(percent(relative)) % relative (RMS variant \(percent(measurement.relativeSystematicRMS ?? 0)) %)")
    }
    if let truth = measurement.weightedTruth, let bias = measurement.referenceBias {
      lines.append(
        "truth: ε(\(measurement.line)) on all selected events = \(percent(truth.efficiency)) % (luminosity-weighted); reference bias (orthogonal − truth) = \(String(format: "%+.2f", 100 * bias)) %")
    }
    return lines
  }

  static func heading(_ measurement: EfficiencyMeasurement) -> String {
    let options = measurement.options
    return "\(measurement.line) measured against \(measurement.reference) on \(measurement.selection.name) events "
      + "(\(measurement.selection.summary)); \(options.interval) intervals at \(String(format: "%.2f", 100 * options.confidenceLevel)) % CL"
  }

  /// For the terminal: per measurement the run table, the headline and the per-variable systematics.
  public var text: String {
    var parts = [title, ""]
    for measurement in measurements {
      parts += [Self.heading(measurement), "", measurement.runTable.text, ""] + Self.headline(measurement) + [""]
      parts += [measurement.systematicTable.text, ""]
    }
    parts += ["summary", summaryTable.text]
    if let yields { parts += ["", "expected yields × trigger efficiency", yields.text] }
    return parts.joined(separator: "\n") + "\n"
  }

  /// Markdown: the same sections, and the bins.
  public var markdown: String {
    var parts = ["# \(title)", ""]
    for measurement in measurements {
      parts += ["## \(measurement.line) against \(measurement.reference)", "", Self.heading(measurement) + ".", "", measurement.runTable.markdown, ""]
      parts += Self.headline(measurement).map { "- " + $0 } + [""]
      parts += ["### Bins", "", measurement.binTable.markdown, "", "### Systematic", "", measurement.systematicTable.markdown, ""]
    }
    parts += ["## Summary", "", summaryTable.markdown]
    if let yields { parts += ["", "## Expected yields × trigger efficiency", "", yields.markdown] }
    return parts.joined(separator: "\n") + "\n"
  }

  /// The `format` of the JSON report (which `trigemu report` reads; docs/json-formats.md).
  public static let format = "trigemu-efficiency-2"

  /// The settings the measurements used: intervals and the good-run and bin criteria.
  public struct Summary: Codable, Sendable {
    public var interval: BinomialInterval.Method
    public var confidenceLevel: Double
    public var minimumRunEfficiency: Double
    public var minimumReferenceEvents: Int
    public var minimumBinReferenceEvents: Int

    enum CodingKeys: String, CodingKey {
      case interval
      case confidenceLevel = "confidence_level"
      case minimumRunEfficiency = "minimum_run_efficiency"
      case minimumReferenceEvents = "minimum_reference_events"
      case minimumBinReferenceEvents = "minimum_bin_reference_events"
    }

    init(_ options: EfficiencyOptions) {
      interval = options.interval
      confidenceLevel = options.confidenceLevel
      minimumRunEfficiency = options.minimumRunEfficiency
      minimumReferenceEvents = options.minimumReferenceEvents
      minimumBinReferenceEvents = options.minimumBinReferenceEvents
    }
  }

  /// The JSON document: the settings, and the tables `summary`, `runs`, `bins`, `systematics`
  /// (and `yields` with a yield table).
  public var document: ReportDocument<Summary> {
    ReportDocument(
      format: Self.format, title: title, summary: Summary(measurements.first?.options ?? EfficiencyOptions()),
      tables: [summaryTable, runTable, binTable, systematicTable] + (yields.map { [$0] } ?? []))
  }

  public func jsonBytes() throws(LocatedError) -> [UInt8] { try document.jsonBytes() }
}

import ArgumentParser
import Foundation
import TriggerAnalysis
import TriggerEmulation
import TriggerEvents
import TriggerSupport

/// Options shared by the efficiency commands: run list, binning, intervals and good runs.
struct AnalysisOptions: ParsableArguments {
  @Option(help: "Run-list CSV with each run's luminosity (default: the embedded run list).")
  var runs: String?

  @OptionGroup var firmware: FirmwareOptions

  @OptionGroup var statistics: StatisticsOptions

  @Option(help: "Good runs have at least this efficiency (fraction).")
  var minEfficiency = 0.5

  @Option(help: "Good runs have at least this many reference events.")
  var minReference = 10

  @Option(help: "Bins with fewer reference events do not enter the systematic.")
  var minBinReference = 20

  @Flag(help: "Exclude (and list) runs missing from the run list instead of stopping with an error.")
  var excludeUnlistedRuns = false

  func check() throws {
    try statistics.check()
    guard (0...1).contains(minEfficiency) else { throw ValidationError("--min-efficiency must be a fraction in 0–1, not \(minEfficiency)") }
    guard minReference >= 1, minBinReference >= 1 else { throw ValidationError("--min-reference and --min-bin-reference must be at least 1") }
  }

  var options: EfficiencyOptions {
    var options = EfficiencyOptions()
    options.interval = statistics.method
    options.confidenceLevel = statistics.cl
    options.minimumRunEfficiency = minEfficiency
    options.minimumReferenceEvents = minReference
    options.minimumBinReferenceEvents = minBinReference
    options.excludeUnlistedRuns = excludeUnlistedRuns
    return options
  }

  func binningList() throws -> [Binning] { try statistics.binningList() }

  func runList() throws -> (RunList, String) {
    (try firmware.folder.runList(runs), runs ?? RunList.defaultName)
  }
}

/// Bins and intervals, shared by the efficiency and firmware-comparison commands.
struct StatisticsOptions: ParsableArguments {
  @Option(name: .customLong("bins"), help: "Bins as VAR or VAR:EDGE,EDGE,… (repeatable; default: theta, pt, phi, cdc_hits with default edges).")
  var binSpecs: [String] = []

  @OptionGroup var intervals: IntervalOptions

  func check() throws {
    try intervals.check()
    _ = try binningList()
  }

  var method: BinomialInterval.Method { intervals.method }
  var cl: Double { intervals.cl }

  func binningList() throws -> [Binning] {
    binSpecs.isEmpty ? Binning.defaults : try binSpecs.map { spec throws(LocatedError) in try Binning(parsing: spec) }
  }
}

/// The binomial interval and its confidence level, shared by every command that reports efficiencies.
struct IntervalOptions: ParsableArguments {
  @Option(help: "Confidence interval.")
  var interval = BinomialInterval.Method.clopperPearson

  @Option(help: "Confidence level of the intervals (0.6827: ±1σ).")
  var cl = 0.6827

  func check() throws {
    guard cl > 0 && cl < 1 else { throw ValidationError("--cl must be between 0 and 1 (exclusive), not \(cl)") }
  }

  var method: BinomialInterval.Method { interval }
}

/// The report files an efficiency command can write, each atomically.
struct ReportOutputs: ParsableArguments {
  @Option(help: "Write the report as Markdown.")
  var markdown: String?

  @Option(help: "Write the per-run results as CSV.")
  var csv: String?

  @Option(help: "Write every table as JSON.")
  var json: String?

  @Option(help: "Write the efficiencies, binned (nominal, up, down), as a correctionlib schema-v2 JSON file.")
  var correctionlib: String?

  @Option(help: "Scale this CSV of expected yields (process, recoil-mass bin) by the efficiency of the first line.")
  var yields: String?

  @Option(help: "Write the scaled yields as CSV.")
  var yieldsOut: String?

  /// Every output these options name.
  var paths: [String?] { [markdown, csv, json, correctionlib, yieldsOut] }

  /// Adds the scaled yields when --yields is given.
  func attachYields(to report: inout EfficiencyReport) throws {
    if let yields {
      report.yields = try YieldTable(path: yields).scaled(by: report.measurements[0])
    } else if yieldsOut != nil {
      throw LocatedError("--yields-out needs --yields, the table of expected yields to scale")
    }
  }

  /// Writes the requested files; every one is prepared before the first is written.
  func write(_ report: EfficiencyReport) throws {
    var files: [(String, [UInt8])] = []
    if let markdown { files.append((markdown, Array(report.markdown.utf8))) }
    if let csv { files.append((csv, Array(report.runTable.csv.utf8))) }
    if let json { files.append((json, try report.jsonBytes())) }
    if let correctionlib {
      files.append((correctionlib, try CorrectionlibExport.jsonBytes(report.measurements, description: report.title)))
    }
    if let yieldsOut, let table = report.yields { files.append((yieldsOut, Array(table.csv.utf8))) }
    try writeOutputs(files)
  }
}

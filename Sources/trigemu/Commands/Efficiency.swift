import ArgumentParser
import Foundation
import TriggerAnalysis
import TriggerEmulation
import TriggerEvents
import TriggerSimulation
import TriggerSupport

/// `trigemu efficiency`: one line's efficiency against an orthogonal reference, per run.
struct Efficiency: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure a trigger line's efficiency against an orthogonal reference line, run by run.",
    discussion: """
      For each run, ε = N(line ∧ reference) / N(reference) among events passing the offline \
      selection; the line is taken before its prescale, the reference after it. Either may be \
      an HLT line of the menu's hlt section: the HLT runs on the events L1 accepted, so an HLT \
      line against an L1 reference is its efficiency on the events that reference kept. Good runs \
      (ε ≥ --min-efficiency, n ≥ --min-reference) are luminosity-weighted, ε = Σ εᵢLᵢ / ΣLᵢ; the \
      systematic is the largest relative variation of the efficiency across bins. Beside each \
      result: the true efficiency of the line on all selected events (simulation). \
      Definitions: docs/efficiency.md.

      Selections: \(OfflineSelection.presets.map(\.name).joined(separator: ", ")). \
      Bin variables: \(Binning.Variable.allCases.map(\.rawValue).joined(separator: ", ")).
      """)

  @Option(help: "Trigger menu (YAML), e.g. trigger-menus/belle2-lowmult.yaml.")
  var menu: String

  @Option(help: "Input event file (.trg); repeat for several.")
  var input: [String]

  @Option(help: "The line to measure, L1 or HLT (taken before its prescale), e.g. ffo or hlt_mumu_2trk.")
  var line: String

  @Option(help: "The orthogonal reference line, L1 or HLT (taken after its prescale), e.g. hie.")
  var reference: String

  @Option(help: "Offline selection preset.")
  var selection = OfflineSelection.zPrimeDimuon.name

  @OptionGroup var analysis: AnalysisOptions
  @OptionGroup var outputs: ReportOutputs

  @Option(help: "Prescale mode: counter (as the firmware) or random (seeded).")
  var prescaleMode: String = "counter"

  @Option(help: "Seed of the random prescale mode.")
  var seed: UInt64 = 1

  @Option(help: "Threads (default: all cores).")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  func validate() throws {
    guard !input.isEmpty else { throw ValidationError("give at least one --input file") }
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    guard ["counter", "random"].contains(prescaleMode) else { throw ValidationError("--prescale-mode is counter or random, not \(prescaleMode)") }
    try analysis.check()
  }

  func run() throws {
    let registry = PluginRegistry()
    let menu = try TriggerMenu(path: self.menu, registry: registry)
    let (runList, runListName) = try analysis.runList()
    let firmware = try analysis.firmware.plan(runList: runList)
    let question = EfficiencyQuestion(line: line, reference: reference, selection: try OfflineSelection.named(selection), binnings: try analysis.binningList())
    var progress = Progress(label: "efficiency")
    let measurements = try EfficiencyJob.measure(
      [question], menu: menu, registry: registry, firmware: firmware, inputs: input, runList: runList, runListName: runListName, options: analysis.options,
      goodRunsFromFirst: false, mode: prescaleMode == "random" ? .random(seed: seed) : .counter, threads: threads
    ) { progress.update($0, of: $1) }
    progress.finish()
    var report = EfficiencyReport(title: "trigemu efficiency: menu \(menu.name), \(input.joined(separator: ", ")), run list \(runListName)", measurements: measurements)
    try outputs.attachYields(to: &report)
    print(report.text, terminator: "")
    try outputs.write(report)
  }
}

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
    (try loadRunList(runs, firmwareDir: firmware.firmwareDir), runs ?? RunList.defaultName)
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
  @Option(help: "Confidence interval: clopper-pearson, wilson or jeffreys.")
  var interval = BinomialInterval.Method.clopperPearson.rawValue

  @Option(help: "Confidence level of the intervals (0.6827: ±1σ).")
  var cl = 0.6827

  func check() throws {
    guard BinomialInterval.Method(rawValue: interval) != nil else {
      throw ValidationError("--interval is one of \(BinomialInterval.Method.allCases.map(\.rawValue).joined(separator: ", ")), not \(interval)")
    }
    guard cl > 0 && cl < 1 else { throw ValidationError("--cl must be between 0 and 1 (exclusive), not \(cl)") }
  }

  var method: BinomialInterval.Method { BinomialInterval.Method(rawValue: interval)! }
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

  /// Adds the scaled yields when --yields is given.
  func attachYields(to report: inout EfficiencyReport) throws {
    if let yields {
      report.yields = try YieldTable(parsing: readText(yields), path: yields).scaled(by: report.measurements[0])
    } else if yieldsOut != nil {
      throw CLIError("--yields-out needs --yields, the table of expected yields to scale")
    }
  }

  /// Writes the requested files; every one is prepared before the first is written.
  func write(_ report: EfficiencyReport) throws {
    var files: [(String, [UInt8])] = []
    if let markdown { files.append((markdown, Array(report.markdown.utf8))) }
    if let csv { files.append((csv, Array(report.runTable.csv.utf8))) }
    if let json { files.append((json, report.jsonBytes)) }
    if let correctionlib {
      files.append((correctionlib, try CorrectionlibExport.jsonBytes(report.measurements, description: report.title)))
    }
    if let yieldsOut, let table = report.yields { files.append((yieldsOut, Array(table.csv.utf8))) }
    try writeOutputs(files)
  }
}

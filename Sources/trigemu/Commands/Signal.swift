import ArgumentParser
import TriggerSupport
import Foundation
import TriggerAnalysis
import TriggerEmulation
import TriggerJobs

/// `trigemu signal`: a menu's efficiencies on simulated signal samples.
struct Signal: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Trigger efficiencies of a menu on simulated signal samples (Z′ and A′ → invisible by mass, long-lived particles by mass and cτ).",
    discussion: """
      Simulates about --events events of each signal process (one run with the usual beam \
      background), runs the menu, and reports, among the events passing the offline selection, \
      the fraction each line fires on (before its prescale) and the menu keeps (any line after \
      prescales), with binomial intervals: a table by signal point (the efficiency-versus-mass \
      curves) and one with k, n and intervals. Default selections: zprime@M in zprime-mumu, \
      aprime@M in single-photon, llp@M/CTAU in displaced-pair.

      Example: trigemu signal --menu trigger-menus/belle2-lowmult.yaml --process zprime@1,zprime@3,zprime@5,aprime@1,aprime@4,aprime@7,llp@0.5/1,llp@0.5/3,llp@0.5/10
      """)

  @OptionGroup var menu: MenuOption

  @Option(
    name: .customLong("process"), parsing: .upToNextOption,
    help: "Signal processes, comma-separated or repeated: zprime@MASS_GeV, aprime@MASS_GeV, llp@MASS_GeV/CTAU_cm.")
  var processes: [String] = SignalEfficiency.defaultProcesses

  @Option(help: "Offline selection for every sample (default: each process's own; see --help).")
  var selection: SignalSelection?

  @Option(help: "Events simulated per sample.")
  var events = 2000

  @Option(help: "Random seed.")
  var seed: UInt64 = 1

  @OptionGroup var firmware: FirmwareOptions

  @OptionGroup var intervals: IntervalOptions

  @OptionGroup var threading: ThreadOptions

  @Option(help: "Write the report as Markdown.")
  var markdown: String?

  @Option(help: "Write the efficiencies with intervals as CSV.")
  var csv: String?

  @Option(help: "Write the efficiency-by-signal-point table as CSV.")
  var curveCsv: String?

  @Option(help: "Write every table as JSON.")
  var json: String?

  func validate() throws {
    guard events >= 1 else { throw ValidationError("--events must be at least 1") }
    try intervals.check()
  }

  func run() throws {
    try AtomicOutputFile.checkCanCreate([markdown, csv, json])
    let registry = PluginRegistry()
    let menu = try self.menu.load(into: registry)
    let specs = Self.processSpecs(processes)
    var progress = Progress(label: "signal")
    let result = try SignalEfficiency.measure(
      menu: menu, registry: registry, firmware: try firmware.plan(runList: nil), processes: specs,
      selection: selection, events: events, seed: seed, threads: threading.threads,
      interval: intervals.method, confidenceLevel: intervals.cl
    ) { _, done, total in progress.update(done, of: total) }
    progress.finish()
    print(result.text)
    var files: [(path: String, bytes: [UInt8])] = []
    if let markdown { files.append((markdown, Array(result.markdown.utf8))) }
    if let csv { files.append((csv, Array(result.efficiencyTable.csv.utf8))) }
    if let curveCsv { files.append((curveCsv, Array(result.curveTable.csv.utf8))) }
    if let json { files.append((json, try result.jsonBytes())) }
    try writeOutputs(files)
  }

  /// The process specs of `--process` values, each comma-separated or given alone.
  static func processSpecs(_ values: [String]) -> [String] {
    values.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
  }
}

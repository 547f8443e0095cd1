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

  @OptionGroup var menu: MenuOption
  @OptionGroup var inputs: InputOptions

  @Option(help: "The line to measure, L1 or HLT (taken before its prescale), e.g. ffo or hlt_mumu_2trk.")
  var line: String

  @Option(help: "The orthogonal reference line, L1 or HLT (taken after its prescale), e.g. hie.")
  var reference: String

  @Option(help: "Offline selection preset.")
  var selection = OfflineSelection.zPrimeDimuon

  @OptionGroup var analysis: AnalysisOptions
  @OptionGroup var outputs: ReportOutputs

  @Option(help: "Prescale mode: counter (as the firmware) or random (seeded).")
  var prescaleMode = PrescaleModeChoice.counter

  @Option(help: "Seed of the random prescale mode.")
  var seed: UInt64 = 1

  @OptionGroup var threading: ThreadOptions

  func validate() throws {
    try analysis.check()
  }

  func run() throws {
    try AtomicOutputFile.checkCanCreate(outputs.paths)
    let registry = PluginRegistry()
    let menu = try self.menu.load(into: registry)
    let (runList, runListName) = try analysis.runList()
    let firmware = try analysis.firmware.plan(runList: runList)
    let question = EfficiencyQuestion(line: line, reference: reference, selection: selection, binnings: try analysis.binningList())
    var progress = Progress(label: "efficiency")
    let measurements = try EfficiencyJob.measure(
      [question], menu: menu, registry: registry, firmware: firmware, inputs: inputs.input, runList: runList, runListName: runListName, options: analysis.options,
      goodRunsFromFirst: false, mode: prescaleMode.mode(seed: seed), threads: threading.threads
    ) { progress.update($0, of: $1) }
    progress.finish()
    var report = EfficiencyReport(title: "trigemu efficiency: menu \(menu.name), \(inputs.input.joined(separator: ", ")), run list \(runListName)", measurements: measurements)
    try outputs.attachYields(to: &report)
    print(report.text, terminator: "")
    try outputs.write(report)
  }
}

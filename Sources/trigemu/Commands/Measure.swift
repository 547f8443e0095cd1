import ArgumentParser
import TriggerSupport
import Foundation
import TriggerJobs
import TriggerAnalysis
import TriggerEmulation

/// The main job: simulate the default run list, emulate the default menu, and measure the CDC
/// and ECL lines against each other with good-run selection and luminosity weighting.
struct Measure: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The main job: trigger efficiencies of the CDC and ECL lines on a simulated run list.",
    discussion: """
      Simulates the run list (default: the embedded one, 'trigemu runs --default') with the \
      default process mix, emulates the L1 trigger with the menu, and measures \
      ε_CDC = N(ffo ∧ hie)/N(hie) on Z′ μμ events and ε_ECL = N(hie ∧ ffo)/N(ffo) on μμγ events, \
      run by run; keeps the good runs of the CDC line (ε ≥ 50 %, n ≥ 10) for both, \
      luminosity-weights them, assigns the systematic from the variation across bins of θ, \
      p_T, φ and CDC hits, and compares with the true efficiencies. Definitions: docs/efficiency.md.
      """)

  @Option(help: "Trigger menu: a YAML file or a shipped menu's name.")
  var menu = "belle2-lowmult"

  @Option(help: "The CDC two-track line of the menu.")
  var cdcLine = "ffo"

  @Option(help: "The ECL energy line of the menu.")
  var eclLine = "hie"

  @Option(help: "Random seed of the simulation.")
  var seed: UInt64 = 1

  @OptionGroup var threading: ThreadOptions

  @OptionGroup var analysis: AnalysisOptions
  @OptionGroup var outputs: ReportOutputs

  func validate() throws {
    try analysis.check()
  }

  func run() throws {
    try AtomicOutputFile.checkCanCreate(outputs.paths)
    let registry = PluginRegistry()
    let menu = try TriggerMenu(named: self.menu, registry: registry)
    var job = MainJob()
    job.cdcLine = cdcLine
    job.eclLine = eclLine
    (job.runList, job.runListName) = try analysis.runList()
    job.seed = seed
    job.threads = threading.threads
    job.options = analysis.options
    job.binnings = try analysis.binningList()
    job.firmware = try analysis.firmware.plan(runList: job.runList)
    var progress = Progress(label: "measure")
    let started = Date()
    var report = try job.run(menu: menu, registry: registry) { stage, done, total in progress.update(done, of: total, stage: stage) }
    progress.finish()
    try outputs.attachYields(to: &report)
    print(report.text, terminator: "")
    try outputs.write(report)
    print(String(format: "\ndone in %.1f s", Date().timeIntervalSince(started)))
  }
}

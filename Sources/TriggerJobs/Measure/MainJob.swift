import Foundation
import TriggerAnalysis
import TriggerEmulation
import TriggerEvents
import TriggerSimulation
import TriggerSupport

/// The main job, `trigemu measure`: simulate a run list, emulate a menu, and measure the CDC
/// two-track line against the ECL line and the ECL line against the CDC line (docs/physics.md,
/// "The efficiency method").
public struct MainJob: Sendable {
  /// The CDC two-track line and the ECL energy line of the shipped menus (`ffo`, `hie`).
  public var cdcLine = "ffo"
  public var eclLine = "hie"
  public var runList: RunList = .default
  public var runListName = RunList.defaultName
  public var seed: UInt64 = 1
  public var threads = 2
  public var options = EfficiencyOptions()
  public var binnings = Binning.defaults
  /// Each run's firmware model (the run list's tags; ideal by default).
  public var firmware = FirmwarePlan.ideal

  public init() {}

  /// The questions: ε_CDC on the Z′ μμ selection; ε_ECL on μμγ, as 2018 validated it.
  public var questions: [EfficiencyQuestion] {
    [
      EfficiencyQuestion(line: cdcLine, reference: eclLine, selection: .zPrimeDimuon, binnings: binnings),
      EfficiencyQuestion(line: eclLine, reference: cdcLine, selection: .dimuonPhoton, binnings: binnings),
    ]
  }

  /// Simulates the run list's default process mix into a temporary file, then measures; the
  /// file is removed afterwards. `progress` gets a stage name, events done and the total.
  public func run(menu: TriggerMenu, registry: PluginRegistry, progress: (String, Int, Int) -> Void = { _, _, _ in }) throws -> EfficiencyReport {
    let simulation = try Simulation.defaultMix(runs: runList, seed: seed)
    let folder = try ScratchFolder(label: "measure")
    defer { folder.remove() }
    let sample = folder.path("sample.trg")
    let total = try simulation.write(to: sample, threads: max(1, threads - 1)) { progress("simulating", $0, $1) }.totalEvents
    let measurements = try EfficiencyJob.measure(
      questions, menu: menu, registry: registry, firmware: firmware, inputs: [sample], runList: runList, runListName: runListName, options: options,
      goodRunsFromFirst: true, threads: threads
    ) { done, _ in progress("emulating", done, total) }
    let title =
      "trigemu measure: \(total) simulated events (seed \(seed)) in \(runList.runs.count) runs, "
      + "\(String(format: "%.2f", runList.totalLuminosityPb)) pb^-1, menu \(menu.name)"
    return EfficiencyReport(title: title, measurements: measurements)
  }
}

import ArgumentParser
import Foundation
import TriggerAnalysis
import TriggerEmulation
import TriggerSimulation
import TriggerEvents

/// Options of the rate commands (`rates`, `compare-menus`): luminosity, budget, run list,
/// firmware and threads; and the menu run that turns them into rates.
struct RateOptions: ParsableArguments {
  @Option(help: "Instantaneous luminosity, cm^-2 s^-1 (design: 6.5e35).")
  var luminosity = 6.5e35

  @Option(help: "L1 output rate budget, kHz.")
  var budgetKhz = 30.0

  @Option(help: "Run-list CSV with each run's luminosity and firmware tag (default: the embedded run list).")
  var runs: String?

  @OptionGroup var firmware: FirmwareOptions

  @OptionGroup var threading: ThreadOptions

  func check() throws {
    guard luminosity > 0, luminosity.isFinite else { throw ValidationError("--luminosity must be a positive number of cm^-2 s^-1, e.g. 6.5e35") }
    guard budgetKhz > 0, budgetKhz.isFinite else { throw ValidationError("--budget-khz must be a positive number of kHz") }
  }

  /// The run list: `--runs`, or the embedded one.
  func runList() throws -> RunList {
    try firmware.folder.runList(runs)
  }

  /// The rates of `tallies`, with the luminosities of `runList` (this group's `runList()`, read once).
  func rates(of tallies: TriggerTallies, runList: RunList) throws -> MenuRates {
    try MenuRates(
      tallies: tallies, runList: runList, runListName: runs ?? RunList.defaultName, instantaneousLuminosity: luminosity, budgetHz: budgetKhz * 1e3)
  }

  /// Runs the menu `path` names (a file or a shipped menu) over `inputs` (counter prescales, each run's firmware model from
  /// `runList`'s tags) and
  /// returns the menu, the registry its plugins are in, and its tallies.
  func tallies(menu path: String, inputs: [String], runList: RunList) throws -> (menu: TriggerMenu, registry: PluginRegistry, tallies: TriggerTallies) {
    let registry = PluginRegistry()
    let menu = try TriggerMenu(named: path, registry: registry)
    var progress = Progress(label: menu.name)
    let tallies = try TriggerTallies.collect(
      menu: menu, registry: registry, firmware: try firmware.plan(runList: runList), inputs: inputs, mode: .counter, threads: threading.threads
    ) { progress.update($0, of: $1) }
    progress.finish()
    return (menu, registry, tallies)
  }
}

import ArgumentParser
import TriggerSupport
import Foundation
import TriggerAnalysis
import TriggerEmulation
import TriggerJobs

/// `trigemu compare-menus`: two menus' rates on the same events.
struct CompareMenus: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare-menus",
    abstract: "Two trigger menus on the same events: rates and pure rates per line and in total, their differences, and what changed.",
    discussion: """
      Runs menu A and menu B over the same inputs and puts their rates side by side (as 'trigemu \
      rates' computes them): per line, after its prescale, and pure (accepted by no other line of \
      the same menu), with statistical errors and the difference B − A; lines only one menu has \
      are flagged; then each menu's total against the budget; both menus' efficiencies on the \
      same simulated signal samples (as 'trigemu signal': lines before prescale, the menu after; \
      --signal-events 0 skips them); and the changes in definitions from A to B (as 'trigemu \
      menu diff').

      Example: trigemu compare-menus trigger-menus/belle2-2018-phase2.yaml trigger-menus/belle2-lowmult.yaml --input sample.trg
      """)

  @Argument(help: "Menu A, the baseline: a YAML file or a shipped menu's name.")
  var menuA: String

  @Argument(help: "Menu B: a YAML file or a shipped menu's name.")
  var menuB: String

  @OptionGroup var inputs: InputOptions

  @OptionGroup var options: RateOptions

  @Option(
    name: .customLong("process"), parsing: .upToNextOption,
    help: "Signal processes to measure both menus' efficiencies on (as 'trigemu signal'), comma-separated or repeated.")
  var processes: [String] = SignalEfficiency.defaultProcesses

  @Option(help: "Events simulated per signal sample; 0 skips the signal efficiencies.")
  var signalEvents = 1000

  @Option(help: "Random seed of the signal samples.")
  var seed: UInt64 = 1

  @Option(help: "Write the report as Markdown.")
  var markdown: String?

  @Option(help: "Write the side-by-side rate table as CSV.")
  var csv: String?

  @Option(help: "Write the side-by-side signal-efficiency table as CSV.")
  var signalCsv: String?

  @Option(help: "Write the comparison as JSON.")
  var json: String?

  func validate() throws {
    guard signalEvents >= 0 else { throw ValidationError("--signal-events must be 0 (no signal) or more") }
    if signalCsv != nil && signalEvents == 0 { throw ValidationError("--signal-csv needs signal efficiencies; --signal-events is 0") }
    try options.check()
  }

  func run() throws {
    try AtomicOutputFile.checkCanCreate([markdown, csv, json])
    let runList = try options.runList()
    let a = try options.tallies(menu: menuA, inputs: inputs.input, runList: runList), b = try options.tallies(menu: menuB, inputs: inputs.input, runList: runList)
    var signal: (a: SignalEfficiency, b: SignalEfficiency)?
    if signalEvents > 0 {
      var progress = Progress(label: "signal")
      let both = try SignalEfficiency.measure(
        menus: [(a.menu, a.registry), (b.menu, b.registry)], firmware: try options.firmware.plan(runList: nil), processes: Signal.processSpecs(processes), events: signalEvents,
        seed: seed, threads: options.threading.threads
      ) { _, done, total in progress.update(done, of: total) }
      progress.finish()
      signal = (both[0], both[1])
    }
    let comparison = MenuComparison(
      a: try options.rates(of: a.tallies, runList: runList), b: try options.rates(of: b.tallies, runList: runList), definitionChanges: a.menu.differences(to: b.menu), signal: signal)
    print(comparison.text)
    var files: [(path: String, bytes: [UInt8])] = []
    if let markdown { files.append((markdown, Array(comparison.markdown.utf8))) }
    if let csv { files.append((csv, Array(comparison.rateTable.csv.utf8))) }
    if let signalCsv, let table = comparison.signalTable { files.append((signalCsv, Array(table.csv.utf8))) }
    if let json { files.append((json, try comparison.jsonBytes())) }
    try writeOutputs(files)
  }
}

import ArgumentParser
import Foundation
import TriggerSupport
import TriggerAnalysis
import TriggerEmulation
import TriggerEvents
import TriggerSimulation

/// `trigemu run`: events through the L1 processors and a menu, tallied per run.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Stream .trg inputs through the L1 processors and a trigger menu; write per-run tallies as JSON.",
    discussion: """
      For every run: events, fires of each bit, raw (before prescale) and accepted fires of each \
      line with their summed event weights, and line-pair overlaps; with provenance (trigemu \
      version, SHA-256 of menu, firmware models and inputs). Each run is emulated with its \
      firmware model: --firmware for all runs, else the run list's tag or a model's run ranges \
      (docs/firmware-models.md). Inputs are read in the order given, as one stream. \
      The output is written atomically and is byte-identical whatever --threads is; tallies of \
      inputs split at run boundaries add up exactly with 'trigemu merge' (docs/menus.md).
      """)

  @OptionGroup var menu: MenuOption

  @OptionGroup var firmware: FirmwareOptions

  @Option(help: "Run-list CSV whose firmware column names each run's model in --firmware-dir (default: the embedded run list).")
  var runs: String?

  @OptionGroup var inputs: InputOptions

  @Option(help: "Output tallies (JSON).")
  var out: String

  @Option(help: "Also write each event's decisions here: bits, L1 and HLT lines before and after prescale (read with 'trigemu decisions').")
  var decisions: String?

  @OptionGroup var threading: ThreadOptions

  @Option(help: "Prescale mode: counter (as the firmware: a counter per line and run) or random (seeded).")
  var prescaleMode = PrescaleModeChoice.counter

  @Option(help: "Seed of the random prescale mode.")
  var seed: UInt64 = 1

  func run() throws {
    try AtomicOutputFile.checkCanCreate([out, decisions])
    let registry = PluginRegistry()
    let menu = try self.menu.load(into: registry)
    let runList = try firmware.folder.runList(runs)
    let plan = try firmware.plan(runList: runList)
    let mode = prescaleMode.mode(seed: seed)
    var progress = Progress(label: "run")
    let tallies = try TriggerTallies.collect(
      menu: menu, registry: registry, firmware: plan, inputs: inputs.input, mode: mode, threads: threading.threads, decisions: decisions
    ) {
      progress.update($0, of: $1)
    }
    progress.finish()
    try AtomicOutputFile.write(tallies.jsonBytes(), to: out)
    print(try tallies.summaryText(inputCount: inputs.input.count))
    print("\nwrote \(out)")
    if let decisions { print("wrote \(decisions) (decision stream of \(try tallies.total().events) events)") }
  }
}

/// `trigemu merge`: tallies of several runs added together.
struct Merge: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Add up tallies written by 'trigemu run' (same menu, firmware and prescale mode).",
    discussion: "The result equals the tallies of one 'trigemu run' over all the inputs, in the order given, when the inputs were split at run boundaries.")

  @Argument(help: "Tallies files (JSON) to add, in order.")
  var files: [String]

  @Option(name: .shortAndLong, help: "Output tallies (JSON).")
  var out: String

  func validate() throws {
    guard files.count >= 1 else { throw ValidationError("give the tallies files to merge") }
  }

  func run() throws {
    try AtomicOutputFile.checkCanCreate([out])
    var merged = try TriggerTallies(path: files[0])
    for file in files.dropFirst() {
      do {
        merged = try merged.merged(with: try TriggerTallies(path: file))
      } catch let error as LocatedError where error.file.isEmpty {
        throw LocatedError(file: file, message: error.message)
      }
    }
    try AtomicOutputFile.write(merged.jsonBytes(), to: out)
    print("merged \(files.count) tallies (\(try merged.total().events) events in \(merged.runs.count) runs) into \(out)")
  }
}

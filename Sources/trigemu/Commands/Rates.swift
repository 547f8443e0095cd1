import ArgumentParser
import Foundation
import TriggerAnalysis
import TriggerEmulation
import TriggerEvents
import TriggerSimulation

/// `trigemu rates`: a menu's L1 output rates at an instantaneous luminosity.
struct Rates: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "L1 output rates of a menu at an instantaneous luminosity: per line, pure, total against a budget, and overlaps.",
    discussion: """
      Runs the menu over the inputs (as 'trigemu run' does; or reads its tallies with --tallies) \
      and turns the cross-section-weighted events into rates: R = Σw / L_int × L_inst, with \
      statistical error √(Σw²) / L_int × L_inst. L_int is the luminosity of the input's runs in \
      the run list (--runs; the embedded list by default, which the default simulated sample \
      uses). Per line: before and after its prescale, and its pure rate (events no other line \
      accepts). Then the menu's total before and after prescales against the budget, and the \
      overlap matrix: the share of each line's accepted rate that each other line also accepts.
      """)

  @Option(help: "Trigger menu (YAML), e.g. trigger-menus/belle2-lowmult.yaml.")
  var menu: String?

  @Option(help: "Input event file (.trg); repeat for several.")
  var input: [String] = []

  @Option(help: "Tallies written by 'trigemu run' (instead of --menu and --input).")
  var tallies: String?

  @Option(help: "Instantaneous luminosity, cm^-2 s^-1 (design: 6.5e35).")
  var luminosity = 6.5e35

  @Option(help: "L1 output rate budget, kHz.")
  var budgetKhz = 30.0

  @Option(help: "Run-list CSV with each run's luminosity and firmware tag (default: the embedded run list).")
  var runs: String?

  @OptionGroup var firmware: FirmwareOptions

  @Option(help: "Threads (default: all cores).")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Write the report as Markdown.")
  var markdown: String?

  @Option(help: "Write the per-line rates as CSV.")
  var csv: String?

  @Option(help: "Write the overlap matrix as CSV.")
  var overlapCsv: String?

  @Option(help: "Write every table as JSON (input of 'trigemu report').")
  var json: String?

  func validate() throws {
    if tallies != nil {
      guard menu == nil, input.isEmpty else { throw ValidationError("give either --tallies, or --menu with --input, not both") }
    } else {
      guard menu != nil, !input.isEmpty else { throw ValidationError("give --menu and at least one --input (or --tallies from 'trigemu run')") }
    }
    guard luminosity > 0, luminosity.isFinite else { throw ValidationError("--luminosity must be a positive number of cm^-2 s^-1, e.g. 6.5e35") }
    guard budgetKhz > 0, budgetKhz.isFinite else { throw ValidationError("--budget-khz must be a positive number of kHz") }
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
  }

  func run() throws {
    let runList = try runs.map { try RunList(parsing: readText($0), path: $0, knownFirmware: knownFirmwareTags(in: firmware.firmwareDir)) } ?? .default
    let counts: TriggerTallies
    if let tallies {
      counts = try TriggerTallies(path: tallies)
    } else {
      let registry = PluginRegistry()
      let menu = try TriggerMenu(path: self.menu!, registry: registry)
      var progress = Progress(label: "rates")
      counts = try TriggerTallies.collect(
        menu: menu, registry: registry, firmware: try firmware.plan(runList: runList), inputs: input, mode: .counter, threads: threads
      ) { progress.update($0, of: $1) }
      progress.finish()
    }
    let rates = try MenuRates(
      tallies: counts, runList: runList, runListName: runs ?? "(embedded default)", instantaneousLuminosity: luminosity, budgetHz: budgetKhz * 1e3)
    print(rates.text)
    var files: [(path: String, bytes: [UInt8])] = []
    if let markdown { files.append((markdown, Array(rates.markdown.utf8))) }
    if let csv { files.append((csv, Array(rates.lineTable.csv.utf8))) }
    if let overlapCsv { files.append((overlapCsv, Array(rates.overlapTable.csv.utf8))) }
    if let json { files.append((json, rates.jsonBytes)) }
    try writeOutputs(files)
  }
}

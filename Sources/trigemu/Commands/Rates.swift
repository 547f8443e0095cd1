import ArgumentParser
import TriggerSupport
import Foundation
import TriggerAnalysis

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

  @Option(help: "Trigger menu: a YAML file or a shipped menu's name (e.g. belle2-lowmult).")
  var menu: String?

  @Option(help: "Input event file (.trg); repeat for several.")
  var input: [String] = []

  @Option(help: "Tallies written by 'trigemu run' (instead of --menu and --input).")
  var tallies: String?

  @OptionGroup var options: RateOptions

  @Option(help: "Write the report as Markdown.")
  var markdown: String?

  @Option(help: "Write the per-line rates as CSV.")
  var csv: String?

  @Option(help: "Write the overlap matrix as CSV.")
  var overlapCsv: String?

  @Option(help: "Write every table as JSON.")
  var json: String?

  func validate() throws {
    if tallies != nil {
      guard menu == nil, input.isEmpty else { throw ValidationError("give either --tallies, or --menu with --input, not both") }
    } else {
      guard menu != nil, !input.isEmpty else { throw ValidationError("give --menu and at least one --input (or --tallies from 'trigemu run')") }
    }
    try options.check()
  }

  func run() throws {
    try AtomicOutputFile.checkCanCreate([markdown, csv, overlapCsv, json])
    let runList = try options.runList()
    let counts = try tallies.map { try TriggerTallies(path: $0) } ?? options.tallies(menu: menu!, inputs: input, runList: runList).tallies
    let rates = try options.rates(of: counts, runList: runList)
    print(rates.text)
    var files: [(path: String, bytes: [UInt8])] = []
    if let markdown { files.append((markdown, Array(rates.markdown.utf8))) }
    if let csv { files.append((csv, Array(rates.lineTable.csv.utf8))) }
    if let overlapCsv { files.append((overlapCsv, Array(rates.overlapTable.csv.utf8))) }
    if let json { files.append((json, try rates.jsonBytes())) }
    try writeOutputs(files)
  }
}

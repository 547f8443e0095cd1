import ArgumentParser
import TriggerSupport
import Foundation
import TriggerAnalysis
import TriggerEmulation
import TriggerEvents

/// `trigemu compare-firmware`: the same events through two or more firmware models.
struct CompareFirmware: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare-firmware",
    abstract: "Replay events through two or more firmware models and compare line efficiencies and distributions.",
    discussion: """
      Per measured line (default: every line of the menu's reference_pairs, against its reference): \
      the orthogonal-method efficiency N(line ∧ reference)/N(reference) and the true efficiency \
      N(line)/N(selected) on events passing the offline selection, under each model; then the \
      selected events the line fired on, by the leading track's θ, p_T, φ and CDC hits, side by side with \
      their ratio to the first model. Each model applies to every run. Models: docs/firmware-models.md.

      Example: trigemu compare-firmware --menu trigger-menus/belle2-2018-phase2.yaml --input mumu.trg \
      --firmware ideal --firmware belle2-2018-phase2 --selection ffo=zprime-mumu --selection hie=mumu-gamma
      """)

  @OptionGroup var menu: MenuOption

  @OptionGroup var inputs: InputOptions

  @Option(help: "Firmware model: a file or a model's name; give two or more, the first is the baseline of the ratios.")
  var firmware: [String]

  @OptionGroup var folder: FirmwareFolderOption

  @Option(help: "Line to measure as LINE or LINE:REFERENCE (repeatable; default: the menu's reference pairs).")
  var line: [String] = []

  @Option(help: "Offline selection, for every line (SELECTION) or one (LINE=SELECTION); repeatable. Default: two-track.")
  var selection: [String] = []

  @OptionGroup var statistics: StatisticsOptions

  @OptionGroup var threading: ThreadOptions

  @Option(help: "Write the report as Markdown.")
  var markdown: String?

  @Option(help: "Write the efficiency table as CSV.")
  var csv: String?

  @Option(help: "Write the distribution table (every line, variable, bin and model) as CSV.")
  var distributionsCsv: String?

  @Option(help: "Write both tables as JSON.")
  var json: String?

  func validate() throws {
    guard firmware.count >= 2 else { throw ValidationError("give --firmware at least twice (e.g. --firmware ideal --firmware belle2-2018-phase2)") }
    try statistics.check()
  }

  func run() throws {
    try AtomicOutputFile.checkCanCreate([markdown, csv, json])
    let registry = PluginRegistry()
    let menu = try self.menu.load(into: registry)
    let models = try firmware.map { try FirmwareModel(named: $0, directory: folder.firmwareDir) }
    let questions = try FirmwareComparison.questions(menu: menu, lines: line, selections: selection, binnings: try statistics.binningList())
    var progress = Progress(label: "compare-firmware")
    let comparison = try FirmwareComparison.compare(
      models: models, questions: questions, menu: menu, registry: registry, inputs: inputs.input,
      interval: statistics.method, confidenceLevel: statistics.cl, threads: threading.threads
    ) { stage, done, total in progress.update(done, of: total, stage: stage) }
    progress.finish()
    print(comparison.text, terminator: "")
    var files: [(String, [UInt8])] = []
    if let markdown { files.append((markdown, Array(comparison.markdown.utf8))) }
    if let csv { files.append((csv, Array(comparison.efficiencyTable.csv.utf8))) }
    if let distributionsCsv { files.append((distributionsCsv, Array(comparison.distributionTable.csv.utf8))) }
    if let json { files.append((json, try comparison.jsonBytes())) }
    try writeOutputs(files)
  }
}

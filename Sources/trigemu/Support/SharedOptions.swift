import ArgumentParser
import Foundation
import TriggerAnalysis
import TriggerEmulation
import TriggerEvents
import TriggerSupport

/// `--menu`: a menu file, or a shipped menu by name.
struct MenuOption: ParsableArguments {
  @Option(help: ArgumentHelp("Trigger menu: a YAML file, or the name of a shipped menu (\(ShippedFiles.names(.menu).joined(separator: ", "))).", valueName: "menu"))
  var menu: String

  /// The menu, its external plugins loaded into `registry`.
  func load(into registry: PluginRegistry) throws -> TriggerMenu { try TriggerMenu(named: menu, registry: registry) }
}

/// `--input`: the event files, read in the order given as one stream.
struct InputOptions: ParsableArguments {
  @Option(help: "Input event file (.trg); repeat for several.")
  var input: [String] = []

  func validate() throws {
    guard !input.isEmpty else { throw ValidationError("give at least one --input file") }
  }
}

/// `--threads`, checked the same way everywhere.
struct ThreadOptions: ParsableArguments {
  @Option(help: "Threads (default: all cores).")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  func validate() throws {
    guard (1...256).contains(threads) else { throw ValidationError("--threads must be 1–256") }
  }
}

/// `--firmware-dir`: where firmware models are looked for by name (default: the shipped ones).
struct FirmwareFolderOption: ParsableArguments {
  @Option(help: "Folder of firmware-model files whose names the run list's firmware tags and --firmware use (default: the shipped models).")
  var firmwareDir: String?

  /// A `--runs` file's run list, its firmware tags checked against the models; the embedded one without a file.
  func runList(_ path: String?) throws -> RunList {
    try path.map { try RunList(path: $0, knownFirmware: FirmwareModel.names(in: firmwareDir)) } ?? .default
  }
}

/// How a command picks each run's firmware model (docs/firmware-models.md): one model for every
/// run, or the run list's tags and the models' run ranges.
struct FirmwareOptions: ParsableArguments {
  @Option(help: "Firmware model for every run: a model file (YAML) or a model's name (e.g. belle2-2018-phase2, ideal). Default: each run's model from the run list's firmware tag or the models' run ranges.")
  var firmware: String?

  @OptionGroup var folder: FirmwareFolderOption

  /// The plan: `--firmware` for every run, else the models by `runList`'s tags and their run ranges.
  func plan(runList: RunList?) throws -> FirmwarePlan {
    guard let firmware else { return try FirmwarePlan(directory: folder.firmwareDir, runTags: runList?.firmwareTags ?? []) }
    do {
      return FirmwarePlan(single: try FirmwareModel(named: firmware, directory: folder.firmwareDir))
    } catch let error as LocatedError where error.file.isEmpty {
      throw error.prefixed("--firmware \(firmware): ")
    }
  }
}

/// `--prescale-mode`.
enum PrescaleModeChoice: String, ExpressibleByArgument, CaseIterable {
  case counter, random

  /// The mode; `random` is seeded with `seed`.
  func mode(seed: UInt64) -> PrescaleMode { self == .random ? .random(seed: seed) : .counter }
}

extension BinomialInterval.Method: ExpressibleByArgument {}

/// Offline selections by preset name; `--help` lists the presets.
extension OfflineSelection: ExpressibleByArgument {
  public init?(argument: String) {
    guard let preset = try? Self.named(argument) else { return nil }
    self = preset
  }
  public static var allValueStrings: [String] { presets.map(\.name) }
  public var defaultValueDescription: String { name }
}

/// Signal selections by preset name; `--help` lists the presets.
extension SignalSelection: ExpressibleByArgument {
  public init?(argument: String) {
    guard let preset = try? Self.named(argument) else { return nil }
    self = preset
  }
  public static var allValueStrings: [String] { presets.map(\.name) }
}

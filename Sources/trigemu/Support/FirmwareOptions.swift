import ArgumentParser
import Foundation
import TriggerEmulation
import TriggerSimulation
import TriggerEvents

/// How a command picks each run's firmware model (docs/firmware-models.md): one model for every
/// run, or the run list's tags and the models' run ranges within a directory of models.
struct FirmwareOptions: ParsableArguments {
  @Option(help: "Firmware model for every run: a model file (YAML) or the name of one in --firmware-dir (e.g. belle2-2018-phase2, ideal). Default: each run's model from the run list's firmware tag or the models' run ranges.")
  var firmware: String?

  @Option(help: "Directory of firmware-model files: the run list's firmware tags name files here.")
  var firmwareDir = "firmware-models"

  /// The plan: `--firmware` for every run, else the directory's models by `runList`'s tags and
  /// the models' run ranges.
  func plan(runList: RunList?) throws -> FirmwarePlan {
    guard let firmware else { return try FirmwarePlan(directory: firmwareDir, runTags: runList?.firmwareTags ?? []) }
    return FirmwarePlan(single: try model(named: firmware))
  }

  /// A model by file path or by name in the directory.
  func model(named name: String) throws -> FirmwareModel {
    if name == FirmwareModel.ideal.name && !FileManager.default.fileExists(atPath: (firmwareDir as NSString).appendingPathComponent("ideal.yaml")) {
      return .ideal
    }
    if name.contains("/") || name.hasSuffix(".yaml") { return try FirmwareModel(path: name) }
    let path = (firmwareDir as NSString).appendingPathComponent(name + ".yaml")
    guard FileManager.default.fileExists(atPath: path) else {
      throw CLIError("--firmware \(name): no model file \(path) (known: \(knownFirmwareTags(in: firmwareDir).sorted().joined(separator: ", ")))")
    }
    return try FirmwareModel(path: path)
  }
}

import ArgumentParser
import TriggerEmulation
import TriggerEvents
import TriggerSupport

/// `trigemu firmware`: check and show firmware models, list the fault kinds.
struct FirmwareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "firmware", abstract: "Validate and show firmware models; list the fault kinds (docs/firmware-models.md).",
    subcommands: [List.self, Validate.self, Show.self, Faults.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the shipped firmware models: their names (which run lists and --firmware take), faults and descriptions.")

    func run() throws {
      var table = TextTable(["name", "faults", "run ranges", "description"])
      for model in try FirmwareModel.all(in: nil) {
        table.add([model.name, "\(model.faults.count)", model.runRanges.map(\.description).joined(separator: ", "), model.description])
      }
      print(table.rendered)
      if let folder = ShippedFiles.resourceFolder { print("\nfiles: \(folder.appendingPathComponent(ShippedFiles.Kind.firmwareModel.rawValue).path)") }
    }
  }

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check firmware models, and that their run ranges do not overlap; errors name the file, line and column.",
      discussion: "With --menu, also check that every bit the models name is a bit of that menu.")
    @Argument(help: "Model files (YAML) or shipped models' names.") var files: [String]
    @Option(help: "Also set every model up for this menu (a YAML file or a shipped menu's name).") var menu: String?

    func run() throws {
      let models = try files.map { try FirmwareModel(named: $0, directory: nil) }
      _ = try FirmwarePlan(models: [.ideal] + models.filter { $0.name != FirmwareModel.ideal.name })
      let registry = PluginRegistry()
      let menu = try self.menu.map { try TriggerMenu(named: $0, registry: registry) }
      for (file, model) in zip(files, models) {
        if let menu { _ = try MenuEvaluator(menu: menu, registry: registry, firmware: model) }
        let runs = model.runRanges.isEmpty ? "no run ranges" : "runs " + model.runRanges.map(\.description).joined(separator: ", ")
        print("\(file): valid (\(model.name): \(model.faults.count) fault\(model.faults.count == 1 ? "" : "s"), \(runs)\(menu.map { ", fits menu \($0.name)" } ?? ""))")
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a firmware model fully expanded, with every default filled in.")
    @Argument(help: "Model file (YAML) or a shipped model's name.") var file: String
    func run() throws { print(try FirmwareModel(named: file, directory: nil).expandedText, terminator: "") }
  }

  struct Faults: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the fault kinds with their stage and parameters, units, defaults and ranges.")
    @Argument(help: "Show only this kind (e.g. cdc.phi_efficiency).") var kind: String?

    func run() throws {
      let kinds = try kind.map { name in
        guard let kind = FaultRegistry.kind(named: name) else {
          throw LocatedError("unknown fault kind \"\(name)\" (known: \(FaultRegistry.kinds.map(\.name).joined(separator: ", ")))")
        }
        return [kind]
      } ?? FaultRegistry.kinds
      for kind in kinds {
        print("\(kind.name) [\(kind.stage.rawValue)]: \(kind.summary)")
        print(parameterTable(kind.parameters))
      }
    }
  }
}

/// A plugin kind's parameters as an indented table: name, type, unit, default, range or
/// choices, meaning (shared by `trigemu conditions` and `trigemu firmware faults`).
func parameterTable(_ parameters: [PluginParameter]) -> String {
  guard !parameters.isEmpty else { return "  (no parameters)\n" }
  var table = TextTable(["parameter", "type", "unit", "default", "range", "meaning"])
  for parameter in parameters {
    let value: (Double) -> String = { parameter.kind == .boolean ? ($0 != 0 ? "true" : "false") : PluginValue.number($0).description }
    let range: String
    switch parameter.kind {
    case .boolean: range = ""
    case .text: range = parameter.choices.joined(separator: " | ")
    case .real, .integer: range = "\(value(parameter.range.lowerBound))–\(value(parameter.range.upperBound))"
    }
    let defaultText = parameter.kind == .text ? (parameter.defaultText ?? "(required)") : value(parameter.defaultValue)
    table.add([parameter.name, parameter.kind.rawValue, parameter.unit, defaultText, range, parameter.help])
  }
  return table.rendered.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
}

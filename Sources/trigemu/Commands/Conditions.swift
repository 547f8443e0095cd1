import ArgumentParser
import TriggerEmulation
import TriggerEvents

/// `trigemu conditions`: the condition kinds menus can use, with their parameters.
struct Conditions: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the trigger condition kinds with their parameters, units, defaults and ranges.")

  @Argument(help: "Show only this kind (e.g. cdc.two_track).")
  var kind: String?

  func run() throws {
    let kinds = try kind.map { name in
      guard let kind = ConditionRegistry.kind(named: name) else {
        throw CLIError("unknown condition kind \"\(name)\" (known: \(ConditionRegistry.kinds.map(\.name).joined(separator: ", ")))")
      }
      return [kind]
    } ?? ConditionRegistry.kinds
    for kind in kinds {
      print("\(kind.name): \(kind.summary)")
      var table = TextTable(["parameter", "type", "unit", "default", "range", "meaning"])
      for parameter in kind.parameters {
        let value: (Double) -> String = { parameter.kind == .boolean ? ($0 != 0 ? "true" : "false") : PluginValue.number($0).description }
        table.add([
          parameter.name, parameter.kind.rawValue, parameter.unit, value(parameter.defaultValue),
          parameter.kind == .boolean ? "" : "\(value(parameter.range.lowerBound))–\(value(parameter.range.upperBound))", parameter.help,
        ])
      }
      print(table.rendered.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n")
    }
  }
}

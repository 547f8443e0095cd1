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
      print(parameterTable(kind.parameters))
    }
  }
}

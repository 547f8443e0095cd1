import ArgumentParser
import TriggerEmulation
import TriggerEvents
import TriggerSupport

/// `trigemu conditions`: the condition kinds menus can use, with their parameters.
struct Conditions: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the trigger condition kinds with their parameters, units, defaults and ranges; --hlt: the HLT's event variables.")

  @Argument(help: "Show only this kind (e.g. cdc.two_track).")
  var kind: String?

  @Flag(help: "List the event variables HLT cuts can use, with their units (docs/menus.md, \"The hlt section\").")
  var hlt = false

  func validate() throws {
    if hlt && kind != nil { throw ValidationError("--hlt lists the HLT variables; give no condition kind with it") }
  }

  func run() throws {
    if hlt {
      var table = TextTable(["variable", "unit", "what"])
      for variable in HLTVariables.all { table.add([variable.name, variable.unit.isEmpty ? "–" : variable.unit, variable.summary]) }
      print(table.rendered)
      return
    }
    let kinds = try kind.map { name in
      guard let kind = ConditionRegistry.kind(named: name) else {
        throw LocatedError("unknown condition kind \"\(name)\" (known: \(ConditionRegistry.kinds.map(\.name).joined(separator: ", ")))")
      }
      return [kind]
    } ?? ConditionRegistry.kinds
    for kind in kinds {
      print("\(kind.name): \(kind.summary)")
      print(parameterTable(kind.parameters))
    }
  }
}

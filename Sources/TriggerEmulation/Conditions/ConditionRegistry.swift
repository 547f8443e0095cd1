/// Every condition kind trigemu knows, by name: the one registry menus and plugins go through.
public enum ConditionRegistry {
  /// The built-in kinds (CDC, ECL, KLM), in name order.
  public static let kinds: [ConditionKind] = (CDCConditions.kinds + ECLConditions.kinds + KLMConditions.kinds).sorted { $0.name < $1.name }

  /// The kind named `name`, if any.
  public static func kind(named name: String) -> ConditionKind? { kinds.first { $0.name == name } }

  /// Makes a condition, checking every parameter's name, type and range and filling defaults.
  public static func make(kind name: String, parameters given: [String: ConditionValue] = [:]) throws -> any TriggerCondition {
    try make(kind: name, parameters: given, among: kinds)
  }

  /// `make` over a given set of kinds (the built-in ones plus plugins, `PluginRegistry`).
  static func make(kind name: String, parameters given: [String: ConditionValue], among kinds: [ConditionKind]) throws -> any TriggerCondition {
    guard let kind = kinds.first(where: { $0.name == name }) else {
      throw ConditionError(kind: name, parameter: nil, message: "unknown condition kind (known: \(kinds.map(\.name).joined(separator: ", ")))")
    }
    var values: [String: Double] = [:]
    for parameter in kind.parameters { values[parameter.name] = parameter.defaultValue }
    for (key, value) in given.sorted(by: { $0.key < $1.key }) {
      guard let parameter = kind.parameters.first(where: { $0.name == key }) else {
        throw ConditionError(
          kind: name, parameter: key,
          message: "unknown parameter (\(name) takes \(kind.parameters.map(\.name).joined(separator: ", ")))")
      }
      func fail(_ message: String) -> ConditionError { ConditionError(kind: name, parameter: key, message: message) }
      switch (parameter.kind, value) {
      case (.boolean, .boolean(let flag)):
        values[key] = flag ? 1 : 0
      case (.boolean, .number):
        throw fail("expected true or false, found \(value)")
      case (_, .boolean):
        throw fail("expected a number\(parameter.unit.isEmpty ? "" : " in \(parameter.unit)"), found \(value)")
      case (.integer, .number(let number)):
        guard number == number.rounded() else { throw fail("expected a whole number, found \(value)") }
        fallthrough
      case (.real, .number(let number)):
        guard parameter.range.contains(number) else {
          let unit = parameter.unit.isEmpty ? "" : " \(parameter.unit)"
          throw fail("\(value)\(unit) is outside the allowed range \(ConditionValue.number(parameter.range.lowerBound))–\(ConditionValue.number(parameter.range.upperBound))\(unit)")
        }
        values[key] = number
      }
    }
    return kind.make(ConditionParameters(values: values))
  }
}

/// Every condition kind trigemu knows, by name: the one registry menus and plugins go through.
public enum ConditionRegistry {
  /// The built-in kinds (CDC, ECL, KLM), in name order.
  public static let kinds: [ConditionKind] = (CDCConditions.kinds + ECLConditions.kinds + KLMConditions.kinds).sorted { $0.name < $1.name }

  /// The kind named `name`, if any.
  public static func kind(named name: String) -> ConditionKind? { kinds.first { $0.name == name } }

  /// Makes a condition, checking every parameter's name, type and range and filling defaults.
  public static func make(kind name: String, parameters given: [String: PluginValue] = [:]) throws -> any TriggerCondition {
    try make(kind: name, parameters: given, among: kinds)
  }

  /// `make` over a given set of kinds (the built-in ones plus plugins, `PluginRegistry`);
  /// `adjust` changes the validated values before the condition is made (a firmware model's
  /// constants, which may leave the menu's ranges).
  static func make(
    kind name: String, parameters given: [String: PluginValue], among kinds: [ConditionKind], adjust: (inout PluginParameters) -> Void = { _ in }
  ) throws -> any TriggerCondition {
    guard let kind = kinds.first(where: { $0.name == name }) else {
      throw ParameterError(kind: name, parameter: nil, message: "unknown condition kind (known: \(kinds.map(\.name).joined(separator: ", ")))")
    }
    var parameters = try PluginParameter.validate(given, against: kind.parameters, kind: name)
    adjust(&parameters)
    return kind.make(parameters)
  }
}

/// A trigger input bit: a yes/no question asked of each event's `TriggerSummary`.
///
/// Conditions are made by the `ConditionRegistry` from a kind name and parameters; they are
/// evaluated once per event (never per hit).
public protocol TriggerCondition: Sendable {
  func evaluate(_ summary: TriggerSummary) -> Bool
}

/// A kind of condition: its name as menus write it, what it means, its parameters and a maker.
public struct ConditionKind: Sendable {
  public var name: String
  public var summary: String
  public var parameters: [PluginParameter]
  let make: @Sendable (PluginParameters) -> any TriggerCondition
}

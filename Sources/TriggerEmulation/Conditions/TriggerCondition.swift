/// A trigger input bit: a yes/no question asked of each event's `TriggerSummary`.
///
/// Conditions are made by the `ConditionRegistry` from a kind name and parameters; they are
/// evaluated once per event (never per hit).
public protocol TriggerCondition: Sendable {
  func evaluate(_ summary: TriggerSummary) -> Bool
}

/// One named parameter of a condition kind: its type, unit, default and allowed range.
public struct ConditionParameter: Sendable, Equatable {
  public enum Kind: String, Sendable { case real, integer, boolean }

  public var name: String
  public var kind: Kind
  /// Unit of the value (`GeV`, `deg`, `cm`, …; empty for counts and switches).
  public var unit: String
  public var defaultValue: Double
  public var range: ClosedRange<Double>
  public var help: String

  public static func real(_ name: String, _ unit: String, _ value: Double, _ range: ClosedRange<Double>, _ help: String) -> Self {
    Self(name: name, kind: .real, unit: unit, defaultValue: value, range: range, help: help)
  }
  public static func integer(_ name: String, _ value: Int, _ range: ClosedRange<Int>, _ help: String) -> Self {
    Self(name: name, kind: .integer, unit: "", defaultValue: Double(value), range: Double(range.lowerBound)...Double(range.upperBound), help: help)
  }
  public static func boolean(_ name: String, _ value: Bool, _ help: String) -> Self {
    Self(name: name, kind: .boolean, unit: "", defaultValue: value ? 1 : 0, range: 0...1, help: help)
  }
}

/// The parameter values a condition is made with, all validated and with defaults filled in.
public struct ConditionParameters: Sendable {
  var values: [String: Double]

  public func real(_ name: String) -> Double { values[name]! }
  public func integer(_ name: String) -> Int { Int(values[name]!) }
  public func boolean(_ name: String) -> Bool { values[name]! != 0 }
}

/// A kind of condition: its name as menus write it, what it means, its parameters and a maker.
public struct ConditionKind: Sendable {
  public var name: String
  public var summary: String
  public var parameters: [ConditionParameter]
  let make: @Sendable (ConditionParameters) -> any TriggerCondition
}

/// A parameter value as a menu gives it, before checking.
public enum ConditionValue: Sendable, Equatable, CustomStringConvertible {
  case number(Double)
  case boolean(Bool)

  public var description: String {
    switch self {
    case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    case .boolean(let value): String(value)
    }
  }
}

/// Why a condition cannot be made: unknown kind or parameter, wrong type, out of range.
public struct ConditionError: Error, Equatable, Sendable, CustomStringConvertible {
  public var kind: String
  public var parameter: String?
  public var message: String
  public var description: String { parameter.map { "\(kind).\($0): \(message)" } ?? "\(kind): \(message)" }
}

/// One named parameter of a plugin kind (a trigger condition or a firmware fault): its type,
/// unit, default and allowed range, or for text its allowed choices.
public struct PluginParameter: Sendable, Equatable {
  public enum Kind: String, Sendable { case real, integer, boolean, text }

  public var name: String
  public var kind: Kind
  /// Unit of the value (`GeV`, `deg`, `cm`, …; empty for counts, switches and text).
  public var unit: String
  public var defaultValue: Double
  public var range: ClosedRange<Double>
  public var help: String
  /// Text parameters: the default (nil: the parameter must be given) and the allowed values
  /// (empty: any name).
  public var defaultText: String? = nil
  public var choices: [String] = []

  public static func real(_ name: String, _ unit: String, _ value: Double, _ range: ClosedRange<Double>, _ help: String) -> Self {
    Self(name: name, kind: .real, unit: unit, defaultValue: value, range: range, help: help)
  }
  public static func integer(_ name: String, _ value: Int, _ range: ClosedRange<Int>, _ help: String) -> Self {
    Self(name: name, kind: .integer, unit: "", defaultValue: Double(value), range: Double(range.lowerBound)...Double(range.upperBound), help: help)
  }
  public static func boolean(_ name: String, _ value: Bool, _ help: String) -> Self {
    Self(name: name, kind: .boolean, unit: "", defaultValue: value ? 1 : 0, range: 0...1, help: help)
  }
  /// A text parameter: one of `choices` (any name when empty); `value` nil makes it required.
  public static func text(_ name: String, _ value: String?, choices: [String] = [], _ help: String) -> Self {
    Self(name: name, kind: .text, unit: "", defaultValue: 0, range: 0...0, help: help, defaultText: value, choices: choices)
  }

  /// The default as a value (nil for a required text parameter).
  public var defaultParameterValue: PluginValue? {
    switch kind {
    case .boolean: .boolean(defaultValue != 0)
    case .text: defaultText.map { .text($0) }
    case .real, .integer: .number(defaultValue)
    }
  }

  /// Checks `given` against `declared` (names, types, whole numbers, ranges, choices, required
  /// text) and fills in defaults; `kind` names the plugin kind in errors.
  public static func validate(_ given: [String: PluginValue], against declared: [PluginParameter], kind: String) throws(ParameterError) -> PluginParameters {
    var values: [String: Double] = [:], texts: [String: String] = [:]
    for parameter in declared {
      if parameter.kind == .text { texts[parameter.name] = parameter.defaultText } else { values[parameter.name] = parameter.defaultValue }
    }
    for (key, value) in given.sorted(by: { $0.key < $1.key }) {
      guard let parameter = declared.first(where: { $0.name == key }) else {
        throw ParameterError(kind: kind, parameter: key, message: "unknown parameter (\(kind) takes \(declared.map(\.name).joined(separator: ", ")))")
      }
      func fail(_ message: String) -> ParameterError { ParameterError(kind: kind, parameter: key, message: message) }
      switch (parameter.kind, value) {
      case (.text, .text(let text)):
        guard parameter.choices.isEmpty || parameter.choices.contains(text) else {
          throw fail("\"\(text)\" is not one of \(parameter.choices.joined(separator: ", "))")
        }
        texts[key] = text
      case (.text, _):
        throw fail(parameter.choices.isEmpty ? "expected a name, found \(value)" : "expected one of \(parameter.choices.joined(separator: ", ")), found \(value)")
      case (.boolean, .boolean(let flag)):
        values[key] = flag ? 1 : 0
      case (.boolean, _):
        throw fail("expected true or false, found \(value)")
      case (_, .boolean), (_, .text):
        throw fail("expected a number\(parameter.unit.isEmpty ? "" : " in \(parameter.unit)"), found \(value)")
      case (.integer, .number(let number)):
        guard number == number.rounded() else { throw fail("expected a whole number, found \(value)") }
        fallthrough
      case (.real, .number(let number)):
        guard parameter.range.contains(number) else {
          let unit = parameter.unit.isEmpty ? "" : " \(parameter.unit)"
          throw fail("\(value)\(unit) is outside the allowed range \(PluginValue.number(parameter.range.lowerBound))–\(PluginValue.number(parameter.range.upperBound))\(unit)")
        }
        values[key] = number
      }
    }
    for parameter in declared where parameter.kind == .text && texts[parameter.name] == nil {
      throw ParameterError(kind: kind, parameter: nil, message: "the parameter \(parameter.name) must be given (\(parameter.help))")
    }
    return PluginParameters(values: values, texts: texts)
  }
}

/// The parameter values a plugin is made with, all validated and with defaults filled in.
public struct PluginParameters: Sendable {
  var values: [String: Double]
  var texts: [String: String] = [:]

  public func real(_ name: String) -> Double { values[name]! }
  public func integer(_ name: String) -> Int { Int(values[name]!) }
  public func boolean(_ name: String) -> Bool { values[name]! != 0 }
  public func text(_ name: String) -> String { texts[name]! }
}

/// A parameter value as a file gives it, before checking.
public enum PluginValue: Sendable, Equatable, CustomStringConvertible {
  case number(Double)
  case boolean(Bool)
  case text(String)

  public var description: String {
    switch self {
    case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    case .boolean(let value): String(value)
    case .text(let value): value
    }
  }
}

/// Why a plugin cannot be made: unknown kind or parameter, wrong type, out of range.
public struct ParameterError: Error, Equatable, Sendable, CustomStringConvertible {
  public var kind: String
  public var parameter: String?
  public var message: String
  public var description: String { parameter.map { "\(kind).\($0): \(message)" } ?? "\(kind): \(message)" }
}

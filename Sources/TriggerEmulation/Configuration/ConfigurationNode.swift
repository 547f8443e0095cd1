import Foundation
import Yams
import TriggerEvents
import TriggerSupport

/// A node of a YAML configuration file with its place in the file, and typed accessors that
/// throw a `LocatedError` naming that place.
///
/// Menus and firmware models are read through this one type, so every file-format error has the
/// same shape: `file:line:column: what is wrong`.
public struct ConfigurationNode {
  public let path: String
  let node: Node
  /// The SHA-256 (hex) of the text the root node was parsed from; empty for inner nodes.
  public internal(set) var textSHA256 = ""

  /// Parses `text` (the contents of `path`); YAML syntax errors come back located.
  public static func parse(_ text: String, path: String) throws -> ConfigurationNode {
    do {
      guard let root = try Yams.compose(yaml: text) else {
        throw LocatedError(file: path, line: 0, column: 0, message: "the file is empty")
      }
      var node = ConfigurationNode(path: path, node: root)
      node.textSHA256 = SHA256.hex(of: Array(text.utf8))
      return node
    } catch let error as YamlError {
      throw Self.located(error, path: path)
    }
  }

  /// Reads and parses the file at `path`.
  public static func load(path: String) throws -> ConfigurationNode {
    let data = try InputFile.contents(of: path, limitBytes: InputFile.configurationLimitBytes)
    guard let text = String(data: data, encoding: .utf8) else {
      throw LocatedError(file: path, line: 0, column: 0, message: "the file is not UTF-8 text")
    }
    return try parse(text, path: path)
  }

  private static func located(_ error: YamlError, path: String) -> LocatedError {
    func make(_ context: YamlError.Context?, _ problem: String, _ mark: Mark) -> LocatedError {
      let what = context.map { "\(problem) \($0.text)" } ?? problem
      return LocatedError(file: path, line: mark.line, column: mark.column, message: "YAML syntax: \(what)")
    }
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      return make(context, problem, mark)
    case .duplicatedKeysInMapping(let duplicates, let context):
      let names = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
      return LocatedError(
        file: path, line: context.mark.line, column: context.mark.column,
        message: "duplicate name \(names): a name may be defined only once in a mapping")
    case .reader(let problem, let offset, _, _):
      return LocatedError(file: path, line: 0, column: 0, message: "YAML syntax: \(problem)\(offset.map { " at byte \($0)" } ?? "")")
    default:
      return LocatedError(file: path, line: 0, column: 0, message: "YAML syntax: \(error)")
    }
  }

  /// 1-based line and column of the node.
  public var line: Int { node.mark?.line ?? 0 }
  public var column: Int { node.mark?.column ?? 0 }

  /// An error at this node.
  public func error(_ message: String) -> LocatedError {
    LocatedError(file: path, line: line, column: column, message: message)
  }

  /// An error at character `offset` (0-based, in Unicode scalars) inside this scalar's text, for
  /// scalars written on one line (expressions); quoted scalars start one column later.
  public func error(_ message: String, atOffset offset: Int) -> LocatedError {
    var shift = offset
    if case .scalar(let scalar) = node, scalar.style == .singleQuoted || scalar.style == .doubleQuoted { shift += 1 }
    return LocatedError(file: path, line: line, column: column + shift, message: message)
  }

  // MARK: Mappings

  /// The entries of a mapping in file order (the YAML parser has already refused duplicate
  /// keys); `what` names the mapping in errors ("the menu", "bit ffo").
  public func entries(_ what: String) throws -> [(key: String, keyNode: ConfigurationNode, value: ConfigurationNode)] {
    guard case .mapping(let mapping) = node else { throw error("\(what) must be a mapping of names to values") }
    var result: [(key: String, keyNode: ConfigurationNode, value: ConfigurationNode)] = []
    for (key, value) in mapping {
      let keyNode = ConfigurationNode(path: path, node: key)
      guard case .scalar(let scalar) = key else { throw keyNode.error("a key of \(what) must be a plain name") }
      result.append((scalar.string, keyNode, ConfigurationNode(path: path, node: value)))
    }
    return result
  }

  /// A mapping's entries by key, after checking that every key is one of `allowed` and every
  /// key in `required` is present.
  public func fields(_ what: String, allowed: [String], required: [String] = []) throws -> [String: ConfigurationNode] {
    var result: [String: ConfigurationNode] = [:]
    for entry in try entries(what) {
      guard allowed.contains(entry.key) else {
        throw entry.keyNode.error("unknown field \"\(entry.key)\" in \(what) (allowed: \(allowed.joined(separator: ", ")))")
      }
      result[entry.key] = entry.value
    }
    for key in required where result[key] == nil { throw error("\(what) needs the field \"\(key)\"") }
    return result
  }

  // MARK: Scalars

  /// The scalar's text, or nil if the node is not a scalar.
  public var scalarText: String? {
    if case .scalar(let scalar) = node { return scalar.string }
    return nil
  }

  /// Whether the scalar was written in quotes (so `"1"` is a string, never a number).
  var isQuoted: Bool {
    if case .scalar(let scalar) = node { return scalar.style != .plain && scalar.style != .any }
    return false
  }

  public func string(_ what: String) throws -> String {
    guard let text = scalarText else { throw error("\(what) must be text") }
    return text
  }

  /// A number written plainly (not quoted, not a boolean).
  public func number(_ what: String) throws -> Double {
    guard let text = scalarText, !isQuoted, let value = Self.parseNumber(text) else {
      throw error("\(what) must be a number, found \(display)")
    }
    return value
  }

  /// A YAML number: decimal or scientific; `.inf` and `.nan` are refused.
  static func parseNumber(_ text: String) -> Double? {
    guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else { return nil }
    guard text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) ?? false else { return nil }
    return value
  }

  /// `true`/`false` written plainly, or nil when the scalar is something else.
  public var boolean: Bool? {
    guard let text = scalarText, !isQuoted else { return nil }
    switch text {
    case "true", "True", "TRUE": return true
    case "false", "False", "FALSE": return false
    default: return nil
    }
  }

  /// The node as written, for messages.
  public var display: String {
    switch node {
    case .scalar(let scalar): isQuoted ? "\"\(scalar.string)\"" : (scalar.string.isEmpty ? "nothing" : scalar.string)
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .alias: "an alias"
    }
  }

  /// The items of a sequence.
  public func items(_ what: String) throws -> [ConfigurationNode] {
    guard case .sequence(let sequence) = node else { throw error("\(what) must be a list") }
    return sequence.map { ConfigurationNode(path: path, node: $0) }
  }
}

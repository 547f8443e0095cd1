import Foundation
import TriggerSupport

extension TriggerMenu {
  /// Reads and validates the menu at `path`: YAML syntax, fields, plugin kinds and parameters
  /// (names, types, units, ranges), expressions and the names they use, duplicates, cycles
  /// between lines and prescales. Every error names the file, line and column.
  ///
  /// `registry` resolves plugin kinds; external plugin libraries named in the menu are loaded
  /// into it first.
  public init(path: String, registry: PluginRegistry = PluginRegistry()) throws {
    try self.init(root: try ConfigurationNode.load(path: path), registry: registry)
  }

  /// Parses and validates menu text (as `init(path:)`; `path` is used in messages only).
  public init(text: String, path: String, registry: PluginRegistry = PluginRegistry()) throws {
    try self.init(root: try ConfigurationNode.parse(text, path: path), registry: registry)
  }

  init(root: ConfigurationNode, registry: PluginRegistry) throws {
    let path = root.path
    let fields = try root.fields(
      "the menu", allowed: ["name", "version", "description", "plugins", "bits", "lines", "reference_pairs", "hlt"],
      required: ["name", "bits", "lines"])
    let name = try fields["name"]!.string("the menu's name")
    let version = try fields["version"].map { try $0.string("the menu's version") } ?? ""
    let description = try fields["description"].map { try $0.string("the menu's description") } ?? ""

    // External plugins first, so their kinds validate like built-ins.
    var libraries: [String] = []
    if let plugins = fields["plugins"] {
      let folder = (path as NSString).deletingLastPathComponent
      for item in try plugins.items("plugins") {
        let given = try item.string("a plugin library path")
        let resolved = given.hasPrefix("/") || folder.isEmpty ? given : folder + "/" + given
        do {
          try registry.loadLibrary(path: resolved)
        } catch let error as LocatedError {
          throw item.error(error.message)
        }
        libraries.append(resolved)
      }
    }

    var bits: [Bit] = []
    for entry in try fields["bits"]!.entries("bits") {
      bits.append(try Self.bit(entry.key, entry.keyNode, entry.value, registry: registry))
    }
    var lines: [Line] = []
    var lineNodes: [String: ConfigurationNode] = [:], expressionNodes: [String: ConfigurationNode] = [:]
    for entry in try fields["lines"]!.entries("lines") {
      if let bit = bits.first(where: { $0.name == entry.key }) {
        throw entry.keyNode.error("duplicate name \"\(entry.key)\": a bit of that name is defined on line \(bit.line)")
      }
      let (line, expressionNode) = try Self.line(entry.key, entry.keyNode, entry.value)
      lines.append(line)
      lineNodes[entry.key] = entry.value
      expressionNodes[entry.key] = expressionNode
    }
    // Every name an expression uses is a bit or a line.
    for line in lines {
      for (used, offset) in line.parsed.names where !bits.contains(where: { $0.name == used }) && !lines.contains(where: { $0.name == used }) {
        throw expressionNodes[line.name]!.error("line \(line.name): \"\(used)\" is neither a bit nor a line of this menu", atOffset: offset)
      }
    }
    try Self.checkCycles(lines, nodes: lineNodes)

    var pairs: [(line: String, reference: String)] = []
    if let references = fields["reference_pairs"] {
      for entry in try references.entries("reference_pairs") {
        let reference = try entry.value.string("the reference of \(entry.key)")
        guard lines.contains(where: { $0.name == entry.key }) else {
          throw entry.keyNode.error("reference pair: \"\(entry.key)\" is not a line of this menu")
        }
        guard lines.contains(where: { $0.name == reference }) else {
          throw entry.value.error("reference pair: \"\(reference)\" is not a line of this menu")
        }
        guard reference != entry.key else { throw entry.value.error("reference pair: a line cannot be its own reference") }
        pairs.append((entry.key, reference))
      }
    }
    self.init(
      path: path, name: name, version: version, description: description, bits: bits, lines: lines,
      referencePairs: pairs, pluginLibraries: libraries)
    sha256 = root.textSHA256
    if let hlt = fields["hlt"] { hltLines = try Self.hltLines(hlt, bits: bits, lines: lines) }
  }

  /// The `hlt` section: `lines`, each with a kind (filter, skim, reject), a cut and a prescale.
  private static func hltLines(_ node: ConfigurationNode, bits: [Bit], lines: [Line]) throws -> [HLTLine] {
    let fields = try node.fields("the hlt section", allowed: ["lines"], required: ["lines"])
    var result: [HLTLine] = []
    for entry in try fields["lines"]!.entries("hlt lines") {
      let name = entry.key
      try checkName(name, entry.keyNode)
      if let bit = bits.first(where: { $0.name == name }) {
        throw entry.keyNode.error("duplicate name \"\(name)\": a bit of that name is defined on line \(bit.line)")
      }
      if let line = lines.first(where: { $0.name == name }) {
        throw entry.keyNode.error("duplicate name \"\(name)\": an L1 line of that name is defined on line \(line.line)")
      }
      let lineFields = try entry.value.fields("HLT line \(name)", allowed: ["kind", "cut", "prescale", "description"], required: ["kind", "cut"])
      let kindNode = lineFields["kind"]!
      let kindName = try kindNode.string("the kind of HLT line \(name)")
      guard let kind = HLTLine.Kind(rawValue: kindName) else {
        throw kindNode.error("HLT line \(name): unknown kind \"\(kindName)\" (known: filter, skim, reject)")
      }
      let cutNode = lineFields["cut"]!
      let cut = try cutNode.string("the cut of HLT line \(name)")
      let parsed: CutExpression
      do {
        parsed = try CutExpression.parse(cut)
      } catch let error as CutExpression.SyntaxError {
        throw cutNode.error("HLT line \(name): cut: \(error.message)", atOffset: error.offset)
      }
      let prescale = try lineFields["prescale"].map { try prescaleValue($0, of: "HLT line \(name)") } ?? 1
      let description = try lineFields["description"].map { try $0.string("the description of HLT line \(name)") }
      result.append(HLTLine(name: name, kind: kind, cut: cut, prescale: prescale, description: description, line: entry.keyNode.line, parsed: parsed))
    }
    return result
  }

  /// A prescale: 0 (off) or at least 1.
  private static func prescaleValue(_ node: ConfigurationNode, of owner: String) throws -> Double {
    let prescale = try node.number("the prescale of \(owner)")
    guard prescale >= 0 else { throw node.error("\(owner): prescale \(node.display) is negative (1 keeps every event, 0 disables the line)") }
    guard prescale == 0 || prescale >= 1 else {
      throw node.error("\(owner): prescale \(node.display) is below 1 (a prescale keeps one in N raw fires, N ≥ 1; 0 disables the line)")
    }
    return prescale
  }

  private static func bit(_ name: String, _ keyNode: ConfigurationNode, _ node: ConfigurationNode, registry: PluginRegistry) throws -> Bit {
    try checkName(name, keyNode)
    let fields = try node.fields("bit \(name)", allowed: ["kind", "parameters", "description"], required: ["kind"])
    let kindNode = fields["kind"]!
    let kindName = try kindNode.string("the kind of bit \(name)")
    guard let kind = registry.kind(named: kindName) else {
      throw kindNode.error("bit \(name): unknown plugin kind \"\(kindName)\" (known: \(registry.kinds.map(\.name).joined(separator: ", ")))")
    }
    let parameters = try ConfigurationNode.pluginParameters(
      fields["parameters"], declared: kind.parameters, kind: kindName, owner: "bit \(name)", kindNode: kindNode)
    return Bit(name: name, kind: kindName, parameters: parameters, line: keyNode.line)
  }

  /// A line, and the node of its expression (for errors about the names it uses).
  private static func line(_ name: String, _ keyNode: ConfigurationNode, _ node: ConfigurationNode) throws -> (Line, ConfigurationNode) {
    try checkName(name, keyNode)
    let fields = try node.fields("line \(name)", allowed: ["expression", "prescale", "description"], required: ["expression"])
    let expressionNode = fields["expression"]!
    let text = try expressionNode.string("the expression of line \(name)")
    let parsed: LineExpression
    do {
      parsed = try LineExpression.parse(text)
    } catch let error as LineExpression.SyntaxError {
      throw expressionNode.error("line \(name): expression syntax: \(error.message)", atOffset: error.offset)
    }
    let prescale = try fields["prescale"].map { try prescaleValue($0, of: "line \(name)") } ?? 1
    let description = try fields["description"].map { try $0.string("the description of line \(name)") }
    return (Line(name: name, expression: text, prescale: prescale, description: description, line: keyNode.line, parsed: parsed), expressionNode)
  }

  private static func checkName(_ name: String, _ node: ConfigurationNode) throws {
    guard LineExpression.isValidName(name) else {
      throw node.error("\"\(name)\" is not a valid name (letters, digits, _ and ., starting with a letter or _)")
    }
  }

  /// Lines may use other lines; a line that uses itself, directly or through others, is an error.
  private static func checkCycles(_ lines: [Line], nodes: [String: ConfigurationNode]) throws {
    var state: [String: Int] = [:]  // 1: on the current path, 2: done
    func visit(_ line: Line, path: [String]) throws {
      state[line.name] = 1
      for (used, _) in line.parsed.names {
        guard let next = lines.first(where: { $0.name == used }) else { continue }
        if state[used] == 1 {
          let cycle = (path + [line.name]).drop { $0 != used } + [used]
          throw nodes[line.name]!.error("line \(line.name): cyclic definition \(cycle.joined(separator: " → "))")
        }
        if state[used] == nil { try visit(next, path: path + [line.name]) }
      }
      state[line.name] = 2
    }
    for line in lines where state[line.name] == nil { try visit(line, path: []) }
  }
}

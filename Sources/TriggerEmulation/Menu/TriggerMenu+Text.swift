extension TriggerMenu {
  /// The menu fully expanded, as YAML: every parameter of every bit with its value (defaults
  /// filled in) and unit, every line with its prescale.
  public var expandedText: String {
    var text = "# \(path), fully expanded (defaults filled in, values in the units shown)\n"
    text += "name: \(name)\n"
    if !version.isEmpty { text += "version: \"\(version)\"\n" }
    if !description.isEmpty { text += "description: \"\(description.replacingOccurrences(of: "\"", with: "\\\""))\"\n" }
    if !pluginLibraries.isEmpty { text += "plugins: [\(pluginLibraries.joined(separator: ", "))]\n" }
    text += "bits:\n"
    for bit in bits {
      text += "  \(bit.name):\n    kind: \(bit.kind)\n    parameters:\n"
      for parameter in bit.parameters {
        text += "      \(parameter.name): \(parameter.value)\(parameter.unit.isEmpty ? "" : "  # \(parameter.unit)")\n"
      }
    }
    text += "lines:\n"
    for line in lines {
      text += "  \(line.name):\n    expression: \"\(line.parsed)\"\n    prescale: \(PluginValue.number(line.prescale))\n"
    }
    if !referencePairs.isEmpty {
      text += "reference_pairs:\n"
      for pair in referencePairs { text += "  \(pair.line): \(pair.reference)\n" }
    }
    if !hltLines.isEmpty {
      text += "hlt:\n  lines:\n"
      for line in hltLines {
        text += "    \(line.name):\n      kind: \(line.kind.rawValue)\n      cut: \"\(line.cut)\"\n      prescale: \(PluginValue.number(line.prescale))\n"
      }
    }
    return text
  }

  /// What changed from `self` to `other`: bits and lines added, removed or changed (kind,
  /// parameters, expression, prescale), and reference pairs; one line per difference.
  public func differences(to other: TriggerMenu) -> [String] {
    var result: [String] = []
    for bit in bits where other.bit(named: bit.name) == nil { result.append("- bit \(bit.name) (\(bit.kind))") }
    for bit in other.bits where self.bit(named: bit.name) == nil { result.append("+ bit \(bit.name) (\(bit.kind))") }
    for bit in bits {
      guard let new = other.bit(named: bit.name) else { continue }
      if bit.kind != new.kind {
        result.append("~ bit \(bit.name): kind \(bit.kind) → \(new.kind)")
        continue
      }
      for (old, changed) in zip(bit.parameters, new.parameters) where old.value != changed.value {
        result.append("~ bit \(bit.name): \(old.name) \(old.value) → \(changed.value)")
      }
    }
    for line in lines where other.line(named: line.name) == nil { result.append("- line \(line.name): \(line.parsed)") }
    for line in other.lines where self.line(named: line.name) == nil { result.append("+ line \(line.name): \(line.parsed)") }
    for line in lines {
      guard let new = other.line(named: line.name) else { continue }
      if line.parsed != new.parsed { result.append("~ line \(line.name): expression \(line.parsed) → \(new.parsed)") }
      if line.prescale != new.prescale {
        result.append("~ line \(line.name): prescale \(PluginValue.number(line.prescale)) → \(PluginValue.number(new.prescale))")
      }
    }
    for pair in referencePairs where other.reference(of: pair.line) != pair.reference {
      result.append("- reference \(pair.line) ↔ \(pair.reference)")
    }
    for pair in other.referencePairs where reference(of: pair.line) != pair.reference {
      result.append("+ reference \(pair.line) ↔ \(pair.reference)")
    }
    for line in hltLines where other.hltLine(named: line.name) == nil { result.append("- hlt line \(line.name) (\(line.kind.rawValue)): \(line.cut)") }
    for line in other.hltLines where hltLine(named: line.name) == nil { result.append("+ hlt line \(line.name) (\(line.kind.rawValue)): \(line.cut)") }
    for line in hltLines {
      guard let new = other.hltLine(named: line.name) else { continue }
      if line.kind != new.kind { result.append("~ hlt line \(line.name): kind \(line.kind.rawValue) → \(new.kind.rawValue)") }
      if line.cut != new.cut { result.append("~ hlt line \(line.name): cut \(line.cut) → \(new.cut)") }
      if line.prescale != new.prescale {
        result.append("~ hlt line \(line.name): prescale \(PluginValue.number(line.prescale)) → \(PluginValue.number(new.prescale))")
      }
    }
    return result
  }
}

extension FirmwareModel {
  /// The model fully expanded, as YAML: every fault with its stage and every parameter (defaults
  /// filled in) with its unit.
  public var expandedText: String {
    var text = "# \(path.isEmpty ? "built-in" : path), fully expanded (defaults filled in, values in the units shown)\n"
    text += "name: \(name)\n"
    if !description.isEmpty { text += "description: \"\(description.replacingOccurrences(of: "\"", with: "\\\""))\"\n" }
    text += runRanges.isEmpty ? "runs: []  # only runs a run list tags with \(name)\n" : "runs: [\(runRanges.map { "\"\($0)\"" }.joined(separator: ", "))]\n"
    text += faults.isEmpty ? "faults: []\n" : "faults:\n"
    for fault in faults {
      text += "  - kind: \(fault.kind)  # acts on \(fault.stage.rawValue)\n"
      if let description = fault.description { text += "    description: \"\(description)\"\n" }
      if !fault.parameters.isEmpty {
        text += "    parameters:\n"
        for parameter in fault.parameters {
          text += "      \(parameter.name): \(parameter.value)\(parameter.unit.isEmpty ? "" : "  # \(parameter.unit)")\n"
        }
      }
    }
    return text
  }
}

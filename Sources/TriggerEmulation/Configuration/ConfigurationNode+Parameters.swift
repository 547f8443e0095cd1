extension ConfigurationNode {
  /// Reads a plugin's `parameters` mapping (nil when the file gives none) against the kind's
  /// declared parameters: known names, values converted to each parameter's unit (`"500 MeV"`),
  /// types, ranges and choices checked, defaults filled in. Errors are placed at the offending
  /// key or value, or at `kindNode`, and start with `owner` ("bit ffo", "fault 2").
  ///
  /// `check` sees the validated parameters (a fault kind checks them against each other); its
  /// errors are placed the same way. Returns every declared parameter in order, as given or by
  /// default, in its unit.
  static func pluginParameters(
    _ node: ConfigurationNode?, declared: [PluginParameter], kind: String, owner: String, kindNode: ConfigurationNode,
    check: (PluginParameters) throws(ParameterError) -> Void = { _ in }
  ) throws -> [TriggerMenu.Bit.Parameter] {
    var given: [String: (value: PluginValue, node: ConfigurationNode)] = [:]
    if let node {
      for entry in try node.entries("the parameters of \(owner)") {
        guard let parameter = declared.first(where: { $0.name == entry.key }) else {
          throw entry.keyNode.error("\(owner): \(kind) has no parameter \"\(entry.key)\" (it takes \(declared.map(\.name).joined(separator: ", ")))")
        }
        given[entry.key] = (try entry.value.pluginValue(for: parameter, owner: owner), entry.value)
      }
    }
    do {
      try check(try PluginParameter.validate(given.mapValues(\.value), against: declared, kind: kind))
    } catch {
      throw (error.parameter.flatMap { given[$0]?.node } ?? kindNode).error("\(owner): \(error.description)")
    }
    return declared.map { .init(name: $0.name, value: given[$0.name]?.value ?? $0.defaultParameterValue!, unit: $0.unit) }
  }

  /// This scalar as a value of `parameter`: a boolean, a name, a number in the parameter's unit,
  /// or `"number unit"` converted to it.
  private func pluginValue(for parameter: PluginParameter, owner: String) throws -> PluginValue {
    guard let text = scalarText else { throw error("\(owner): \(parameter.name) must be a single value, found \(display)") }
    if parameter.kind == .text { return .text(text) }
    if let flag = boolean { return .boolean(flag) }
    if !isQuoted, let number = Self.parseNumber(text) { return .number(number) }
    do {
      return .number(try PhysicalUnit.convert(text, to: parameter.unit))
    } catch {
      throw self.error("\(owner): \(parameter.name): \(error.text)")
    }
  }
}

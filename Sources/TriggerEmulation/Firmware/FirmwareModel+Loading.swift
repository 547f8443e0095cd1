import Foundation

extension FirmwareModel {
  /// Reads and validates the model at `path`: YAML syntax, fields, fault kinds and parameters
  /// (names, types, units, ranges, the condition kinds they name), run ranges and their overlaps.
  /// Every error names the file, line and column. The model's name must be the file's name
  /// without `.yaml`: that is the tag a run list uses.
  public init(path: String) throws {
    try self.init(root: try ConfigurationNode.load(path: path))
  }

  /// Parses and validates model text (as `init(path:)`; `path` is used in messages only).
  public init(text: String, path: String) throws {
    try self.init(root: try ConfigurationNode.parse(text, path: path))
  }

  init(root: ConfigurationNode) throws {
    let path = root.path
    let fields = try root.fields("the firmware model", allowed: ["name", "description", "runs", "faults"], required: ["name", "faults"])
    let nameNode = fields["name"]!
    let name = try nameNode.string("the model's name")
    let fileName = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    if path.hasSuffix(".yaml") && name != fileName {
      throw nameNode.error("the model's name \"\(name)\" differs from its file name \"\(fileName)\" (run lists name models by file name)")
    }
    let description = try fields["description"].map { try $0.string("the model's description") } ?? ""

    var ranges: [RunRange] = [], places: [(line: Int, column: Int)] = []
    if let runs = fields["runs"] {
      for item in try runs.items("runs") {
        let text = try item.string("a run range")
        guard let range = RunRange(text) else {
          throw item.error("run range \"\(text)\" is not of the form EXPERIMENT:FIRST-LAST, EXPERIMENT:RUN or EXPERIMENT:* (e.g. \"8:1001-1003\")")
        }
        if let earlier = ranges.firstIndex(where: { $0.overlaps(range) }) {
          throw item.error("run range \(range) overlaps \(ranges[earlier]) on line \(places[earlier].line)")
        }
        ranges.append(range)
        places.append((item.line, item.column))
      }
    }

    var faults: [Fault] = [], compiled = FirmwareFaults()
    for (index, item) in try fields["faults"]!.items("faults").enumerated() {
      let owner = "fault \(index + 1)"
      let faultFields = try item.fields(owner, allowed: ["kind", "parameters", "description"], required: ["kind"])
      let kindNode = faultFields["kind"]!
      let kindName = try kindNode.string("the kind of \(owner)")
      guard let kind = FaultRegistry.kind(named: kindName) else {
        throw kindNode.error("\(owner): unknown fault kind \"\(kindName)\" (known: \(FaultRegistry.kinds.map(\.name).joined(separator: ", ")))")
      }
      let parameters = try ConfigurationNode.pluginParameters(
        faultFields["parameters"], declared: kind.parameters, kind: kindName, owner: "\(owner) (\(kindName))", kindNode: kindNode
      ) { parameters throws(ParameterError) in try kind.apply(parameters, &compiled) }
      faults.append(Fault(
        kind: kindName, stage: kind.stage, parameters: parameters,
        description: try faultFields["description"].map { try $0.string("the description of \(owner)") }, line: item.line))
    }
    self.init(path: path, name: name, description: description, runRanges: ranges, runRangePlaces: places, faults: faults, compiled: compiled)
    sha256 = root.textSHA256
  }
}

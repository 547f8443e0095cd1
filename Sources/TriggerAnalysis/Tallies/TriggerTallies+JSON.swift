import Foundation
import TriggerEvents
import TriggerSupport

extension TriggerTallies {
  /// The format name written and read (2: squared weights, pure counts, any line, weighted
  /// overlaps; 3: the HLT lines and the events the HLT kept).
  public static let format = "trigemu-tallies-3"

  /// The tallies as JSON text: fixed key order, two-space indentation, weights as exact decimals
  /// (so equal tallies give equal bytes). Documented in docs/menus.md ("Results of trigemu run").
  public func jsonBytes() -> [UInt8] {
    var out = JSONText()
    func key(_ name: String, _ indent: Int) {
      out.raw(String(repeating: " ", count: indent))
      out.string(name)
      out.raw(": ")
    }
    func weight(_ micro: Int64) { out.number(Double(micro) / 1e6) }
    /// A one-line JSON array of `list`, each element written by `write`.
    func array<Element>(_ list: [Element], _ write: (Element) -> Void) {
      out.raw("[")
      for (index, element) in list.enumerated() {
        if index > 0 { out.raw(", ") }
        write(element)
      }
      out.raw("]")
    }
    func counts(_ run: Run, _ indent: Int) {
      let pad = String(repeating: " ", count: indent)
      key("events", indent); out.number(run.events); out.raw(",\n")
      key("weight_sum", indent); weight(run.weightMicro); out.raw(",\n")
      key("bits", indent); out.raw("{")
      for (index, name) in bitNames.enumerated() {
        out.raw(index > 0 ? ", " : "")
        out.string(name); out.raw(": "); out.number(run.bits[index])
      }
      out.raw("},\n")
      func weighted(_ label: String, _ count: WeightedCount, first: Bool = false) {
        out.raw(first ? "{" : ", "); out.string(label); out.raw(": "); out.number(count.events)
        out.raw(", "); out.string(label + "_weight_sum"); out.raw(": "); weight(count.weightMicro)
        out.raw(", "); out.string(label + "_weight2_sum"); out.raw(": "); weight(count.weightSquaredMicro)
      }
      /// The lines of one stage (L1 or HLT), one per row: raw, accepted and pure counts.
      func lineObject(_ label: String, _ names: [String], _ lines: [LineCounts]) {
        key(label, indent); out.raw(names.isEmpty ? "{" : "{\n")
        for (index, name) in names.enumerated() {
          key(name, indent + 2)
          weighted("raw", lines[index].raw, first: true)
          weighted("accepted", lines[index].accepted)
          weighted("pure", lines[index].pure)
          out.raw(index + 1 < names.count ? "},\n" : "}\n")
        }
        out.raw(names.isEmpty ? "},\n" : pad + "},\n")
      }
      lineObject("lines", lineNames, run.lines)
      key("any_line", indent)
      weighted("raw", run.anyLine.raw, first: true)
      weighted("accepted", run.anyLine.accepted)
      out.raw("},\n")
      lineObject("hlt_lines", hltLineNames, run.hltLines)
      key("hlt_kept", indent)
      weighted("kept", run.hltKept, first: true)
      out.raw("},\n")
      let overlapLists: [(String, (Int) -> Void)] = [
        ("overlaps_raw", { out.number(run.rawOverlaps[$0]) }), ("overlaps_accepted", { out.number(run.acceptedOverlaps[$0]) }),
        ("overlaps_accepted_weight_sum", { weight(run.acceptedOverlapWeightMicro[$0]) }),
      ]
      for (list, (label, write)) in overlapLists.enumerated() {
        key(label, indent); out.raw("[")
        var first = true
        for i in lineNames.indices {
          for j in lineNames.indices where j > i {
            out.raw(first ? "\n" : ",\n")
            first = false
            out.raw(pad + "  [")
            out.string(lineNames[i]); out.raw(", "); out.string(lineNames[j]); out.raw(", ")
            write(Run.pairIndex(i, j, lineCount: lineNames.count))
            out.raw("]")
          }
        }
        out.raw(first ? "]" : "\n" + pad + "]")
        out.raw(list + 1 < overlapLists.count ? ",\n" : "\n")
      }
    }
    out.raw("{\n")
    key("format", 2); out.string(Self.format); out.raw(",\n")
    key("provenance", 2); out.raw("{\n")
    let p = provenance
    for (name, value) in [
      ("trigemu_version", p.trigemuVersion), ("menu", p.menuName), ("menu_sha256", p.menuSHA256), ("firmware", p.firmware),
      ("firmware_sha256", p.firmwareSHA256), ("prescale_mode", p.prescaleMode),
    ] {
      key(name, 4); out.string(value); out.raw(",\n")
    }
    key("inputs", 4); out.raw("[")
    for (index, input) in p.inputs.enumerated() {
      out.raw(index > 0 ? ",\n" : "\n")
      out.raw("      {\"path\": "); out.string(input.path)
      out.raw(", \"sha256\": "); out.string(input.sha256)
      out.raw(", \"events\": "); out.number(input.events); out.raw("}")
    }
    out.raw(p.inputs.isEmpty ? "]\n" : "\n    ]\n")
    out.raw("  },\n")
    func names(_ list: [String]) { array(list) { out.string($0) } }
    func numbers(_ list: [Double]) { array(list) { out.number($0) } }
    key("bits", 2); names(bitNames); out.raw(",\n")
    key("lines", 2); names(lineNames); out.raw(",\n")
    key("prescales", 2); numbers(prescales); out.raw(",\n")
    key("hlt_lines", 2); names(hltLineNames); out.raw(",\n")
    key("hlt_kinds", 2); names(hltKinds); out.raw(",\n")
    key("hlt_prescales", 2); numbers(hltPrescales); out.raw(",\n")
    key("runs", 2); out.raw("[")
    for (index, run) in runs.enumerated() {
      out.raw(index > 0 ? ",\n    {\n" : "\n    {\n")
      key("run", 6); out.number(run.run); out.raw(",\n")
      key("experiment", 6); out.number(run.experiment); out.raw(",\n")
      key("firmware", 6); out.string(run.firmware); out.raw(",\n")
      counts(run, 6)
      out.raw("    }")
    }
    out.raw(runs.isEmpty ? "],\n" : "\n  ],\n")
    key("total", 2); out.raw("{\n")
    counts(total, 4)
    out.raw("  }\n}\n")
    return out.bytes
  }

  /// Reads tallies written by `jsonBytes()`; errors name the file and what is wrong.
  public init(path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LocatedError(file: path, message: "cannot read the file")
    }
    let root: [String: Any]
    do {
      guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw LocatedError(file: path, message: "not a JSON object")
      }
      root = object
    } catch let error as LocatedError {
      throw error
    } catch {
      throw LocatedError(file: path, message: "not valid JSON (\(error.localizedDescription))")
    }
    func fail(_ field: String) -> LocatedError { LocatedError(file: path, message: "field \"\(field)\" is missing or has the wrong type (is this a trigemu run result?)") }
    guard let format = root["format"] as? String else { throw fail("format") }
    guard format == Self.format else {
      throw LocatedError(file: path, message: "format \(format), but this trigemu reads \(Self.format); run trigemu run again to write it")
    }
    guard let p = root["provenance"] as? [String: Any] else { throw fail("provenance") }
    func text(_ name: String) throws -> String {
      guard let value = p[name] as? String else { throw fail("provenance.\(name)") }
      return value
    }
    var inputs: [Input] = []
    for item in (p["inputs"] as? [[String: Any]]) ?? [] {
      guard let inputPath = item["path"] as? String, let sha = item["sha256"] as? String, let events = item["events"] as? Int else { throw fail("provenance.inputs") }
      inputs.append(Input(path: inputPath, sha256: sha, events: events))
    }
    let provenance = Provenance(
      trigemuVersion: try text("trigemu_version"), menuName: try text("menu"), menuSHA256: try text("menu_sha256"),
      firmware: try text("firmware"), firmwareSHA256: try text("firmware_sha256"), prescaleMode: try text("prescale_mode"), inputs: inputs)
    guard let bitNames = root["bits"] as? [String] else { throw fail("bits") }
    guard let lineNames = root["lines"] as? [String] else { throw fail("lines") }
    guard let prescales = (root["prescales"] as? [NSNumber])?.map(\.doubleValue), prescales.count == lineNames.count else { throw fail("prescales") }
    guard let hltLineNames = root["hlt_lines"] as? [String] else { throw fail("hlt_lines") }
    guard let hltKinds = root["hlt_kinds"] as? [String], hltKinds.count == hltLineNames.count else { throw fail("hlt_kinds") }
    guard let hltPrescales = (root["hlt_prescales"] as? [NSNumber])?.map(\.doubleValue), hltPrescales.count == hltLineNames.count else {
      throw fail("hlt_prescales")
    }
    var runs: [Run] = []
    for (index, object) in ((root["runs"] as? [[String: Any]]) ?? []).enumerated() {
      let field = "runs[\(index)]"
      guard let number = object["run"] as? Int, let experiment = object["experiment"] as? Int, let events = object["events"] as? Int,
        let weight = (object["weight_sum"] as? NSNumber)?.doubleValue, let firmware = object["firmware"] as? String
      else { throw fail(field) }
      var run = Run(
        run: UInt32(number), experiment: UInt16(experiment), firmware: firmware, bitCount: bitNames.count, lineCount: lineNames.count,
        hltLineCount: hltLineNames.count)
      run.events = events
      run.weightMicro = Self.micro(weight)
      guard let bits = object["bits"] as? [String: Int], let lines = object["lines"] as? [String: [String: Any]] else { throw fail(field) }
      for (k, name) in bitNames.enumerated() {
        guard let count = bits[name] else { throw fail("\(field).bits.\(name)") }
        run.bits[k] = count
      }
      func weighted(_ object: [String: Any]?, _ label: String) -> WeightedCount? {
        guard let object, let events = object[label] as? Int, let sum = (object[label + "_weight_sum"] as? NSNumber)?.doubleValue,
          let squares = (object[label + "_weight2_sum"] as? NSNumber)?.doubleValue
        else { return nil }
        return WeightedCount(events: events, weightMicro: Self.micro(sum), weightSquaredMicro: Self.micro(squares))
      }
      /// One line's raw, accepted and pure counts from its object in `label` (lines or hlt_lines).
      func lineCounts(_ object: [String: Any]?, _ label: String, _ name: String) throws -> LineCounts {
        guard let raw = weighted(object, "raw"), let accepted = weighted(object, "accepted"), let pure = weighted(object, "pure")
        else { throw fail("\(field).\(label).\(name)") }
        return LineCounts(raw: raw, accepted: accepted, pure: pure)
      }
      for (k, name) in lineNames.enumerated() { run.lines[k] = try lineCounts(lines[name], "lines", name) }
      guard let anyRaw = weighted(object["any_line"] as? [String: Any], "raw"), let anyAccepted = weighted(object["any_line"] as? [String: Any], "accepted")
      else { throw fail("\(field).any_line") }
      run.anyLine = LineCounts(raw: anyRaw, accepted: anyAccepted)
      let hltObject = object["hlt_lines"] as? [String: [String: Any]]
      for (k, name) in hltLineNames.enumerated() { run.hltLines[k] = try lineCounts(hltObject?[name], "hlt_lines", name) }
      guard let kept = weighted(object["hlt_kept"] as? [String: Any], "kept") else { throw fail("\(field).hlt_kept") }
      run.hltKept = kept
      /// The [line, line, value] entries of an overlap list, as pair indices and values.
      func pairs(_ label: String) throws -> [(pair: Int, value: Double)] {
        guard let entries = object[label] as? [[Any]] else { throw fail("\(field).\(label)") }
        return try entries.map { entry in
          guard entry.count == 3, let a = entry[0] as? String, let b = entry[1] as? String, let value = (entry[2] as? NSNumber)?.doubleValue,
            let i = lineNames.firstIndex(of: a), let j = lineNames.firstIndex(of: b), i < j
          else { throw fail("\(field).\(label)") }
          return (Run.pairIndex(i, j, lineCount: lineNames.count), value)
        }
      }
      for (pair, value) in try pairs("overlaps_raw") { run.rawOverlaps[pair] = Int(value) }
      for (pair, value) in try pairs("overlaps_accepted") { run.acceptedOverlaps[pair] = Int(value) }
      for (pair, value) in try pairs("overlaps_accepted_weight_sum") { run.acceptedOverlapWeightMicro[pair] = Self.micro(value) }
      runs.append(run)
    }
    self.init(
      provenance: provenance, bitNames: bitNames, lineNames: lineNames, prescales: prescales, runs: runs, hltLineNames: hltLineNames,
      hltKinds: hltKinds, hltPrescales: hltPrescales)
  }
}

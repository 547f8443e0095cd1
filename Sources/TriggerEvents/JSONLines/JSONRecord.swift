/// How one field of a record is written to and read from a JSON Lines event.
struct JSONField<Record>: Sendable {
  let name: String
  let write: @Sendable (Record, inout JSONText) -> Void
  let read: @Sendable (inout Record, inout JSONCursor) throws -> Void
  /// `"name":` as bytes, written before the value.
  let quotedName: [UInt8]

  init(
    name: String, write: @escaping @Sendable (Record, inout JSONText) -> Void,
    read: @escaping @Sendable (inout Record, inout JSONCursor) throws -> Void
  ) {
    self.name = name
    self.write = write
    self.read = read
    quotedName = Array("\"\(name)\":".utf8)
  }

  static func integer<T: FixedWidthInteger & SendableMetatype>(_ name: String, _ field: WritableKeyPath<Record, T> & Sendable) -> JSONField {
    JSONField(name: name, write: { $1.number($0[keyPath: field]) }, read: { $0[keyPath: field] = try $1.integer() })
  }

  static func float(_ name: String, _ field: WritableKeyPath<Record, Float> & Sendable) -> JSONField {
    JSONField(name: name, write: { $1.number($0[keyPath: field]) }, read: { $0[keyPath: field] = try $1.float() })
  }
}

/// A record kind with a JSON object form: its fields, in the order they are written
/// (docs/trg-format.md, "JSON Lines"). The one place that names each JSON key.
protocol JSONRecord {
  static var jsonFields: [JSONField<Self>] { get }
  /// A value to fill field by field while reading.
  static var jsonPlaceholder: Self { get }
}

extension JSONRecord {
  func writeJSON(_ text: inout JSONText) {
    text.bytes.append(UInt8(ascii: "{"))
    writeJSONFields(&text)
    text.bytes.append(UInt8(ascii: "}"))
  }

  /// The fields, comma-separated, without the enclosing braces (an event line continues with its arrays).
  func writeJSONFields(_ text: inout JSONText) {
    for (index, field) in Self.jsonFields.enumerated() {
      if index > 0 { text.bytes.append(UInt8(ascii: ",")) }
      text.bytes.append(contentsOf: field.quotedName)
      field.write(self, &text)
    }
  }

  /// Reads one object; `path` names it in errors (`cdc[3]`), built only when one occurs.
  static func readJSON(_ cursor: inout JSONCursor, path: () -> String) throws -> Self {
    var record = jsonPlaceholder
    var seen: UInt64 = 0
    let start = cursor.position
    try cursor.object { cursor, key in
      guard let index = jsonFields.firstIndex(where: { key == $0.name }) else {
        throw cursor.fail(
          "unknown field \"\(path()).\(key.string)\" (expected \(jsonFields.map(\.name).joined(separator: ", ")))",
          at: key.position)
      }
      guard seen & (1 << index) == 0 else { throw cursor.fail("field \"\(key.string)\" appears twice", at: key.position) }
      seen |= 1 << index
      do {
        try jsonFields[index].read(&record, &cursor)
      } catch let failure as JSONCursor.Failure {
        throw JSONCursor.Failure(column: failure.column, message: "field \"\(path()).\(key.string)\": \(failure.message)")
      }
    }
    if let missing = jsonFields.indices.first(where: { seen & (1 << $0) == 0 }) {
      throw cursor.fail("missing field \"\(path()).\(jsonFields[missing].name)\"", at: start)
    }
    return record
  }
}

extension CDCHit: JSONRecord {
  static let jsonFields: [JSONField<CDCHit>] = [
    .integer("layer", \.layer), .integer("wire", \.wire), .integer("tdc", \.tdc), .integer("adc", \.adc),
  ]
  static var jsonPlaceholder: CDCHit { CDCHit(layer: 0, wire: 0, tdc: 0, adc: 0) }
}

extension ECLTriggerCellHit: JSONRecord {
  static let jsonFields: [JSONField<ECLTriggerCellHit>] = [
    .integer("cellId", \.cellId), .float("energyGeV", \.energyGeV), .float("timeNs", \.timeNs),
  ]
  static var jsonPlaceholder: ECLTriggerCellHit { ECLTriggerCellHit(cellId: 0, energyGeV: 0, timeNs: 0) }
}

extension KLMHit: JSONRecord {
  static let jsonFields: [JSONField<KLMHit>] = [
    JSONField(
      name: "section", write: { $1.string($0.section.description) },
      read: { hit, cursor in
        let start = cursor.position
        let name = try cursor.string()
        guard let section = DetectorGeometry.KLM.Section(name: name) else {
          throw cursor.fail("\"\(name)\" is not barrel, forward or backward", at: start)
        }
        hit.section = section
      }),
    .integer("sector", \.sector), .integer("layer", \.layer), .integer("plane", \.plane), .float("timeNs", \.timeNs),
  ]
  static var jsonPlaceholder: KLMHit { KLMHit(section: .barrel, sector: 0, layer: 0, plane: 0, timeNs: 0) }
}

extension Track: JSONRecord {
  static let jsonFields: [JSONField<Track>] = [
    .integer("charge", \.charge), .integer("cdcHitCount", \.cdcHitCount), .float("pGeV", \.pGeV),
    .float("thetaRad", \.thetaRad), .float("phiRad", \.phiRad), .float("d0Cm", \.d0Cm), .float("z0Cm", \.z0Cm),
  ]
  static var jsonPlaceholder: Track { Track(charge: 0, cdcHitCount: 0, pGeV: 0, thetaRad: 0, phiRad: 0, d0Cm: 0, z0Cm: 0) }
}

extension ECLCluster: JSONRecord {
  static let jsonFields: [JSONField<ECLCluster>] = [
    .float("energyGeV", \.energyGeV), .float("thetaRad", \.thetaRad), .float("phiRad", \.phiRad), .float("timeNs", \.timeNs),
  ]
  static var jsonPlaceholder: ECLCluster { ECLCluster(energyGeV: 0, thetaRad: 0, phiRad: 0, timeNs: 0) }
}

extension MCParticle: JSONRecord {
  static let jsonFields: [JSONField<MCParticle>] = [
    .integer("pdg", \.pdg), .float("pxGeV", \.pxGeV), .float("pyGeV", \.pyGeV), .float("pzGeV", \.pzGeV),
    .float("energyGeV", \.energyGeV), .float("vxCm", \.vxCm), .float("vyCm", \.vyCm), .float("vzCm", \.vzCm),
  ]
  static var jsonPlaceholder: MCParticle { MCParticle(pdg: 0, pxGeV: 0, pyGeV: 0, pzGeV: 0, energyGeV: 0) }
}

extension EventHeader: JSONRecord {
  /// The header's fields lead each event line; the record arrays follow (`RecordKind.jsonKey`).
  static let jsonFields: [JSONField<EventHeader>] = [
    .integer("run", \.run), .integer("event", \.eventNumber), .integer("experiment", \.experiment),
    JSONField(
      name: "process", write: { $1.string($0.process.name) },
      read: { header, cursor in
        let start = cursor.position
        let name = try cursor.string()
        guard let tag = ProcessTag(name: name) else {
          throw cursor.fail("\"\(name)\" is unknown (known: \(ProcessTag.known.map(\.name).joined(separator: ", ")))", at: start)
        }
        header.process = tag
      }),
    JSONField(name: "weight", write: { $1.number($0.weight) }, read: { $0.weight = try $1.double() }),
  ]
  static var jsonPlaceholder: EventHeader { EventHeader(experiment: 0, run: 0, eventNumber: 0, process: .data) }
}

/// Writes events as JSON Lines (docs/trg-format.md, "JSON Lines"), atomically.
///
/// Line 1 is the stream header, then one event per line, then an end line counting the events,
/// so a file cut short at a line boundary is still noticed. Numbers are written in their
/// shortest exact form, so converting back to `.trg` gives the same bytes.
public final class JSONLinesWriter: EventSink {
  public let path: String
  public private(set) var eventCount = 0
  private let output: AtomicOutputFile
  private var text = JSONText()
  private var finished = false

  public init(path: String, streamInfo: StreamInfo = StreamInfo()) throws {
    self.path = path
    output = try AtomicOutputFile(path: path)
    text.raw("{\"format\":\"\(JSONLinesFormat.formatName)\",\"version\":\(JSONLinesFormat.version),\"chunkCapacityBytes\":")
    text.number(streamInfo.chunkCapacityBytes)
    text.raw(",\"metadata\":")
    text.stringObject(streamInfo.metadata)
    text.raw("}\n")
  }

  /// Validates one event and writes it as one line.
  public func append(_ event: EventView) throws {
    precondition(!finished, "JSONLinesWriter.append after finish()")
    if let (kind, index, problem) = event.firstProblem {
      throw EventStreamError(
        path: path, location: .line(eventCount + 2),
        message: "refusing to write run \(event.header.run) event \(event.header.eventNumber): \(index.map { "\(kind) #\($0)" } ?? "\(kind)"): \(problem)")
    }
    let h = event.header
    text.raw("{\"run\":"); text.number(h.run)
    text.raw(",\"event\":"); text.number(h.eventNumber)
    text.raw(",\"experiment\":"); text.number(h.experiment)
    text.raw(",\"process\":"); text.string(h.process.name)
    text.raw(",\"weight\":"); text.number(h.weight)
    array("cdc", event.cdcHits) { t, r in
      t.raw("{\"layer\":"); t.number(r.layer); t.raw(",\"wire\":"); t.number(r.wire)
      t.raw(",\"tdc\":"); t.number(r.tdc); t.raw(",\"adc\":"); t.number(r.adc); t.raw("}")
    }
    array("ecl", event.eclHits) { t, r in
      t.raw("{\"cellId\":"); t.number(r.cellId); t.raw(",\"energyGeV\":"); t.number(r.energyGeV)
      t.raw(",\"timeNs\":"); t.number(r.timeNs); t.raw("}")
    }
    array("klm", event.klmHits) { t, r in
      t.raw("{\"section\":"); t.string(r.section.description); t.raw(",\"sector\":"); t.number(r.sector)
      t.raw(",\"layer\":"); t.number(r.layer); t.raw(",\"plane\":"); t.number(r.plane)
      t.raw(",\"timeNs\":"); t.number(r.timeNs); t.raw("}")
    }
    array("tracks", event.tracks) { t, r in
      t.raw("{\"charge\":"); t.number(r.charge); t.raw(",\"cdcHitCount\":"); t.number(r.cdcHitCount)
      t.raw(",\"pGeV\":"); t.number(r.pGeV); t.raw(",\"thetaRad\":"); t.number(r.thetaRad)
      t.raw(",\"phiRad\":"); t.number(r.phiRad); t.raw(",\"d0Cm\":"); t.number(r.d0Cm)
      t.raw(",\"z0Cm\":"); t.number(r.z0Cm); t.raw("}")
    }
    array("clusters", event.clusters) { t, r in
      t.raw("{\"energyGeV\":"); t.number(r.energyGeV); t.raw(",\"thetaRad\":"); t.number(r.thetaRad)
      t.raw(",\"phiRad\":"); t.number(r.phiRad); t.raw(",\"timeNs\":"); t.number(r.timeNs); t.raw("}")
    }
    array("mc", event.mcParticles) { t, r in
      t.raw("{\"pdg\":"); t.number(r.pdg)
      t.raw(",\"pxGeV\":"); t.number(r.pxGeV); t.raw(",\"pyGeV\":"); t.number(r.pyGeV)
      t.raw(",\"pzGeV\":"); t.number(r.pzGeV); t.raw(",\"energyGeV\":"); t.number(r.energyGeV)
      t.raw(",\"vxCm\":"); t.number(r.vxCm); t.raw(",\"vyCm\":"); t.number(r.vyCm)
      t.raw(",\"vzCm\":"); t.number(r.vzCm); t.raw("}")
    }
    text.raw("}\n")
    eventCount += 1
    if text.bytes.count >= 1 << 20 { try drain() }
  }

  /// Writes the end line and moves the file into place.
  public func finish() throws {
    guard !finished else { return }
    text.raw("{\"end\":{\"events\":"); text.number(eventCount); text.raw("}}\n")
    try drain()
    try output.commit()
    finished = true
  }

  private func array<C: Collection>(_ key: String, _ records: C, _ write: (inout JSONText, C.Element) -> Void) {
    text.raw(",\""); text.raw(key); text.raw("\":[")
    var first = true
    for record in records {
      if !first { text.raw(",") }
      first = false
      write(&text, record)
    }
    text.raw("]")
  }

  private func drain() throws {
    try output.write(text.bytes)
    text.bytes.removeAll(keepingCapacity: true)
  }
}

/// Names and version of the JSON Lines event format.
enum JSONLinesFormat {
  static let formatName = "trigemu-events"
  static let version = 1
}

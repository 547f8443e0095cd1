import TriggerSupport
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
    text.bytes += try JSONDocument.encoded(streamInfo.metadata, layout: .compact)
    text.raw("}\n")
  }

  /// Validates one event and writes it as one line.
  public func append(_ event: EventView) throws {
    precondition(!finished, "JSONLinesWriter.append after finish()")
    if let (kind, index, problem) = event.firstProblem {
      throw LocatedError(
        file: path, place: .line(eventCount + 2),
        message: "refusing to write run \(event.header.run) event \(event.header.eventNumber): \(index.map { "\(kind) #\($0)" } ?? "\(kind)"): \(problem)")
    }
    // The header's fields, then one array per record kind, in column order.
    text.raw("{")
    event.header.writeJSONFields(&text)
    array(.cdcHit, event.cdcHits)
    array(.eclHit, event.eclHits)
    array(.klmHit, event.klmHits)
    array(.track, event.tracks)
    array(.cluster, event.clusters)
    array(.mcParticle, event.mcParticles)
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

  private func array<R: JSONRecord>(_ kind: RecordKind, _ records: ArraySlice<R>) {
    text.raw(",\"\(kind.jsonKey)\":[")
    for (index, record) in records.enumerated() {
      if index > 0 { text.raw(",") }
      record.writeJSON(&text)
    }
    text.raw("]")
  }

  private func drain() throws {
    try output.write(text.bytes)
    text.bytes.removeAll(keepingCapacity: true)
  }
}

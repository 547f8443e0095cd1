import TriggerSupport
/// Writes events to a `.trg` file, chunk by chunk, atomically.
///
/// Events are validated as they are appended; they are grouped into chunks of one run each,
/// a new chunk starting when the run changes or the payload would pass `chunkCapacityBytes`.
/// Memory stays at about one chunk. Nothing appears at `path` until `finish()` succeeds; a
/// writer dropped without `finish()` leaves any earlier file at `path` as it was.
public final class TRGWriter {
  public let path: String
  public let chunkCapacityBytes: Int
  /// Events and chunks written so far (including the chunk still being filled).
  public private(set) var eventCount = 0
  public private(set) var chunkCount = 0

  private let output: AtomicOutputFile
  private var pending = PendingChunk()
  private var buffer: [UInt8] = []
  private var finished = false

  /// Opens the writer and writes the file header.
  ///
  /// - Parameters:
  ///   - metadata: free-form string pairs stored in the file header (generator, seed, run list…).
  ///   - chunkCapacityBytes: payload size at which a new chunk starts, within
  ///     `TRGFormat.chunkCapacityRange`.
  public init(path: String, metadata: [String: String] = [:], chunkCapacityBytes: Int = TRGFormat.defaultChunkCapacityBytes) throws {
    guard TRGFormat.chunkCapacityRange.contains(chunkCapacityBytes) else {
      throw LocatedError(
        file: path, place: .wholeFile,
        message: "chunk capacity \(chunkCapacityBytes) bytes is outside \(TRGFormat.chunkCapacityRange.lowerBound)–\(TRGFormat.chunkCapacityRange.upperBound)")
    }
    self.path = path
    self.chunkCapacityBytes = chunkCapacityBytes
    output = try AtomicOutputFile(path: path)

    let metadataJSON = try JSONDocument.encoded(metadata, layout: .compact)
    try output.write(TRGFormat.fileHeader(magic: TRGFormat.magic, version: TRGFormat.version, field: UInt32(chunkCapacityBytes), metadata: metadataJSON))
  }

  /// Validates one event and adds it to the current chunk, writing the chunk out when full.
  ///
  /// Throws, naming the event and record, if any record is out of range; nothing is written then.
  public func append(_ event: EventView) throws {
    precondition(!finished, "TRGWriter.append after finish()")
    if let (kind, index, problem) = event.firstProblem {
      let record = index.map { "\(kind) #\($0)" } ?? "\(kind)"
      throw LocatedError(
        file: path, place: .wholeFile,
        message: "refusing to write run \(event.header.run) event \(event.header.eventNumber): \(record): \(problem)")
    }
    let largest = max(
      event.cdcHits.count, event.eclHits.count, event.klmHits.count, event.tracks.count, event.clusters.count,
      event.mcParticles.count)
    if largest > EncodedEventHeader.maxRecordsPerKind {
      let counts: [(RecordKind, Int)] = [
        (.cdcHit, event.cdcHits.count), (.eclHit, event.eclHits.count), (.klmHit, event.klmHits.count),
        (.track, event.tracks.count), (.cluster, event.clusters.count), (.mcParticle, event.mcParticles.count),
      ]
      let (kind, count) = counts.first { $0.1 == largest }!
      throw LocatedError(
        file: path, place: .wholeFile,
        message: "run \(event.header.run) event \(event.header.eventNumber) has \(count) \(kind)s; the format holds at most \(EncodedEventHeader.maxRecordsPerKind) per event")
    }
    let eventBytes = EncodedEventHeader.byteCount + event.recordBytes
    if pending.eventCount > 0 && (event.header.run != pending.run || pending.payloadBytes + eventBytes > chunkCapacityBytes) {
      try flush()
    }
    if pending.eventCount == 0 { chunkCount += 1 }
    pending.append(event)
    eventCount += 1
  }

  /// Writes the last chunk and the end-of-stream marker, then moves the file into place.
  public func finish() throws {
    guard !finished else { return }
    try flush()
    var block = [UInt8](repeating: 0, count: TRGFormat.blockBytes)
    block.withUnsafeMutableBytes { EndOfStream(chunkCount: chunkCount, eventCount: eventCount).encode(to: $0.baseAddress!) }
    try output.write(block)
    try output.commit()
    finished = true
  }

  private func flush() throws {
    guard pending.eventCount > 0 else { return }
    pending.assemble(into: &buffer)
    try output.write(buffer)
    pending.removeAll()
  }
}

extension EventView {
  /// Bytes of this event's records in the `.trg` payload, without its header.
  var recordBytes: Int {
    cdcHits.count * CDCHit.byteCount + eclHits.count * ECLTriggerCellHit.byteCount + klmHits.count * KLMHit.byteCount
      + tracks.count * Track.byteCount + clusters.count * ECLCluster.byteCount + mcParticles.count * MCParticle.byteCount
  }

  /// Bytes this event takes in a `.trg` payload: its 32-byte header and its records.
  public var encodedBytes: Int { EncodedEventHeader.byteCount + recordBytes }
}

/// The columns of the chunk being filled, encoded as they arrive.
private struct PendingChunk {
  var run: UInt32 = 0
  var eventCount = 0
  var columns: [[UInt8]] = Array(repeating: [], count: RecordKind.allCases.count)

  var payloadBytes: Int { columns.reduce(0) { $0 + $1.count } }

  mutating func append(_ event: EventView) {
    run = event.header.run
    eventCount += 1
    let counts = (event.cdcHits.count, event.eclHits.count, event.klmHits.count, event.tracks.count,
                  event.clusters.count, event.mcParticles.count)
    Self.append(EncodedEventHeader.byteCount, to: &columns[RecordKind.header.rawValue]) {
      EncodedEventHeader(header: event.header, counts: counts).encodeLittleEndian(to: $0)
    }
    Self.append(event.cdcHits, to: &columns[RecordKind.cdcHit.rawValue])
    Self.append(event.eclHits, to: &columns[RecordKind.eclHit.rawValue])
    Self.append(event.klmHits, to: &columns[RecordKind.klmHit.rawValue])
    Self.append(event.tracks, to: &columns[RecordKind.track.rawValue])
    Self.append(event.clusters, to: &columns[RecordKind.cluster.rawValue])
    Self.append(event.mcParticles, to: &columns[RecordKind.mcParticle.rawValue])
  }

  private static func append<R: BinaryRecord>(_ records: ArraySlice<R>, to column: inout [UInt8]) {
    guard !records.isEmpty else { return }
    append(records.count * R.byteCount, to: &column) { p in
      for (offset, record) in records.enumerated() { record.encodeLittleEndian(to: p + offset * R.byteCount) }
    }
  }

  private static func append(_ count: Int, to column: inout [UInt8], _ encode: (UnsafeMutableRawPointer) -> Void) {
    let start = column.count
    column.append(contentsOf: repeatElement(0, count: count))
    column.withUnsafeMutableBytes { encode($0.baseAddress! + start) }
  }

  /// Chunk header followed by the payload, in `buffer` (reused).
  func assemble(into buffer: inout [UInt8]) {
    buffer.removeAll(keepingCapacity: true)
    buffer.append(contentsOf: repeatElement(0, count: TRGFormat.blockBytes))
    var crc: UInt32 = 0
    for column in columns {
      buffer.append(contentsOf: column)
      crc = column.withUnsafeBytes { TRGFormat.crc32c($0, continuing: crc) }
    }
    let header = ChunkHeader(run: run, eventCount: eventCount, payloadBytes: payloadBytes, payloadCRC: crc)
    buffer.withUnsafeMutableBytes { header.encode(to: $0.baseAddress!) }
  }

  mutating func removeAll() {
    eventCount = 0
    for index in columns.indices { columns[index].removeAll(keepingCapacity: true) }
  }
}

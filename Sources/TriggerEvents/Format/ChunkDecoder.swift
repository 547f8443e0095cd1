/// Checksums, decodes and checks one chunk payload (event headers, then one column per record
/// kind) in a single pass: each piece of at most `pieceBytes` is checksummed and then decoded
/// while it is still in the L1 cache, so the payload is read from memory once.
enum ChunkDecoder {
  /// Bytes checksummed and decoded together (a multiple of every record size: 8, 12, 16, 24, 32).
  static let pieceBytes = 96 * 256

  /// Fills `chunk` from `payload`; on a problem returns its byte offset within the payload and
  /// a message naming the event and record. A checksum mismatch is reported in preference to
  /// any record problem of the same chunk.
  static func decode(_ payload: UnsafeRawBufferPointer, header: ChunkHeader, into chunk: inout EventChunk)
    -> (offset: Int, message: String)?
  {
    var crc: UInt32 = 0
    var checked = 0  // payload bytes checksummed so far
    func checksum(upTo end: Int) {
      guard end > checked else { return }
      crc = TRGFormat.crc32c(UnsafeRawBufferPointer(rebasing: payload[checked..<end]), continuing: crc)
      checked = end
    }
    /// The checksum error if the payload is damaged, else `problem`.
    func report(_ problem: (offset: Int, message: String)?) -> (offset: Int, message: String)? {
      checksum(upTo: payload.count)
      guard crc == header.payloadCRC else {
        return (0, "payload checksum mismatch: stored CRC-32C \(hex32(header.payloadCRC)), computed \(hex32(crc)) over \(payload.count) bytes")
      }
      return problem
    }
    return report(decodeColumns(payload, header: header, into: &chunk, checksum: checksum))
  }

  private static func decodeColumns(
    _ payload: UnsafeRawBufferPointer, header: ChunkHeader, into chunk: inout EventChunk, checksum: (Int) -> Void
  ) -> (offset: Int, message: String)? {
    chunk.run = header.run
    let base = payload.baseAddress!
    let headerBytes = header.eventCount * EncodedEventHeader.byteCount
    guard header.eventCount > 0, headerBytes <= payload.count else {
      return (0, "\(header.eventCount) events announced, but \(header.eventCount == 0 ? "a chunk holds at least one" : "their headers alone need \(headerBytes) of the \(payload.count) payload bytes")")
    }
    checksum(headerBytes)
    let events = header.eventCount
    Self.resize(&chunk.headers, to: events, filling: EventHeader(experiment: 0, run: 0, eventNumber: 0, process: .data))
    Self.resize(&chunk.starts, to: events + 1, filling: RecordStarts())
    var next = RecordStarts()
    var recordBytes = 0
    let failure = chunk.headers.withUnsafeMutableBufferPointer { headers in
      chunk.starts.withUnsafeMutableBufferPointer { starts -> (offset: Int, message: String)? in
        for index in 0..<events {
          let encoded = EncodedEventHeader(littleEndian: base + index &* EncodedEventHeader.byteCount)
          let fields = encoded.header
          guard fields.isWellFormed, fields.run == header.run else {
            let event = "event #\(index + 1) of the chunk (run \(fields.run) event \(fields.eventNumber))"
            if let problem = fields.problem { return (index * EncodedEventHeader.byteCount, "\(event): \(problem)") }
            return (index * EncodedEventHeader.byteCount, "\(event) is in a chunk of run \(header.run)")
          }
          headers[index] = fields
          starts[index] = next
          next.cdc &+= encoded.counts.cdc
          next.ecl &+= encoded.counts.ecl
          next.klm &+= encoded.counts.klm
          next.track &+= encoded.counts.track
          next.cluster &+= encoded.counts.cluster
          next.mc &+= encoded.counts.mc
          recordBytes &+= encoded.recordBytes
        }
        starts[events] = next
        return nil
      }
    }
    if let failure { return failure }
    guard headerBytes + recordBytes == payload.count else {
      return (0, "the event headers account for \(headerBytes + recordBytes) payload bytes, but the payload holds \(payload.count)")
    }

    var columnOffset = headerBytes
    func column<R: BinaryRecord>(
      _ kind: RecordKind, _ count: Int, _ array: WritableKeyPath<EventChunk, [R]>, _ start: KeyPath<RecordStarts, Int>
    ) -> (offset: Int, message: String)? {
      defer { columnOffset += count * R.byteCount }
      guard
        let (index, problem) = decodeColumn(
          base + columnOffset, count: count, into: &chunk[keyPath: array],
          checksum: { records in checksum(columnOffset + records * R.byteCount) })
      else {
        return nil
      }
      // Find the event that owns record `index` (only on the failure path).
      let event = (0..<chunk.count).last { chunk.starts[$0][keyPath: start] <= index } ?? 0
      let header = chunk.headers[event]
      let within = index - chunk.starts[event][keyPath: start]
      return (
        columnOffset + index * R.byteCount,
        "run \(header.run) event \(header.eventNumber) (#\(event + 1) of the chunk), \(kind) #\(within): \(problem)"
      )
    }
    return column(.cdcHit, next.cdc, \.cdcHits, \.cdc)
      ?? column(.eclHit, next.ecl, \.eclHits, \.ecl)
      ?? column(.klmHit, next.klm, \.klmHits, \.klm)
      ?? column(.track, next.track, \.tracks, \.track)
      ?? column(.cluster, next.cluster, \.clusters, \.cluster)
      ?? column(.mcParticle, next.mc, \.mcParticles, \.mc)
  }

  /// Sets `array`'s count, reusing its storage (chunks are alike, so this rarely touches memory).
  @inline(__always)
  private static func resize<T>(_ array: inout [T], to count: Int, filling filler: @autoclosure () -> T) {
    if array.count > count {
      array.removeLast(array.count - count)
    } else if array.count < count {
      array.append(contentsOf: repeatElement(filler(), count: count - array.count))
    }
  }

  /// Decodes and checks the `count` encoded records at `base` into `array`, reusing its storage,
  /// piece by piece after `checksum(recordsSoFar)`; returns the first bad record's index and
  /// problem when there is one.
  @inline(__always)
  private static func decodeColumn<R: BinaryRecord>(
    _ base: UnsafeRawPointer, count: Int, into array: inout [R], checksum: (Int) -> Void
  ) -> (index: Int, problem: RecordProblem)? {
    resize(&array, to: count, filling: R(littleEndian: base))
    let piece = pieceBytes / R.byteCount
    let bad = array.withUnsafeMutableBufferPointer { records -> Int? in
      var start = 0
      while start < count {
        let end = min(start + piece, count)
        checksum(end)
        let slice = UnsafeMutableBufferPointer(rebasing: records[start..<end])
        if let bad = R.decodeColumn(encoded: base + start * R.byteCount, into: slice) { return start + bad }
        start = end
      }
      return nil
    }
    guard let bad else { return nil }
    return (bad, R.describeProblem(encoded: base + bad * R.byteCount))
  }
}

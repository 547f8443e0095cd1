/// Decodes and checks one chunk payload (event headers, then one column per record kind).
enum ChunkDecoder {
  /// Fills `chunk` from `payload`; on a problem returns its byte offset within the payload and
  /// a message naming the event and record.
  static func decode(_ payload: UnsafeRawBufferPointer, header: ChunkHeader, into chunk: inout EventChunk)
    -> (offset: Int, message: String)?
  {
    chunk.removeAllEvents()
    chunk.run = header.run
    let base = payload.baseAddress!
    let headerBytes = header.eventCount * EncodedEventHeader.byteCount
    guard header.eventCount > 0, headerBytes <= payload.count else {
      return (0, "\(header.eventCount) events announced, but \(header.eventCount == 0 ? "a chunk holds at least one" : "their headers alone need \(headerBytes) of the \(payload.count) payload bytes")")
    }
    chunk.headers.reserveCapacity(header.eventCount)
    chunk.starts.reserveCapacity(header.eventCount + 1)
    var next = RecordStarts()
    var recordBytes = 0
    for index in 0..<header.eventCount {
      let encoded = EncodedEventHeader(littleEndian: base + index * EncodedEventHeader.byteCount)
      func event() -> String {
        "event #\(index + 1) of the chunk (run \(encoded.header.run) event \(encoded.header.eventNumber))"
      }
      if let problem = encoded.header.problem {
        return (index * EncodedEventHeader.byteCount, "\(event()): \(problem)")
      }
      guard encoded.header.run == header.run else {
        return (index * EncodedEventHeader.byteCount, "\(event()) is in a chunk of run \(header.run)")
      }
      chunk.headers.append(encoded.header)
      chunk.starts.append(next)
      next.cdc += encoded.counts.cdc
      next.ecl += encoded.counts.ecl
      next.klm += encoded.counts.klm
      next.track += encoded.counts.track
      next.cluster += encoded.counts.cluster
      next.mc += encoded.counts.mc
      recordBytes += encoded.recordBytes
    }
    chunk.starts.append(next)
    guard headerBytes + recordBytes == payload.count else {
      return (0, "the event headers account for \(headerBytes + recordBytes) payload bytes, but the payload holds \(payload.count)")
    }

    var columnOffset = headerBytes
    func column<R: BinaryRecord>(
      _ kind: RecordKind, _ count: Int, _ array: WritableKeyPath<EventChunk, [R]>, _ start: KeyPath<RecordStarts, Int>
    ) -> (offset: Int, message: String)? {
      defer { columnOffset += count * R.byteCount }
      guard let (index, problem) = decodeColumn(base + columnOffset, count: count, into: &chunk[keyPath: array]) else {
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

  /// Decodes and checks the `count` encoded records at `base` into `array`, reusing its storage;
  /// returns the first bad record's index and problem when there is one.
  @inline(__always)
  private static func decodeColumn<R: BinaryRecord>(_ base: UnsafeRawPointer, count: Int, into array: inout [R])
    -> (index: Int, problem: RecordProblem)?
  {
    // Resize rather than empty and refill: chunks are alike, so this rarely touches memory.
    if array.count > count {
      array.removeLast(array.count - count)
    } else if array.count < count {
      array.append(contentsOf: repeatElement(R(littleEndian: base), count: count - array.count))
    }
    guard count > 0, let bad = array.withUnsafeMutableBufferPointer({ R.decodeColumn(encoded: base, into: $0) }) else {
      return nil
    }
    return (bad, R.describeProblem(encoded: base + bad * R.byteCount))
  }
}

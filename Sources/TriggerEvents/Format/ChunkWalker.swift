import TriggerSupport
/// Walks a `.trg` file from chunk header to chunk header, handing out one claim at a time.
///
/// The walk is the only sequential part of reading: it reads 32-byte blocks, so it is cheap,
/// and the payloads it points to can be read and decoded on other threads. With `skipCorrupt`
/// a damaged header is skipped by scanning forward to the next intact block. Not thread-safe:
/// callers serialize `claim()`.
final class ChunkWalker {
  /// The next piece of the stream.
  enum Claim {
    /// An intact chunk header: `number` counts chunks from 1.
    case chunk(number: Int, payloadOffset: Int, header: ChunkHeader)
    /// A damaged or missing piece; `isChunk` when it counts as a skipped chunk, `events` when
    /// its event count is known, `endsStream` when nothing can be read after it.
    case damaged(LocatedError, isChunk: Bool, events: Int?, endsStream: Bool)
    /// The end-of-stream marker at `offset`.
    case end(EndOfStream, offset: Int)
  }

  private let file: ReadOnlyFile
  private let maxPayloadBytes: Int
  private let skipCorrupt: Bool
  private let buffer = ReadBuffer()
  private var offset: Int
  private var chunkNumber = 0
  private var exhausted = false

  init(file: ReadOnlyFile, start: Int, maxPayloadBytes: Int, skipCorrupt: Bool) {
    self.file = file
    offset = start
    self.maxPayloadBytes = maxPayloadBytes
    self.skipCorrupt = skipCorrupt
  }

  /// The next claim, or nil once the stream has ended.
  func claim() -> Claim? {
    guard !exhausted else { return nil }
    let blockOffset = offset
    func damaged(_ at: Int, _ message: String, isChunk: Bool, events: Int? = nil, endsStream: Bool) -> Claim {
      if endsStream || !skipCorrupt { exhausted = true }
      return .damaged(
        LocatedError(file: file.path, place: .byteOffset(at), message: message),
        isChunk: isChunk, events: events, endsStream: endsStream)
    }
    guard file.size - blockOffset >= TRGFormat.blockBytes else {
      let message =
        blockOffset == file.size
        ? "the file ends without the end-of-stream marker after \(chunkNumber) chunks (was it cut short or never finished?)"
        : "truncated: \(file.size - blockOffset) bytes are left where a 32-byte chunk header or end-of-stream marker must be"
      return damaged(blockOffset, message, isChunk: false, endsStream: true)
    }
    do {
      try file.read(TRGFormat.blockBytes, at: blockOffset, into: buffer)
    } catch {
      exhausted = true
      return .damaged(error as! LocatedError, isChunk: false, events: nil, endsStream: true)
    }
    switch StreamBlock.decode(buffer.pointer) {
    case .failure(let problem):
      chunkNumber += 1
      if skipCorrupt { resynchronize(after: blockOffset) }
      return damaged(blockOffset, "chunk \(chunkNumber): \(problem)", isChunk: true, endsStream: false)
    case .success(.end(let end)):
      exhausted = true
      return .end(end, offset: blockOffset)
    case .success(.chunk(let header)):
      chunkNumber += 1
      let payloadOffset = blockOffset + TRGFormat.blockBytes
      let name = "chunk \(chunkNumber) (run \(header.run))"
      guard header.payloadBytes <= maxPayloadBytes else {
        if skipCorrupt { resynchronize(after: blockOffset) }
        return damaged(
          blockOffset + 12, "\(name) announces \(header.payloadBytes) payload bytes, more than the file's chunk capacity allows",
          isChunk: true, events: header.eventCount, endsStream: false)
      }
      guard payloadOffset + header.payloadBytes <= file.size else {
        return damaged(
          payloadOffset,
          "\(name) is truncated: its header announces \(header.payloadBytes) payload bytes, the file ends after \(file.size - payloadOffset)",
          isChunk: true, events: header.eventCount, endsStream: true)
      }
      offset = payloadOffset + header.payloadBytes
      return .chunk(number: chunkNumber, payloadOffset: payloadOffset, header: header)
    }
  }

  /// Moves to the next intact chunk header or end marker after a damaged block (or to the end).
  private func resynchronize(after damagedOffset: Int) {
    let window = 1 << 20
    var start = damagedOffset + 1
    while file.size - start >= TRGFormat.blockBytes {
      let length = min(window + TRGFormat.blockBytes, file.size - start)
      guard (try? file.read(length, at: start, into: buffer)) != nil else { break }
      for position in 0...(length - TRGFormat.blockBytes) {
        let candidate = buffer.pointer + position
        let magic: UInt32 = candidate.le(0)
        guard magic == TRGFormat.chunkMagic || magic == TRGFormat.endMagic, case .success = StreamBlock.decode(candidate) else {
          continue
        }
        offset = start + position
        return
      }
      start += length - TRGFormat.blockBytes + 1
    }
    offset = file.size
  }
}

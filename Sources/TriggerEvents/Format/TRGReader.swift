import Foundation
import TriggerSupport
/// Reads a `.trg` file chunk by chunk, through a read-only mapping (or `pread(2)` where the file
/// cannot be mapped), decoding into reused arrays.
///
/// Memory stays flat whatever the file size: decoded chunks are reused, and mapped pages are
/// released every `releaseStepBytes` (README, "Performance": 29 MB resident reading 1 GB).
/// Every chunk's checksums, layout and records are checked before any of its events is handed
/// out; a problem throws an
/// `LocatedError` naming the byte offset, unless `skipCorrupt` is set, in which case the
/// damaged chunk is skipped, counted in `skipReport`, and reading goes on at the next intact
/// chunk. Chunks are always delivered in file order, whatever the number of threads.
public final class TRGReader: EventSource, @unchecked Sendable {
  public let path: String
  public let streamInfo: StreamInfo
  public let skipCorrupt: Bool
  /// Chunks and events skipped so far (only with `skipCorrupt`).
  public private(set) var skipReport = SkipReport()
  /// Intact chunks and events delivered so far.
  public private(set) var chunksRead = 0
  public private(set) var eventsRead = 0

  private let file: ReadOnlyFile
  private let walker: ChunkWalker
  /// Where the first chunk starts, and the largest payload a chunk may announce.
  private let streamStart: Int
  private let maxPayloadBytes: Int
  private let scratch = ReadBuffer()
  private var chunk = EventChunk()
  private var finished = false
  private var releasedUpTo = 0
  /// The SHA-256 of the bytes before `hashedUpTo`, taken as chunks pass in file order (when
  /// the reader was opened with `hashing`).
  private var hasher: SHA256?
  private var hashedUpTo = 0
  /// The finished digest, once `sha256Hex()` has been asked for it.
  private var digest: String?
  /// The bytes being hashed, where the file cannot be mapped.
  private lazy var hashBuffer = ReadBuffer()
  /// Mapped bytes kept resident at most before they are released (see `ReadOnlyFile.release`).
  private static let releaseStepBytes = 8 << 20

  /// Opens the file and checks its header. With `hashing`, the reader hashes the file's bytes
  /// as the chunks pass in file order, on the thread that delivers them, for `sha256Hex()`.
  public init(path: String, skipCorrupt: Bool = false, hashing: Bool = false) throws {
    self.path = path
    self.skipCorrupt = skipCorrupt
    hasher = hashing ? SHA256() : nil
    file = try ReadOnlyFile(path: path)
    let (info, metadataBytes) = try Self.readFileHeader(file)
    streamInfo = info
    streamStart = TRGFormat.fileHeaderBytes + metadataBytes
    maxPayloadBytes = info.chunkCapacityBytes + TRGFormat.maxEventBytes
    walker = ChunkWalker(file: file, start: streamStart, maxPayloadBytes: maxPayloadBytes, skipCorrupt: skipCorrupt)
  }

  /// The number of events the chunk headers announce, from a walk over the 32-byte headers
  /// alone (no payload is read): for progress bars. Nil when a header is damaged; reading then
  /// reports the damage where it is.
  public func announcedEventCount() -> Int? {
    let headers = ChunkWalker(file: file, start: streamStart, maxPayloadBytes: maxPayloadBytes, skipCorrupt: false)
    var total = 0
    while let claim = headers.claim() {
      switch claim {
      case .chunk(_, _, let header): total += header.eventCount
      case .damaged: return nil
      case .end: return total
      }
    }
    return total
  }

  /// The events several readers announce together, or nil when one cannot tell.
  public static func announcedEventCount(of readers: [TRGReader]) -> Int? {
    readers.reduce(0 as Int?) { total, reader in total.flatMap { total in reader.announcedEventCount().map { total + $0 } } }
  }

  /// Decodes the next chunk into `chunk`, reusing its arrays; false at the end of the stream.
  public func nextChunk(into chunk: inout EventChunk) throws -> Bool {
    while !finished, let claim = walker.claim() {
      let outcome = Self.decode(claim, file: file, scratch: scratch, into: &chunk)
      if try apply(outcome) { return true }
    }
    return false
  }

  /// Calls `body` with every event of the stream, in file order.
  public func forEachEvent(_ body: (EventView) throws -> Void) throws {
    while try nextChunk(into: &chunk) {
      for index in 0..<chunk.count { try body(chunk.event(at: index)) }
    }
  }

  /// Calls `body` with every chunk in file order, on the calling thread, while `threads` worker
  /// threads read, check and decode the chunks ahead of it (each with its own buffers).
  ///
  /// Results, errors and the skip report are exactly those of the sequential reader.
  public func forEachChunk(threads: Int, _ body: (EventChunk) throws -> Void) throws {
    try forEachChunk(threads: threads, process: { _, _ in () }) { chunk, _ in try body(chunk) }
  }

  /// Like `forEachChunk(threads:_:)`, with a `process` step that runs on each chunk in the
  /// thread that decoded it, in parallel; `body` gets each chunk with its result, in file order.
  ///
  /// `process` gets the thread's slot (0 ..< `threads`), so it can keep per-thread state (one
  /// trigger processor per slot) without locks. With the same inputs, `body` sees exactly the
  /// same sequence whatever `threads` is.
  public func forEachChunk<Result>(
    threads: Int, process: @escaping @Sendable (EventChunk, Int) -> Result, _ body: (EventChunk, Result) throws -> Void
  ) throws {
    guard threads > 1 else {
      while try nextChunk(into: &chunk) { try body(chunk, process(chunk, 0)) }
      return
    }
    let pipeline = OrderedChunkPipeline(walker: walker, file: file, threads: threads, process: { process($0, $1) })
    defer { pipeline.stop() }
    while let (outcome, decoded, result) = pipeline.next() {
      if try apply(outcome) { try body(decoded, result as! Result) }
      pipeline.recycle(decoded)
    }
  }

  // MARK: Claims and outcomes

  /// What became of one claim, in the order the walker made the claims.
  enum Outcome {
    case decoded(events: Int, endOffset: Int)
    /// A damaged or missing part; `chunk` tells whether it counts as a skipped chunk, `events`
    /// how many events it held (nil when unknown).
    case damaged(LocatedError, chunk: Bool, events: Int?, endsStream: Bool)
    case end(EndOfStream, offset: Int)
  }

  /// Reads, checks and decodes one claimed chunk (safe to run on several threads at once).
  static func decode(_ claim: ChunkWalker.Claim, file: ReadOnlyFile, scratch: ReadBuffer, into chunk: inout EventChunk) -> Outcome {
    switch claim {
    case .damaged(let error, let isChunk, let events, let endsStream):
      return .damaged(error, chunk: isChunk, events: events, endsStream: endsStream)
    case .end(let end, let offset):
      return .end(end, offset: offset)
    case .chunk(let number, let payloadOffset, let header):
      func damaged(_ offset: Int, _ message: String) -> Outcome {
        .damaged(
          LocatedError(file: file.path, place: .byteOffset(offset), message: "chunk \(number) (run \(header.run)): \(message)"),
          chunk: true, events: header.eventCount, endsStream: false)
      }
      let payload: UnsafeRawBufferPointer
      do {
        payload = try file.bytes(header.payloadBytes, at: payloadOffset, using: scratch)
      } catch let error as LocatedError {
        return .damaged(error, chunk: true, events: header.eventCount, endsStream: false)
      } catch {
        return damaged(payloadOffset, "\(error)")
      }
      if let (problemOffset, message) = ChunkDecoder.decode(payload, header: header, into: &chunk) {
        return damaged(payloadOffset + problemOffset, message)
      }
      return .decoded(events: chunk.count, endOffset: payloadOffset + header.payloadBytes)
    }
  }

  /// Applies one outcome in file order: counts it, or throws; true when a chunk was decoded.
  private func apply(_ outcome: Outcome) throws -> Bool {
    switch outcome {
    case .decoded(let events, let endOffset):
      chunksRead += 1
      eventsRead += events
      try hash(upTo: endOffset)
      // Every chunk before this one is decoded: let its mapped pages go, in large steps.
      if endOffset - releasedUpTo >= Self.releaseStepBytes {
        file.release(endOffset - releasedUpTo, at: releasedUpTo)
        releasedUpTo = endOffset
      }
      return true
    case .damaged(let error, let isChunk, let events, let endsStream):
      guard skipCorrupt else {
        finished = true
        throw error
      }
      if isChunk { skipReport.chunks += 1 }
      if let events { skipReport.events += events } else if isChunk { skipReport.eventCountIsExact = false }
      skipReport.problems.append(error)
      if endsStream {
        skipReport.endMarkerMissing = true
        finished = true
      }
      return false
    case .end(let end, let offset):
      finished = true
      try finish(with: end, at: offset)
      return false
    }
  }

  private func finish(with end: EndOfStream, at byteOffset: Int) throws {
    if skipCorrupt {
      // The marker counts every chunk and event the writer wrote: what was not read was skipped.
      skipReport.chunks = max(skipReport.chunks, end.chunkCount - chunksRead)
      skipReport.events = max(0, end.eventCount - eventsRead)
      skipReport.eventCountIsExact = true
    } else if end.chunkCount != chunksRead || end.eventCount != eventsRead {
      throw LocatedError(
        file: path, place: .byteOffset(byteOffset),
        message: "the end-of-stream marker counts \(end.chunkCount) chunks and \(end.eventCount) events, but the file holds \(chunksRead) chunks and \(eventsRead) events (chunks are missing)")
    }
    let after = byteOffset + TRGFormat.blockBytes
    if after != file.size {
      let error = LocatedError(
        file: path, place: .byteOffset(after), message: "\(file.size - after) unexpected bytes after the end-of-stream marker")
      guard skipCorrupt else { throw error }
      skipReport.problems.append(error)
    }
  }

  // MARK: Hashing

  /// The SHA-256 of the whole file as 64 lowercase hex digits (nil unless opened with
  /// `hashing`): the bytes the stream has passed were hashed as they went by, the rest (all of
  /// it before reading, what follows a damaged end) is hashed now. Call after reading; later
  /// calls give the same digest.
  public func sha256Hex() throws -> String? {
    if let digest { return digest }
    guard hasher != nil else { return nil }
    while hashedUpTo < file.size {
      let start = hashedUpTo
      try hash(upTo: min(file.size, start + Self.releaseStepBytes))
      file.release(hashedUpTo - start, at: start)
    }
    digest = hasher!.finalHex()
    return digest
  }

  /// Adds the bytes from `hashedUpTo` to `offset` to the hash, a release step at a time.
  private func hash(upTo offset: Int) throws {
    guard hasher != nil else { return }
    while hashedUpTo < offset {
      let count = min(offset - hashedUpTo, Self.releaseStepBytes)
      hasher!.update(try file.bytes(count, at: hashedUpTo, using: hashBuffer))
      hashedUpTo += count
    }
  }

  // MARK: The file header

  private static func readFileHeader(_ file: ReadOnlyFile) throws -> (StreamInfo, metadataBytes: Int) {
    func fail(_ offset: Int, _ message: String) -> LocatedError {
      LocatedError(file: file.path, place: .byteOffset(offset), message: message)
    }
    let buffer = ReadBuffer(capacity: TRGFormat.fileHeaderBytes)
    let magicCount = TRGFormat.magic.count
    guard file.size >= magicCount else {
      throw fail(0, "the file is \(file.size) bytes, too short for the 8-byte .trg magic (is it a .trg file?)")
    }
    try file.read(magicCount, at: 0, into: buffer)
    let found = Array(UnsafeRawBufferPointer(start: buffer.pointer, count: magicCount))
    guard found == TRGFormat.magic else {
      throw fail(0, "wrong magic: expected \(TRGFormat.magic.map(hexByte).joined(separator: " ")), found \(found.map(hexByte).joined(separator: " ")) (not a .trg file)")
    }
    guard file.size >= TRGFormat.fileHeaderBytes else {
      throw fail(magicCount, "truncated file header: the file is \(file.size) bytes, the fixed header needs \(TRGFormat.fileHeaderBytes)")
    }
    try file.read(TRGFormat.fileHeaderBytes, at: 0, into: buffer)
    let p = buffer.pointer
    let version: UInt16 = p.le(8)
    guard version == TRGFormat.version else {
      throw fail(8, "format version \(version) is not supported (this trigemu reads version \(TRGFormat.version))")
    }
    let capacity = Int(p.le(12, UInt32.self))
    let metadataBytes = Int(p.le(16, UInt32.self))
    let storedCRC: UInt32 = p.le(20)
    guard metadataBytes <= TRGFormat.maxMetadataBytes else {
      throw fail(16, "metadata length \(metadataBytes) bytes is larger than the \(TRGFormat.maxMetadataBytes) allowed (damaged header?)")
    }
    guard file.size >= TRGFormat.fileHeaderBytes + metadataBytes else {
      throw fail(TRGFormat.fileHeaderBytes, "truncated file header: \(metadataBytes) bytes of metadata announced, \(file.size - TRGFormat.fileHeaderBytes) present")
    }
    try file.read(TRGFormat.fileHeaderBytes + metadataBytes, at: 0, into: buffer)
    let headerAndMetadata = UnsafeRawBufferPointer(start: buffer.pointer, count: TRGFormat.fileHeaderBytes + metadataBytes)
    let computed = TRGFormat.headerCRC(headerAndMetadata, metadata: UnsafeRawBufferPointer(rebasing: headerAndMetadata[TRGFormat.fileHeaderBytes...]))
    guard computed == storedCRC else {
      throw fail(20, "file header checksum mismatch: stored CRC-32C \(hex32(storedCRC)), computed \(hex32(computed))")
    }
    guard TRGFormat.chunkCapacityRange.contains(capacity) else {
      throw fail(12, "chunk capacity \(capacity) bytes is outside \(TRGFormat.chunkCapacityRange.lowerBound)–\(TRGFormat.chunkCapacityRange.upperBound)")
    }
    let metadata = UnsafeRawBufferPointer(rebasing: headerAndMetadata[TRGFormat.fileHeaderBytes...]).bindMemory(to: UInt8.self)
    guard let dictionary = try? JSONDocument.decoded([String: String].self, from: Data(metadata), file: "") else {
      throw fail(TRGFormat.fileHeaderBytes, "the metadata is not a JSON object of strings")
    }
    return (StreamInfo(metadata: dictionary, chunkCapacityBytes: capacity), metadataBytes)
  }
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a `.trg` file chunk by chunk with `pread(2)` into one reused buffer.
///
/// Memory is bounded by the largest chunk. Every chunk's checksums, layout and records are
/// checked before any of its events is handed out; a problem throws an `EventStreamError`
/// naming the byte offset, unless `skipCorrupt` is set, in which case the damaged chunk is
/// skipped, counted in `skipReport`, and reading goes on at the next intact chunk.
public final class TRGReader: EventSource {
  public let path: String
  public let streamInfo: StreamInfo
  public let skipCorrupt: Bool
  /// Chunks and events skipped so far (only with `skipCorrupt`).
  public private(set) var skipReport = SkipReport()
  /// Intact chunks and events read so far.
  public private(set) var chunksRead = 0
  public private(set) var eventsRead = 0

  private let descriptor: Int32
  private let fileSize: Int
  private var offset: Int
  private var buffer: UnsafeMutableRawBufferPointer
  private var atEnd = false
  private var chunk = EventChunk()

  /// Opens the file and checks its header.
  public init(path: String, skipCorrupt: Bool = false) throws {
    self.path = path
    self.skipCorrupt = skipCorrupt
    descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw EventStreamError(path: path, location: .wholeFile, message: "cannot open: \(systemError())")
    }
    var status = stat()
    fstat(descriptor, &status)
    fileSize = Int(status.st_size)
    buffer = .allocate(byteCount: TRGFormat.fileHeaderBytes, alignment: 16)
    offset = 0
    do {
      let metadataBytes: Int
      (streamInfo, metadataBytes) = try Self.readFileHeader(descriptor, path: path, fileSize: fileSize, buffer: &buffer)
      offset = TRGFormat.fileHeaderBytes + metadataBytes
    } catch {
      close(descriptor)
      buffer.deallocate()
      throw error
    }
  }

  deinit {
    close(descriptor)
    buffer.deallocate()
  }

  /// Decodes the next chunk into `chunk`, reusing its arrays; false at the end of the stream.
  public func nextChunk(into chunk: inout EventChunk) throws -> Bool {
    while !atEnd {
      let blockOffset = offset
      guard fileSize - blockOffset >= TRGFormat.blockBytes else {
        try reachedEndWithoutMarker(at: blockOffset)
        continue
      }
      try readFully(into: 0, count: TRGFormat.blockBytes, at: blockOffset)
      switch StreamBlock.decode(buffer.baseAddress!) {
      case .failure(let problem):
        try corrupt(at: blockOffset, problem.message)
        try resynchronize(after: blockOffset)
      case .success(.end(let end)):
        try finish(with: end, at: blockOffset)
      case .success(.chunk(let header)):
        let payloadOffset = blockOffset + TRGFormat.blockBytes
        let name = "chunk \(chunksRead + skipReport.chunks + 1) (run \(header.run))"
        guard header.payloadBytes <= streamInfo.chunkCapacityBytes + TRGFormat.maxEventBytes else {
          try corrupt(at: blockOffset + 12, "\(name) announces \(header.payloadBytes) payload bytes, more than the file's chunk capacity allows")
          try resynchronize(after: blockOffset)
          continue
        }
        guard payloadOffset + header.payloadBytes <= fileSize else {
          try corrupt(
            at: payloadOffset,
            "\(name) is truncated: its header announces \(header.payloadBytes) payload bytes, the file ends after \(fileSize - payloadOffset)",
            skippedEvents: header.eventCount)
          atEnd = true
          skipReport.endMarkerMissing = true
          continue
        }
        offset = payloadOffset + header.payloadBytes
        try readFully(into: 0, count: header.payloadBytes, at: payloadOffset)
        let computed = TRGFormat.crc32c(UnsafeRawBufferPointer(start: buffer.baseAddress, count: header.payloadBytes))
        guard computed == header.payloadCRC else {
          try corrupt(
            at: payloadOffset,
            "\(name): payload checksum mismatch: stored CRC-32C \(hex32(header.payloadCRC)), computed \(hex32(computed)) over \(header.payloadBytes) bytes",
            skippedEvents: header.eventCount)
          continue
        }
        if let (problemOffset, message) = ChunkDecoder.decode(
          UnsafeRawBufferPointer(start: buffer.baseAddress, count: header.payloadBytes), header: header, into: &chunk)
        {
          try corrupt(at: payloadOffset + problemOffset, "\(name), \(message)", skippedEvents: header.eventCount)
          continue
        }
        chunksRead += 1
        eventsRead += chunk.count
        return true
      }
    }
    return false
  }

  /// Calls `body` with every event of the stream, in file order.
  public func forEachEvent(_ body: (EventView) throws -> Void) throws {
    while try nextChunk(into: &chunk) {
      for index in 0..<chunk.count { try body(chunk.event(at: index)) }
    }
  }

  // MARK: Problems and recovery

  /// Throws the located error, or (with `skipCorrupt`) counts the chunk as skipped.
  private func corrupt(at byteOffset: Int, _ message: String, skippedEvents: Int? = nil) throws {
    guard skipCorrupt else { throw EventStreamError(path: path, location: .byteOffset(byteOffset), message: message) }
    skipReport.chunks += 1
    if let skippedEvents { skipReport.events += skippedEvents } else { skipReport.eventCountIsExact = false }
    skipReport.problems.append(EventStreamError(path: path, location: .byteOffset(byteOffset), message: message))
  }

  /// Moves `offset` to the next intact chunk header or end marker after a damaged block.
  private func resynchronize(after damagedOffset: Int) throws {
    let window = 1 << 20
    var start = damagedOffset + 1
    while fileSize - start >= TRGFormat.blockBytes {
      let length = min(window + TRGFormat.blockBytes, fileSize - start)
      try readFully(into: 0, count: length, at: start)
      let base = buffer.baseAddress!
      for position in 0...(length - TRGFormat.blockBytes) {
        let magic: UInt32 = UnsafeRawPointer(base + position).le(0)
        guard magic == TRGFormat.chunkMagic || magic == TRGFormat.endMagic,
          case .success = StreamBlock.decode(base + position)
        else { continue }
        offset = start + position
        return
      }
      start += length - TRGFormat.blockBytes + 1
    }
    offset = fileSize
  }

  private func reachedEndWithoutMarker(at byteOffset: Int) throws {
    let message =
      byteOffset == fileSize
      ? "the file ends without the end-of-stream marker after \(chunksRead + skipReport.chunks) chunks and \(eventsRead) events (was it cut short or never finished?)"
      : "truncated: \(fileSize - byteOffset) bytes are left where a 32-byte chunk header or end-of-stream marker must be"
    guard skipCorrupt else { throw EventStreamError(path: path, location: .byteOffset(byteOffset), message: message) }
    skipReport.endMarkerMissing = true
    skipReport.problems.append(EventStreamError(path: path, location: .byteOffset(byteOffset), message: message))
    atEnd = true
  }

  private func finish(with end: EndOfStream, at byteOffset: Int) throws {
    atEnd = true
    if skipCorrupt {
      // The marker counts every chunk and event the writer wrote: what was not read was skipped.
      skipReport.chunks = max(skipReport.chunks, end.chunkCount - chunksRead)
      skipReport.events = max(0, end.eventCount - eventsRead)
      skipReport.eventCountIsExact = true
    } else if end.chunkCount != chunksRead || end.eventCount != eventsRead {
      throw EventStreamError(
        path: path, location: .byteOffset(byteOffset),
        message: "the end-of-stream marker counts \(end.chunkCount) chunks and \(end.eventCount) events, but the file holds \(chunksRead) chunks and \(eventsRead) events (chunks are missing)")
    }
    let after = byteOffset + TRGFormat.blockBytes
    if after != fileSize {
      let message = "\(fileSize - after) unexpected bytes after the end-of-stream marker"
      guard skipCorrupt else { throw EventStreamError(path: path, location: .byteOffset(after), message: message) }
      skipReport.problems.append(EventStreamError(path: path, location: .byteOffset(after), message: message))
    }
  }

  // MARK: Reading

  private func readFully(into bufferOffset: Int, count: Int, at fileOffset: Int) throws {
    if buffer.count < bufferOffset + count {
      let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bufferOffset + count, buffer.count * 2), alignment: 16)
      larger.copyMemory(from: UnsafeRawBufferPointer(buffer))
      buffer.deallocate()
      buffer = larger
    }
    try Self.pread(descriptor, path: path, into: buffer.baseAddress! + bufferOffset, count: count, at: fileOffset)
  }

  private static func pread(_ descriptor: Int32, path: String, into p: UnsafeMutableRawPointer, count: Int, at fileOffset: Int) throws {
    var done = 0
    while done < count {
      let got = Glibc.pread(descriptor, p + done, count - done, off_t(fileOffset + done))
      if got < 0 && errno == EINTR { continue }
      guard got > 0 else {
        throw EventStreamError(
          path: path, location: .byteOffset(fileOffset + done),
          message: got == 0 ? "the file ended while reading (did it shrink?)" : "cannot read: \(systemError())")
      }
      done += got
    }
  }

  private static func readFileHeader(
    _ descriptor: Int32, path: String, fileSize: Int, buffer: inout UnsafeMutableRawBufferPointer
  ) throws -> (StreamInfo, metadataBytes: Int) {
    func fail(_ offset: Int, _ message: String) -> EventStreamError {
      EventStreamError(path: path, location: .byteOffset(offset), message: message)
    }
    let magicCount = TRGFormat.magic.count
    guard fileSize >= magicCount else {
      throw fail(0, "the file is \(fileSize) bytes, too short for the 8-byte .trg magic (is it a .trg file?)")
    }
    try pread(descriptor, path: path, into: buffer.baseAddress!, count: magicCount, at: 0)
    let found = Array(UnsafeRawBufferPointer(rebasing: buffer[0..<magicCount]))
    guard found == TRGFormat.magic else {
      throw fail(0, "wrong magic: expected \(TRGFormat.magic.map(hexByte).joined(separator: " ")), found \(found.map(hexByte).joined(separator: " ")) (not a .trg file)")
    }
    guard fileSize >= TRGFormat.fileHeaderBytes else {
      throw fail(magicCount, "truncated file header: the file is \(fileSize) bytes, the fixed header needs \(TRGFormat.fileHeaderBytes)")
    }
    try pread(descriptor, path: path, into: buffer.baseAddress!, count: TRGFormat.fileHeaderBytes, at: 0)
    let p = UnsafeRawPointer(buffer.baseAddress!)
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
    guard fileSize >= TRGFormat.fileHeaderBytes + metadataBytes else {
      throw fail(TRGFormat.fileHeaderBytes, "truncated file header: \(metadataBytes) bytes of metadata announced, \(fileSize - TRGFormat.fileHeaderBytes) present")
    }
    let fixed = Array(UnsafeRawBufferPointer(rebasing: buffer[0..<20]))
    var metadata = [UInt8](repeating: 0, count: metadataBytes)
    if metadataBytes > 0 {
      try metadata.withUnsafeMutableBytes {
        try pread(descriptor, path: path, into: $0.baseAddress!, count: metadataBytes, at: TRGFormat.fileHeaderBytes)
      }
    }
    let computed = fixed.withUnsafeBytes { f in metadata.withUnsafeBytes { TRGFormat.crc32c($0, continuing: TRGFormat.crc32c(f)) } }
    guard computed == storedCRC else {
      throw fail(20, "file header checksum mismatch: stored CRC-32C \(hex32(storedCRC)), computed \(hex32(computed))")
    }
    guard TRGFormat.chunkCapacityRange.contains(capacity) else {
      throw fail(12, "chunk capacity \(capacity) bytes is outside \(TRGFormat.chunkCapacityRange.lowerBound)–\(TRGFormat.chunkCapacityRange.upperBound)")
    }
    guard let dictionary = try? JSONDecoder().decode([String: String].self, from: Data(metadata)) else {
      throw fail(TRGFormat.fileHeaderBytes, "the metadata is not a JSON object of strings")
    }
    return (StreamInfo(metadata: dictionary, chunkCapacityBytes: capacity), metadataBytes)
  }
}

/// What a reader skipped with `skipCorrupt`.
public struct SkipReport: Equatable, Sendable {
  public var chunks = 0
  public var events = 0
  /// False when a damaged chunk header hid its event count and no end marker told the total.
  public var eventCountIsExact = true
  /// True when the file had no end-of-stream marker (cut short).
  public var endMarkerMissing = false
  /// Each problem met, located.
  public var problems: [EventStreamError] = []

  public var isEmpty: Bool { chunks == 0 && problems.isEmpty }

  public var summary: String {
    let events = eventCountIsExact ? "\(self.events)" : "at least \(self.events)"
    var text = "skipped \(chunks) damaged chunk\(chunks == 1 ? "" : "s") holding \(events) event\(self.events == 1 ? "" : "s")"
    if endMarkerMissing { text += "; the end-of-stream marker is missing, so events after the damage may be lost" }
    return text
  }
}

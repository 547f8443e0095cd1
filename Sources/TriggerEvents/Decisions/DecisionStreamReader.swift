import Foundation
import TriggerSupport

/// Reads a decision stream written by `DecisionStreamWriter`, checking it as it goes: every
/// error names the file and the byte offset (docs/decision-stream.md, "What a reader checks").
public final class DecisionStreamReader {
  public let path: String
  /// The menu and names the records refer to.
  public let stream: DecisionStream
  /// Records the end-of-stream marker counts.
  public let recordCount: Int

  private let file: ReadOnlyFile
  private let recordsOffset: Int
  private let storedCRC: UInt32

  /// Opens `path` and checks its header and end-of-stream marker.
  public init(path: String) throws {
    self.path = path
    let file = try ReadOnlyFile(path: path)
    self.file = file
    func fail(_ offset: Int, _ message: String) -> LocatedError { LocatedError(file: path, place: .byteOffset(offset), message: message) }
    let buffer = ReadBuffer()
    guard file.size >= DecisionStream.headerBytes else {
      throw fail(0, "truncated: \(file.size) bytes, shorter than the \(DecisionStream.headerBytes)-byte header of a decision stream")
    }
    let header = try file.bytes(DecisionStream.headerBytes, at: 0, using: buffer)
    guard Array(header[0..<8]) == DecisionStream.magic else {
      let isEvents = Array(header[0..<8]) == TRGFormat.magic
      throw fail(0, isEvents ? "this is a .trg event file, not a decision stream" : "not a trigemu decision stream (wrong magic bytes)")
    }
    let version: UInt16 = header.baseAddress!.le(8), recordBytes = Int(header.baseAddress!.le(12, UInt32.self))
    let metadataBytes = Int(header.baseAddress!.le(16, UInt32.self)), headerCRC: UInt32 = header.baseAddress!.le(20)
    guard version == DecisionStream.version else {
      throw fail(8, "decision stream version \(version) is not supported (this trigemu reads version \(DecisionStream.version))")
    }
    guard metadataBytes <= TRGFormat.maxMetadataBytes, DecisionStream.headerBytes + metadataBytes + DecisionStream.endBytes <= file.size else {
      throw fail(16, "the header announces \(metadataBytes) bytes of metadata, more than the file holds")
    }
    let fixed = Array(header)
    let metadata = Data(try file.bytes(metadataBytes, at: DecisionStream.headerBytes, using: buffer))
    let computed = fixed.withUnsafeBytes { fixed in metadata.withUnsafeBytes { TRGFormat.headerCRC(fixed, metadata: $0) } }
    guard computed == headerCRC else {
      throw fail(20, "header checksum mismatch: stored CRC-32C \(hex32(headerCRC)), computed \(hex32(computed)) (the header is damaged)")
    }
    do {
      stream = try DecisionStream(metadata: metadata)
    } catch {
      throw fail(DecisionStream.headerBytes, error.message)
    }
    guard recordBytes == stream.recordBytes else {
      throw fail(12, "the header gives \(recordBytes)-byte records, but its names make records of \(stream.recordBytes) bytes")
    }
    // The end-of-stream marker: the last 32 bytes.
    let endOffset = file.size - DecisionStream.endBytes
    let end = try file.bytes(DecisionStream.endBytes, at: endOffset, using: buffer)
    let endCRC = TRGFormat.crc32c(UnsafeRawBufferPointer(rebasing: end[0..<28]))
    guard end.baseAddress!.le(0, UInt32.self) == DecisionStream.endMagic, end.baseAddress!.le(28, UInt32.self) == endCRC else {
      throw fail(endOffset, "the file does not end with the end-of-stream marker (was it cut short or never finished?)")
    }
    let countedRecords: UInt64 = end.baseAddress!.le(8)
    storedCRC = end.baseAddress!.le(16)
    recordsOffset = DecisionStream.headerBytes + metadataBytes
    let present = endOffset - recordsOffset
    // A count whose bytes no file could hold is refused before it is multiplied (that would overflow).
    guard let count = Int(exactly: countedRecords), count <= Int.max / recordBytes else {
      throw fail(endOffset, "the end-of-stream marker counts \(countedRecords) records of \(recordBytes) bytes, more than any file holds; the file holds \(present) bytes of records")
    }
    recordCount = count
    guard present == recordCount * recordBytes else {
      throw fail(
        endOffset,
        "the end-of-stream marker counts \(recordCount) records of \(recordBytes) bytes (\(recordCount * recordBytes) bytes), the file holds \(present) bytes of records")
    }
  }

  /// Calls `body` with every record in order, then checks the records' checksum.
  public func forEach(_ body: (DecisionRecord) throws -> Void) throws {
    let recordBytes = stream.recordBytes, perBlock = max(1, (256 << 10) / recordBytes)
    let bitWords = stream.bitWords, lineWords = stream.lineWords, hltWords = stream.hltWords
    let buffer = ReadBuffer()
    var crc: UInt32 = 0
    var index = 0
    while index < recordCount {
      let count = min(perBlock, recordCount - index), offset = recordsOffset + index * recordBytes
      let bytes = try file.bytes(count * recordBytes, at: offset, using: buffer)
      crc = TRGFormat.crc32c(bytes, continuing: crc)
      for k in 0..<count {
        let p = bytes.baseAddress! + k * recordBytes
        let run: UInt32 = p.le(0), event: UInt32 = p.le(4), model = Int(p.le(10, UInt16.self)), flags: UInt8 = p.le(12)
        let name = "record #\(index + k + 1) (run \(run) event \(event))"
        guard flags & ~3 == 0, p.le(13, UInt8.self) == 0, p.le(14, UInt16.self) == 0 else {
          throw LocatedError(file: path, place: .byteOffset(offset + k * recordBytes + 12), message: "\(name): unknown flags or non-zero reserved bytes")
        }
        guard model < stream.firmwareNames.count else {
          throw LocatedError(
            file: path, place: .byteOffset(offset + k * recordBytes + 10),
            message: "\(name): firmware model \(model) is not one of the \(stream.firmwareNames.count) the header names")
        }
        var position = DecisionStream.fixedRecordBytes
        func words(_ n: Int) -> [UInt64] {
          defer { position += 8 * n }
          return (0..<n).map { p.le(position + 8 * $0, UInt64.self) }
        }
        try body(
          DecisionRecord(
            run: run, eventNumber: event, experiment: p.le(8), firmwareModel: model, l1Accepted: flags & 1 != 0, hltKept: flags & 2 != 0,
            bits: words(bitWords), raw: words(lineWords), accepted: words(lineWords), hltRaw: words(hltWords), hltAccepted: words(hltWords)))
      }
      file.release(count * recordBytes, at: offset)
      index += count
    }
    guard crc == storedCRC else {
      throw LocatedError(
        file: path, place: .byteOffset(recordsOffset),
        message: "records checksum mismatch: stored CRC-32C \(hex32(storedCRC)), computed \(hex32(crc)) (a record is damaged)")
    }
  }
}

import TriggerKernels

/// Constants and fixed-size blocks of the `.trg` stream format (docs/trg-format.md).
///
/// A file is: a file header with metadata, chunks (a 32-byte chunk header, then the payload of
/// one run's events column by column), and a 32-byte end-of-stream marker that counts the
/// chunks and events, so a file cut short at a chunk boundary is still noticed.
public enum TRGFormat {
  /// First eight bytes of every `.trg` file: 0x89 "TRG" CR LF 0x1A LF (PNG-style, so that a
  /// text-mode transfer or a truncation to 7 bits shows at once).
  public static let magic: [UInt8] = [0x89, 0x54, 0x52, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
  /// The format version this code reads and writes.
  public static let version: UInt16 = 1
  /// Bytes of the fixed part of the file header; the metadata follows it.
  static let fileHeaderBytes = 24
  /// Bytes of a chunk header and of the end-of-stream marker.
  static let blockBytes = 32
  /// "TRGC", the first four bytes of a chunk header.
  static let chunkMagic: UInt32 = 0x4347_5254
  /// "TRGE", the first four bytes of the end-of-stream marker.
  static let endMagic: UInt32 = 0x4547_5254
  /// Default payload size at which a writer starts a new chunk: 256 KiB, so that a chunk and its
  /// decoded arrays fit a core's L2 cache (measured fastest of 64 KiB–1 MiB, README "Performance").
  public static let defaultChunkCapacityBytes = 256 << 10
  /// Allowed chunk capacities: 4 KiB to 256 MiB.
  public static let chunkCapacityRange: ClosedRange<Int> = 4096...(256 << 20)
  /// Largest metadata block a reader accepts: 1 MiB.
  static let maxMetadataBytes = 1 << 20
  /// Largest single event: its header and 65 535 records of every kind.
  static let maxEventBytes =
    EncodedEventHeader.byteCount + EncodedEventHeader.maxRecordsPerKind
    * (CDCHit.byteCount + ECLTriggerCellHit.byteCount + KLMHit.byteCount + Track.byteCount
      + ECLCluster.byteCount + MCParticle.byteCount)

  /// CRC-32C of a byte range, continuing from `crc`.
  static func crc32c(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
    trigemu_crc32c_update(crc, bytes.baseAddress, bytes.count)
  }

  /// A file header as `.trg` files and decision streams begin (docs/trg-format.md,
  /// docs/decision-stream.md): `magic`, the version u16, 2 reserved bytes, `field` u32 (the chunk
  /// capacity, or the record size), the metadata length u32, the CRC-32C of bytes 0–19 and the
  /// metadata (`headerCRC`), then the metadata.
  static func fileHeader(magic: [UInt8], version: UInt16, field: UInt32, metadata: [UInt8]) -> [UInt8] {
    var header = [UInt8](repeating: 0, count: fileHeaderBytes)
    header.replaceSubrange(0..<8, with: magic)
    header.withUnsafeMutableBytes { p in
      p.baseAddress!.putLE(version, at: 8)
      p.baseAddress!.putLE(field, at: 12)
      p.baseAddress!.putLE(UInt32(metadata.count), at: 16)
    }
    let crc = header.withUnsafeBytes { fixed in metadata.withUnsafeBytes { headerCRC(fixed, metadata: $0) } }
    header.withUnsafeMutableBytes { $0.baseAddress!.putLE(crc, at: 20) }
    return header + metadata
  }

  /// The checksum a file header stores: CRC-32C of its bytes 0–19, continued over the metadata.
  static func headerCRC(_ header: UnsafeRawBufferPointer, metadata: UnsafeRawBufferPointer) -> UInt32 {
    crc32c(metadata, continuing: crc32c(UnsafeRawBufferPointer(rebasing: header[0..<20])))
  }

  /// Whether CRC-32C runs on the CPU's instruction (SSE 4.2) rather than a table.
  public static var checksumIsHardwareAccelerated: Bool { trigemu_crc32c_is_hardware_accelerated() != 0 }
}

/// The 32-byte header in front of each chunk's payload.
///
/// Layout: "TRGC", run u32, event count u32, payload bytes u32, payload CRC-32C u32, 8 reserved
/// bytes, CRC-32C of bytes 0–27.
struct ChunkHeader: Equatable {
  var run: UInt32
  var eventCount: Int
  var payloadBytes: Int
  var payloadCRC: UInt32

  func encode(to p: UnsafeMutableRawPointer) {
    p.initializeMemory(as: UInt8.self, repeating: 0, count: TRGFormat.blockBytes)
    p.putLE(TRGFormat.chunkMagic, at: 0); p.putLE(run, at: 4); p.putLE(UInt32(eventCount), at: 8)
    p.putLE(UInt32(payloadBytes), at: 12); p.putLE(payloadCRC, at: 16)
    p.putLE(TRGFormat.crc32c(UnsafeRawBufferPointer(start: p, count: 28)), at: 28)
  }
}

/// The 32-byte end-of-stream marker after the last chunk.
///
/// Layout: "TRGE", 4 reserved bytes, chunk count u64, event count u64, 4 reserved bytes,
/// CRC-32C of bytes 0–27.
struct EndOfStream: Equatable {
  var chunkCount: Int
  var eventCount: Int

  func encode(to p: UnsafeMutableRawPointer) {
    p.initializeMemory(as: UInt8.self, repeating: 0, count: TRGFormat.blockBytes)
    p.putLE(TRGFormat.endMagic, at: 0); p.putLE(UInt64(chunkCount), at: 8); p.putLE(UInt64(eventCount), at: 16)
    p.putLE(TRGFormat.crc32c(UnsafeRawBufferPointer(start: p, count: 28)), at: 28)
  }
}

/// A 32-byte block where a chunk header or the end-of-stream marker should be.
enum StreamBlock {
  case chunk(ChunkHeader)
  case end(EndOfStream)

  /// Decodes the block at `p`, or says what is wrong with it.
  static func decode(_ p: UnsafeRawPointer) -> Result<StreamBlock, RecordProblem> {
    let magic: UInt32 = p.le(0)
    guard magic == TRGFormat.chunkMagic || magic == TRGFormat.endMagic else {
      let found = (0..<4).map { hexByte(p.le($0, UInt8.self)) }.joined(separator: " ")
      return .failure(RecordProblem(
        "expected a chunk header (\"TRGC\") or the end-of-stream marker (\"TRGE\"), found bytes \(found)"))
    }
    let stored: UInt32 = p.le(28)
    let computed = TRGFormat.crc32c(UnsafeRawBufferPointer(start: p, count: 28))
    let what = magic == TRGFormat.chunkMagic ? "chunk header" : "end-of-stream marker"
    guard stored == computed else {
      return .failure(RecordProblem(
        "\(what) checksum mismatch: stored CRC-32C \(hex32(stored)), computed \(hex32(computed)) (the header is damaged)"))
    }
    if magic == TRGFormat.endMagic {
      let chunks: UInt64 = p.le(8), events: UInt64 = p.le(16)
      guard let chunkCount = Int(exactly: chunks), let eventCount = Int(exactly: events) else {
        return .failure(RecordProblem("end-of-stream marker counts \(chunks) chunks and \(events) events, more than a file can hold (the marker is damaged)"))
      }
      return .success(.end(EndOfStream(chunkCount: chunkCount, eventCount: eventCount)))
    }
    return .success(.chunk(ChunkHeader(
      run: p.le(4), eventCount: Int(p.le(8, UInt32.self)), payloadBytes: Int(p.le(12, UInt32.self)),
      payloadCRC: p.le(16))))
  }
}

func hexByte(_ byte: UInt8) -> String {
  let digits = String(byte, radix: 16, uppercase: true)
  return digits.count == 1 ? "0" + digits : digits
}

func hex32(_ value: UInt32) -> String {
  let digits = String(value, radix: 16, uppercase: true)
  return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
}

import TriggerKernels
import Foundation

/// Byte-level edits of a `.trg` file for bad-input tests, following docs/trg-format.md.
///
/// Offsets are computed from the format, so a test states exactly which byte it damages and
/// which offset the error must name.
public struct TRGSurgery {
  public var bytes: [UInt8]

  public init(path: String) throws {
    bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  public func save(to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }

  /// Offset of the first chunk header (after the 24-byte file header and the metadata).
  public var firstChunkOffset: Int { 24 + Int(u32(at: 16)) }

  /// Offsets of every chunk header, walking the payload lengths.
  public var chunkOffsets: [Int] {
    var offsets: [Int] = []
    var offset = firstChunkOffset
    while offset + 32 <= bytes.count, Array(bytes[offset..<offset + 4]) == Array("TRGC".utf8) {
      offsets.append(offset)
      offset += 32 + Int(u32(at: offset + 12))
    }
    return offsets
  }

  /// Event count of the chunk whose header is at `chunk`.
  public func eventCount(ofChunkAt chunk: Int) -> Int { Int(u32(at: chunk + 8)) }

  /// Offset, within the file, of record `index` of column `column` (0 headers, 1 CDC, 2 ECL,
  /// 3 KLM, 4 tracks, 5 clusters, 6 MC) in the chunk whose header is at `chunk`.
  public func recordOffset(chunk: Int, column: Int, index: Int) -> Int {
    let sizes = [32, 8, 12, 8, 24, 16, 32]
    let events = eventCount(ofChunkAt: chunk)
    var totals = Array(repeating: 0, count: 7)
    totals[0] = events
    for event in 0..<events {
      let header = chunk + 32 + event * 32
      for kind in 1...6 { totals[kind] += Int(u16(at: header + 20 + 2 * (kind - 1))) }
    }
    var offset = chunk + 32
    for kind in 0..<column { offset += totals[kind] * sizes[kind] }
    return offset + index * sizes[column]
  }

  public func u16(at offset: Int) -> UInt16 { UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8 }
  public func u32(at offset: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) } }

  public mutating func put(_ value: UInt8, at offset: Int) { bytes[offset] = value }
  public mutating func put(_ value: UInt16, at offset: Int) {
    bytes[offset] = UInt8(value & 0xFF)
    bytes[offset + 1] = UInt8(value >> 8)
  }
  public mutating func put(_ value: UInt32, at offset: Int) {
    for k in 0..<4 { bytes[offset + k] = UInt8((value >> (8 * k)) & 0xFF) }
  }
  public mutating func put(_ value: Float, at offset: Int) { put(value.bitPattern, at: offset) }

  /// Recomputes the payload CRC of the chunk at `chunk` and its header CRC, so that only the
  /// edited record is wrong and the reader's record checks (not the checksum) must catch it.
  public mutating func resealChunk(at chunk: Int) {
    let payloadBytes = Int(u32(at: chunk + 12))
    put(crc(chunk + 32, payloadBytes), at: chunk + 16)
    put(crc(chunk, 28), at: chunk + 28)
  }

  /// Recomputes the CRC of the end-of-stream marker (the last 32 bytes).
  public mutating func resealEndMarker() {
    let end = bytes.count - 32
    put(crc(end, 28), at: end + 28)
  }

  /// Recomputes the file header CRC (bytes 0–19 and the metadata).
  public mutating func resealFileHeader() {
    let metadata = Int(u32(at: 16))
    let fixed = crc(0, 20)
    let all = bytes.withUnsafeBytes { trigemu_crc32c_update(fixed, $0.baseAddress! + 24, metadata) }
    put(all, at: 20)
  }

  private func crc(_ offset: Int, _ count: Int) -> UInt32 {
    bytes.withUnsafeBytes { trigemu_crc32c_update(0, $0.baseAddress! + offset, count) }
  }
}

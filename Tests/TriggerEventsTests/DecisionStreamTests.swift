import Foundation
import TestSupport
import Testing
import TriggerEvents
import TriggerKernels

/// The decision stream: what is written is read back exactly, and every damage is named with
/// the file and byte offset.
@Suite struct DecisionStreamTests {
  /// 2 bits, 70 L1 lines (two words) and 1 HLT line, two firmware models.
  static let stream = DecisionStream(
    menuName: "test", menuSHA256: String(repeating: "ab", count: 32), bitNames: ["a", "b"], lineNames: (0..<70).map { "l\($0)" },
    hltLineNames: ["h"], firmwareNames: ["ideal", "faulty"])

  static let records = [
    DecisionRecord(
      run: 7, eventNumber: 1, experiment: 8, firmwareModel: 0, l1Accepted: true, hltKept: true, bits: [0b11], raw: [1, 1 << 5], accepted: [1, 0],
      hltRaw: [1], hltAccepted: [1]),
    DecisionRecord(
      run: 7, eventNumber: 2, experiment: 8, firmwareModel: 1, l1Accepted: false, hltKept: false, bits: [0b10], raw: [1 << 63, 0], accepted: [0, 0],
      hltRaw: [0], hltAccepted: [0]),
  ]

  /// Writes the two records to a file in `directory` and returns its path and bytes.
  func written(_ directory: TemporaryDirectory) throws -> (path: String, bytes: [UInt8]) {
    let path = directory.file("d.trgd")
    let writer = try DecisionStreamWriter(path: path, stream: Self.stream)
    for record in Self.records { try writer.append(record) }
    try writer.finish()
    return (path, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
  }

  func read(_ path: String) throws -> [DecisionRecord] {
    let reader = try DecisionStreamReader(path: path)
    var records: [DecisionRecord] = []
    try reader.forEach { records.append($0) }
    return records
  }

  @Test func recordsAndNamesComeBackExactly() throws {
    let directory = TemporaryDirectory()
    let (path, bytes) = try written(directory)
    let reader = try DecisionStreamReader(path: path)
    #expect(reader.stream == Self.stream && reader.recordCount == 2)
    #expect(Self.stream.recordBytes == 16 + 8 * (1 + 2 * 2 + 2 * 1))
    #expect(try read(path) == Self.records)
    #expect(Array(bytes[0..<8]) == DecisionStream.magic)
    var summary = DecisionStreamSummary(stream: reader.stream)
    try reader.forEach { summary.add($0) }
    #expect(summary.events == 2 && summary.runs == [7] && summary.l1Accepted == 1 && summary.hltKept == 1)
    #expect(summary.lineRaw[0] == 1 && summary.lineRaw[69] == 1 && summary.lineRaw[63] == 1 && summary.bitFired == [1, 2])
    #expect(Self.stream.csvRow(Self.records[0]) == "7,1,8,ideal,1,1,a b,l0 l69,l0,h,h")
    #expect(Self.stream.csvRow(Self.records[1]) == "7,2,8,faulty,0,0,b,l63,,,")
  }

  @Test func aWriterThatDoesNotFinishLeavesNoFile() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("d.trgd")
    do {
      let writer = try DecisionStreamWriter(path: path, stream: Self.stream)
      try writer.append(Self.records[0])
    }
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
  }

  /// The error reading `bytes` as a decision stream.
  func error(_ bytes: [UInt8], _ directory: TemporaryDirectory) -> String {
    let path = directory.file("bad.trgd")
    try! Data(bytes).write(to: URL(fileURLWithPath: path))
    do {
      _ = try read(path)
      return "no error"
    } catch {
      return "\(error)".replacingOccurrences(of: path, with: "bad.trgd")
    }
  }

  @Test func damageIsNamedWithTheByteOffset() throws {
    let directory = TemporaryDirectory()
    let (_, good) = try written(directory)
    let metadataBytes = Int(good[16]) | Int(good[17]) << 8
    let records = 24 + metadataBytes, recordBytes = Self.stream.recordBytes
    var bytes = good
    bytes[0] = 0x88
    #expect(error(bytes, directory) == "bad.trgd: byte 0: not a trigemu decision stream (wrong magic bytes)")
    bytes = good
    bytes.replaceSubrange(0..<8, with: [0x89, 0x54, 0x52, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    #expect(error(bytes, directory) == "bad.trgd: byte 0: this is a .trg event file, not a decision stream")
    bytes = good
    bytes[8] = 2
    #expect(error(bytes, directory) == "bad.trgd: byte 8: decision stream version 2 is not supported (this trigemu reads version 1)")
    bytes = good
    bytes[30] ^= 1
    #expect(error(bytes, directory).hasPrefix("bad.trgd: byte 20: header checksum mismatch: stored CRC-32C 0x"))
    #expect(error(Array(good.dropLast(5)), directory) == "bad.trgd: byte \(good.count - 37): the file does not end with the end-of-stream marker (was it cut short or never finished?)")
    #expect(error(Array(good[0..<10]), directory) == "bad.trgd: byte 0: truncated: 10 bytes, shorter than the 24-byte header of a decision stream")
    // A record removed: the marker's count no longer matches.
    bytes = Array(good[0..<records]) + Array(good[(records + recordBytes)...])
    #expect(error(bytes, directory) == "bad.trgd: byte \(records + recordBytes): the end-of-stream marker counts 2 records of \(recordBytes) bytes (\(2 * recordBytes) bytes), the file holds \(recordBytes) bytes of records")
    // A count of 2^63 records with a valid marker checksum: refused, not multiplied.
    bytes = good
    let end = good.count - 32
    bytes.replaceSubrange((end + 8)..<(end + 16), with: [0, 0, 0, 0, 0, 0, 0, 0x80])
    let markerCRC = bytes.withUnsafeBytes { trigemu_crc32c_update(0, $0.baseAddress! + end, 28) }
    bytes.replaceSubrange((end + 28)..<(end + 32), with: (0..<4).map { UInt8(truncatingIfNeeded: markerCRC >> (8 * $0)) })
    #expect(error(bytes, directory) == "bad.trgd: byte \(end): the end-of-stream marker counts 9223372036854775808 records of \(recordBytes) bytes, more than any file holds; the file holds \(2 * recordBytes) bytes of records")
    // A flipped bit in a word: only the records' checksum can tell.
    bytes = good
    bytes[records + 16] ^= 4
    #expect(error(bytes, directory).hasPrefix("bad.trgd: byte \(records): records checksum mismatch: stored CRC-32C 0x"))
    // Unknown flags, and a firmware model the header does not name.
    bytes = good
    bytes[records + recordBytes + 12] = 4
    #expect(error(bytes, directory) == "bad.trgd: byte \(records + recordBytes + 12): record #2 (run 7 event 2): unknown flags or non-zero reserved bytes")
    bytes = good
    bytes[records + 10] = 5
    #expect(error(bytes, directory) == "bad.trgd: byte \(records + 10): record #1 (run 7 event 1): firmware model 5 is not one of the 2 the header names")
  }
}

import Foundation
import TestSupport
import Testing
import TriggerEvents
import TriggerSupport

/// Every kind of damage a `.trg` file can have gets an error naming the byte and what was expected.
///
/// The sample file has three chunks: run 10 (events 1 and 2), run 11 (event 3), run 10 (event 4).
@Suite struct TRGBadInputTests {
  let directory = TemporaryDirectory()
  let path: String
  let surgery: TRGSurgery

  init() throws {
    path = directory.file("sample.trg")
    try EventFiles.write(
      [HandBuiltEvents.dimuon(run: 10, event: 1), HandBuiltEvents.empty(run: 10, event: 2),
       HandBuiltEvents.dimuon(run: 11, event: 3), HandBuiltEvents.dimuon(run: 10, event: 4)],
      to: path)
    surgery = try TRGSurgery(path: path)
  }

  /// Saves the edited file and returns the error reading it throws.
  func error(after edit: (inout TRGSurgery) -> Void) throws -> LocatedError? {
    var edited = surgery
    edit(&edited)
    try edited.save(to: path)
    return EventFiles.readError(path)
  }

  /// Edits record `index` of `column` in chunk 1 and re-seals the chunk's checksums.
  func recordError(column: Int, index: Int, _ edit: (inout TRGSurgery, Int) -> Void) throws -> (LocatedError?, Int) {
    let chunk = surgery.chunkOffsets[0]
    let offset = surgery.recordOffset(chunk: chunk, column: column, index: index)
    let error = try error { file in
      edit(&file, offset)
      file.resealChunk(at: chunk)
    }
    return (error, offset)
  }

  @Test func theSampleReadsCleanly() throws {
    #expect(EventFiles.readError(path) == nil)
    #expect(surgery.chunkOffsets.count == 3)
  }

  @Test func wrongMagicIsReportedAtByteZero() throws {
    let error = try error { $0.put(UInt8(ascii: "X"), at: 1) }
    #expect(error == LocatedError(
      file: path, place: .byteOffset(0),
      message: "wrong magic: expected 89 54 52 47 0D 0A 1A 0A, found 89 58 52 47 0D 0A 1A 0A (not a .trg file)"))
  }

  @Test func aJSONLinesFileNamedTrgIsNotTakenForOne() throws {
    try EventFiles.write([HandBuiltEvents.empty(run: 1, event: 1)], to: directory.file("text.jsonl"))
    try FileManager.default.moveItem(atPath: directory.file("text.jsonl"), toPath: directory.file("text.trg"))
    #expect(EventFiles.readError(directory.file("text.trg"))?.message == "wrong magic: expected 89 54 52 47 0D 0A 1A 0A, found 7B 22 66 6F 72 6D 61 74 (not a .trg file)")
  }

  @Test func anUnsupportedVersionIsReportedAtItsField() throws {
    let error = try error { $0.put(UInt16(2), at: 8) }
    #expect(error == LocatedError(file: path, place: .byteOffset(8), message: "format version 2 is not supported (this trigemu reads version 1)"))
  }

  @Test func aDamagedFileHeaderFailsItsChecksum() throws {
    let error = try error { $0.put(UInt8(ascii: "X"), at: 26) }  // inside the metadata
    #expect(error?.place == .byteOffset(20))
    #expect(error?.message.hasPrefix("file header checksum mismatch: stored CRC-32C 0x") == true)
  }

  @Test func aTruncatedChunkSaysHowManyBytesWereAnnouncedAndPresent() throws {
    let last = surgery.chunkOffsets[2]
    let payloadBytes = Int(surgery.u32(at: last + 12))
    let error = try error { $0.bytes.removeLast($0.bytes.count - (last + 32 + 100)) }
    #expect(error == LocatedError(
      file: path, place: .byteOffset(last + 32),
      message: "chunk 3 (run 10) is truncated: its header announces \(payloadBytes) payload bytes, the file ends after 100"))
  }

  @Test func aFileCutBetweenChunksMissesItsEndMarker() throws {
    let error = try error { $0.bytes.removeLast(32) }
    #expect(error == LocatedError(
      file: path, place: .byteOffset(surgery.bytes.count - 32),
      message: "the file ends without the end-of-stream marker after 3 chunks (was it cut short or never finished?)"))
  }

  @Test func aPayloadChecksumMismatchNamesTheChunk() throws {
    let second = surgery.chunkOffsets[1]
    let payloadBytes = Int(surgery.u32(at: second + 12))
    let error = try error { $0.put($0.bytes[second + 40] ^ 0x10, at: second + 40) }
    #expect(error?.place == .byteOffset(second + 32))
    #expect(error?.message.hasPrefix("chunk 2 (run 11): payload checksum mismatch: stored CRC-32C 0x") == true)
    #expect(error?.message.hasSuffix("over \(payloadBytes) bytes") == true)
  }

  @Test func aDamagedChunkHeaderFailsItsOwnChecksum() throws {
    let second = surgery.chunkOffsets[1]
    let error = try error { $0.put(UInt32(12), at: second + 4) }  // the run number
    #expect(error?.place == .byteOffset(second))
    #expect(error?.message.hasPrefix("chunk 2: chunk header checksum mismatch: stored CRC-32C 0x") == true)
    #expect(error?.message.hasSuffix("(the header is damaged)") == true)
  }

  @Test func aMissingChunkIsCaughtByTheEndMarkerCounts() throws {
    let second = surgery.chunkOffsets[1], third = surgery.chunkOffsets[2]
    let error = try error { $0.bytes.removeSubrange(second..<third) }
    #expect(error == LocatedError(
      file: path, place: .byteOffset(surgery.bytes.count - 32 - (third - second)),
      message: "the end-of-stream marker counts 3 chunks and 4 events, but the file holds 2 chunks and 3 events (chunks are missing)"))
  }

  @Test func anEndMarkerCountingMoreChunksThanAnyFileHoldsIsRefusedNotTrapped() throws {
    let end = surgery.bytes.count - 32
    let error = try error { file in
      file.put(UInt32(0), at: end + 8)
      file.put(UInt32(0x8000_0000), at: end + 12)  // 2^63 chunks
      file.resealEndMarker()
    }
    #expect(error?.file == path)
    #expect(error?.place == .byteOffset(end))
    #expect(error?.message.hasSuffix("end-of-stream marker counts 9223372036854775808 chunks and 4 events, more than a file can hold (the marker is damaged)") == true)
  }

  @Test func bytesAfterTheEndMarkerAreAnError() throws {
    let error = try error { $0.bytes.append(contentsOf: [1, 2, 3]) }
    #expect(error == LocatedError(file: path, place: .byteOffset(surgery.bytes.count), message: "3 unexpected bytes after the end-of-stream marker"))
  }

  @Test func cdcLayerBeyond55IsReportedAtTheHit() throws {
    let (error, offset) = try recordError(column: 1, index: 2) { file, at in file.put(UInt8(56), at: at) }
    #expect(error == LocatedError(
      file: path, place: .byteOffset(offset),
      message: "chunk 1 (run 10): run 10 event 1 (#1 of the chunk), CDC hit #2: layer 56 is out of range 0–55"))
  }

  @Test func aWireBeyondItsLayerIsReported() throws {
    let (error, offset) = try recordError(column: 1, index: 0) { file, at in file.put(UInt16(160), at: at + 2) }
    #expect(error == LocatedError(
      file: path, place: .byteOffset(offset),
      message: "chunk 1 (run 10): run 10 event 1 (#1 of the chunk), CDC hit #0: wire 160 is beyond layer 0, which has wires 0–159"))
  }

  @Test(arguments: [UInt16(0), 577, 65535])
  func triggerCellIdsOutside1To576AreReported(id: UInt16) throws {
    let (error, offset) = try recordError(column: 2, index: 1) { file, at in file.put(id, at: at) }
    #expect(error == LocatedError(
      file: path, place: .byteOffset(offset),
      message: "chunk 1 (run 10): run 10 event 1 (#1 of the chunk), ECL trigger-cell hit #1: trigger-cell id \(id) is out of range 1–576"))
  }

  @Test(arguments: [(Float.nan, "energyGeV is NaN"), (.infinity, "energyGeV is infinite"), (-0.5, "energyGeV -0.5 is negative")])
  func unphysicalTriggerCellEnergiesAreReported(energy: Float, message: String) throws {
    let (error, offset) = try recordError(column: 2, index: 0) { file, at in file.put(energy, at: at + 4) }
    #expect(error == LocatedError(
      file: path, place: .byteOffset(offset),
      message: "chunk 1 (run 10): run 10 event 1 (#1 of the chunk), ECL trigger-cell hit #0: \(message)"))
  }

  @Test func aKLMSectorBeyondTheBarrelIsReported() throws {
    let (error, offset) = try recordError(column: 3, index: 0) { file, at in file.put(UInt8(9), at: at + 1) }
    #expect(error == LocatedError(
      file: path, place: .byteOffset(offset),
      message: "chunk 1 (run 10): run 10 event 1 (#1 of the chunk), KLM hit #0: sector 9 is out of range 1–8 for the barrel KLM"))
  }

  @Test func aKLMLayerBeyondTheBackwardEndcapIsReported() throws {
    let (error, offset) = try recordError(column: 3, index: 1) { file, at in file.put(UInt8(13), at: at + 2) }
    #expect(error == LocatedError(
      file: path, place: .byteOffset(offset),
      message: "chunk 1 (run 10): run 10 event 1 (#1 of the chunk), KLM hit #1: layer 13 is out of range 1–12 for the backward KLM"))
  }

  @Test func aNegativeClusterEnergyIsReported() throws {
    let (error, offset) = try recordError(column: 5, index: 0) { file, at in file.put(Float(-1), at: at) }
    #expect(error?.place == .byteOffset(offset))
    #expect(error?.message == "chunk 1 (run 10): run 10 event 1 (#1 of the chunk), ECL cluster #0: energyGeV -1.0 is negative")
  }

  @Test func nonZeroReservedBytesAreReported() throws {
    let (error, offset) = try recordError(column: 1, index: 1) { file, at in file.put(UInt8(5), at: at + 1) }
    #expect(error?.place == .byteOffset(offset))
    #expect(error?.message == "chunk 1 (run 10): run 10 event 1 (#1 of the chunk), CDC hit #1: reserved bytes or codes are not as the format requires (record bytes 08 05 9F 00 2C 01 37 00)")
  }

  @Test func anEventOfAnotherRunInAChunkIsReported() throws {
    let chunk = surgery.chunkOffsets[0]
    let (error, _) = try recordError(column: 0, index: 1) { file, at in file.put(UInt32(11), at: at) }
    #expect(error == LocatedError(
      file: path, place: .byteOffset(chunk + 32 + 32),
      message: "chunk 1 (run 10): event #2 of the chunk (run 11 event 2) is in a chunk of run 10"))
  }

  @Test func theParallelReaderReportsTheSameFirstError() throws {
    let second = surgery.chunkOffsets[1]
    var edited = surgery
    edited.put(edited.bytes[second + 40] ^ 0x10, at: second + 40)
    try edited.save(to: path)
    let sequential = EventFiles.readError(path)
    var delivered = 0
    #expect(throws: sequential!) {
      try TRGReader(path: path).forEachChunk(threads: 2) { delivered += $0.count }
    }
    #expect(delivered == 2)  // the intact first chunk came through before the error
  }

  // MARK: --skip-corrupt

  @Test func skipCorruptSkipsAChunkWithABadChecksumAndCountsIt() throws {
    let second = surgery.chunkOffsets[1]
    var edited = surgery
    edited.put(edited.bytes[second + 40] ^ 0x10, at: second + 40)
    try edited.save(to: path)
    let (events, source) = try EventFiles.readWithSource(path, skipCorrupt: true)
    #expect(events.map(\.header.eventNumber) == [1, 2, 4])
    #expect(source.skipReport.chunks == 1 && source.skipReport.events == 1 && source.skipReport.eventCountIsExact)
    #expect(source.skipReport.summary == "skipped 1 damaged chunk holding 1 event")
    #expect(source.skipReport.problems.count == 1)
  }

  @Test func skipCorruptFindsTheNextChunkAfterADamagedHeader() throws {
    let second = surgery.chunkOffsets[1]
    var edited = surgery
    edited.put(UInt32(0xDEAD_BEEF), at: second + 12)  // the payload length: the walk is lost
    try edited.save(to: path)
    let (events, source) = try EventFiles.readWithSource(path, skipCorrupt: true)
    #expect(events.map(\.header.eventNumber) == [1, 2, 4])
    #expect(source.skipReport.chunks == 1)
    #expect(source.skipReport.events == 1)  // from the end marker's count
    #expect(source.skipReport.eventCountIsExact)
  }

  @Test func skipCorruptOnATruncatedFileKeepsWhatCameBeforeAndSaysSo() throws {
    let last = surgery.chunkOffsets[2]
    var edited = surgery
    edited.bytes.removeLast(edited.bytes.count - (last + 40))
    try edited.save(to: path)
    let (events, source) = try EventFiles.readWithSource(path, skipCorrupt: true)
    #expect(events.map(\.header.eventNumber) == [1, 2, 3])
    #expect(source.skipReport.chunks == 1 && source.skipReport.events == 1 && source.skipReport.endMarkerMissing)
    #expect(source.skipReport.summary == "skipped 1 damaged chunk holding 1 event; the end-of-stream marker is missing, so events after the damage may be lost")
  }
}

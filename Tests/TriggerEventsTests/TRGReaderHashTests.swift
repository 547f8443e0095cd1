import Foundation
import TestSupport
import Testing
import TriggerEvents

/// The reader's SHA-256, taken while the chunks pass, is the hash of the whole file: whatever
/// the thread count, however much was read, and on damaged files read with --skip-corrupt.
@Suite struct TRGReaderHashTests {
  let directory = TemporaryDirectory()
  let path: String

  /// The events of a file over 8 MiB (the reader's release step), made once.
  static let events = HandBuiltEvents.synthetic(count: 3_600, runs: 4)

  /// The file, in many small chunks.
  init() throws {
    path = directory.file("large.trg")
    try EventFiles.write(Self.events, to: path, chunkCapacityBytes: 1 << 18)
  }

  func hashWhileReading(threads: Int, skipCorrupt: Bool = false) throws -> String? {
    let reader = try TRGReader(path: path, skipCorrupt: skipCorrupt, hashing: true)
    try reader.forEachChunk(threads: threads) { _ in }
    return try reader.sha256Hex()
  }

  @Test(arguments: [1, 2, 3])
  func theHashTakenWhileReadingIsTheWholeFilesHash(threads: Int) throws {
    let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
    #expect(size > 9 << 20)
    #expect(try hashWhileReading(threads: threads) == (try SHA256.hex(ofFile: path)))
  }

  @Test func aReaderThatReadNothingHashesTheWholeFileAndKeepsTheDigest() throws {
    let reader = try TRGReader(path: path, hashing: true), expected = try SHA256.hex(ofFile: path)
    #expect(try reader.sha256Hex() == expected)
    #expect(try reader.sha256Hex() == expected)
  }

  @Test func aReaderOpenedWithoutHashingHasNoHash() throws {
    let reader = try TRGReader(path: path)
    try reader.forEachChunk(threads: 1) { _ in }
    #expect(try reader.sha256Hex() == nil)
  }

  @Test func skippedDamageAndATruncatedEndAreHashedAsTheyAre() throws {
    var surgery = try TRGSurgery(path: path)
    let second = surgery.chunkOffsets[1]
    surgery.put(surgery.bytes[second + 40] ^ 0x10, at: second + 40)  // a payload checksum mismatch
    surgery.bytes.removeLast(surgery.bytes.count - (surgery.chunkOffsets[surgery.chunkOffsets.count - 1] + 40))
    try surgery.save(to: path)
    let expected = try SHA256.hex(ofFile: path)
    for threads in [1, 2] {
      #expect(try hashWhileReading(threads: threads, skipCorrupt: true) == expected)
    }
  }
}

import TriggerSupport
/// Writes a decision stream, record by record, atomically: nothing appears at `path` until
/// `finish()` succeeds (docs/decision-stream.md). Memory stays at one 256 KiB buffer.
public final class DecisionStreamWriter {
  public let path: String
  public let stream: DecisionStream
  /// Records appended so far.
  public private(set) var recordCount = 0

  private let output: AtomicOutputFile
  private var buffer: [UInt8] = []
  private var crc: UInt32 = 0
  private var finished = false
  private static let flushBytes = 256 << 10

  /// Opens the writer and writes the header.
  public init(path: String, stream: DecisionStream) throws {
    self.path = path
    self.stream = stream
    output = try AtomicOutputFile(path: path)
    try output.write(
      TRGFormat.fileHeader(magic: DecisionStream.magic, version: DecisionStream.version, field: UInt32(stream.recordBytes), metadata: try stream.metadata))
    buffer.reserveCapacity(Self.flushBytes + stream.recordBytes)
  }

  /// Appends one event's decisions; each word buffer has the stream's word count for its kind
  /// (an empty buffer stands for all zero, as for the HLT of an event L1 rejected).
  public func append(
    run: UInt32, eventNumber: UInt32, experiment: UInt16, firmwareModel: Int, l1Accepted: Bool, hltKept: Bool, bits: UnsafeBufferPointer<UInt64>,
    raw: UnsafeBufferPointer<UInt64>, accepted: UnsafeBufferPointer<UInt64>, hltRaw: UnsafeBufferPointer<UInt64>, hltAccepted: UnsafeBufferPointer<UInt64>
  ) throws {
    precondition(!finished, "DecisionStreamWriter.append after finish()")
    let start = buffer.count
    buffer.append(contentsOf: repeatElement(0, count: stream.recordBytes))
    buffer.withUnsafeMutableBytes { bytes in
      let p = bytes.baseAddress! + start
      p.putLE(run, at: 0)
      p.putLE(eventNumber, at: 4)
      p.putLE(experiment, at: 8)
      p.putLE(UInt16(firmwareModel), at: 10)
      p.putLE(UInt8((l1Accepted ? 1 : 0) | (hltKept ? 2 : 0)), at: 12)
      var offset = DecisionStream.fixedRecordBytes
      func put(_ words: UnsafeBufferPointer<UInt64>, _ count: Int) {
        for index in 0..<min(count, words.count) { p.putLE(words[index], at: offset + 8 * index) }
        offset += 8 * count
      }
      put(bits, stream.bitWords)
      put(raw, stream.lineWords)
      put(accepted, stream.lineWords)
      put(hltRaw, stream.hltWords)
      put(hltAccepted, stream.hltWords)
    }
    recordCount += 1
    if buffer.count >= Self.flushBytes { try flush() }
  }

  /// Appends `record` (tests and tools that build streams by hand).
  public func append(_ record: DecisionRecord) throws {
    try record.bits.withUnsafeBufferPointer { bits in
      try record.raw.withUnsafeBufferPointer { raw in
        try record.accepted.withUnsafeBufferPointer { accepted in
          try record.hltRaw.withUnsafeBufferPointer { hltRaw in
            try record.hltAccepted.withUnsafeBufferPointer { hltAccepted in
              try append(
                run: record.run, eventNumber: record.eventNumber, experiment: record.experiment, firmwareModel: record.firmwareModel,
                l1Accepted: record.l1Accepted, hltKept: record.hltKept, bits: bits, raw: raw, accepted: accepted, hltRaw: hltRaw, hltAccepted: hltAccepted)
            }
          }
        }
      }
    }
  }

  /// Writes the remaining records and the end-of-stream marker, then moves the file into place.
  public func finish() throws {
    guard !finished else { return }
    try flush()
    var end = [UInt8](repeating: 0, count: DecisionStream.endBytes)
    end.withUnsafeMutableBytes { p in
      p.baseAddress!.putLE(DecisionStream.endMagic, at: 0)
      p.baseAddress!.putLE(UInt64(recordCount), at: 8)
      p.baseAddress!.putLE(crc, at: 16)
      p.baseAddress!.putLE(TRGFormat.crc32c(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(p)[0..<28])), at: 28)
    }
    try output.write(end)
    try output.commit()
    finished = true
  }

  private func flush() throws {
    guard !buffer.isEmpty else { return }
    crc = buffer.withUnsafeBytes { TRGFormat.crc32c($0, continuing: crc) }
    try output.write(buffer)
    buffer.removeAll(keepingCapacity: true)
  }
}

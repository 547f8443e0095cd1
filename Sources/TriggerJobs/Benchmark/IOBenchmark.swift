import Foundation
import TriggerEvents
import TriggerSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `.trg` I/O benchmark: writes a synthetic file, then in the same run measures raw read
/// throughput (bytes into a buffer, nothing decoded) and the full streaming read (checksums,
/// decoding and validation into event records), and their ratio.
///
/// Both reads see the file in the page cache (the raw read goes first and warms it), so the
/// ratio isolates what decoding costs against plain `read(2)` on the same machine and moment.
public struct IOBenchmark {
  /// One measured pass over the file.
  public struct Pass: Sendable {
    public var seconds: Double
    public var bytes: Int
    public var events: Int
    public var megabytesPerSecond: Double { Double(bytes) / 1e6 / seconds }
    public var eventsPerSecond: Double { Double(events) / seconds }
  }

  public struct Result: Sendable {
    public var fileBytes: Int
    public var events: Int
    public var writeSeconds: Double
    public var chunkCapacityBytes: Int
    /// Best of the repetitions for each pass.
    public var raw: Pass
    /// Decoding on one thread, and on `threads` threads (chunks still delivered in order).
    public var decodedSingleThread: Pass
    public var decoded: Pass
    public var threads: Int
    /// Decoded (on `threads` threads) over raw throughput (target ≥ 0.5).
    public var ratio: Double { decoded.megabytesPerSecond / raw.megabytesPerSecond }
    public var singleThreadRatio: Double { decodedSingleThread.megabytesPerSecond / raw.megabytesPerSecond }
  }

  public var path: String
  public var targetBytes: Int
  public var repetitions: Int
  public var seed: UInt64
  public var chunkCapacityBytes: Int
  public var threads: Int

  public init(
    path: String, targetBytes: Int = 256_000_000, repetitions: Int = 5, seed: UInt64 = 1,
    chunkCapacityBytes: Int = TRGFormat.defaultChunkCapacityBytes, threads: Int = 2
  ) {
    self.path = path
    self.threads = threads
    self.chunkCapacityBytes = chunkCapacityBytes
    self.targetBytes = targetBytes
    self.repetitions = repetitions
    self.seed = seed
  }

  /// Runs the benchmark; `progress` receives one line per step.
  public func run(progress: (String) -> Void = { _ in }) throws -> Result {
    let writeStart = Date()
    let events = try writeFile()
    let writeSeconds = Date().timeIntervalSince(writeStart)
    let fileBytes = try fileSize()
    progress("wrote \(fileBytes / 1_000_000) MB, \(events) events in \(String(format: "%.2f", writeSeconds)) s")

    var raw: Pass?, single: Pass?, decoded: Pass?
    func best(_ a: Pass?, _ b: Pass) -> Pass { a.map { $0.seconds <= b.seconds ? $0 : b } ?? b }
    for repetition in 1...repetitions {
      let r = try rawRead(bytes: fileBytes, events: events)
      let s = try decodedRead(bytes: fileBytes, threads: 1)
      let d = try decodedRead(bytes: fileBytes, threads: threads)
      progress(String(
        format: "pass %d/%d: raw read %.0f MB/s, decoded on 1 thread %.0f MB/s, on %d threads %.0f MB/s", repetition,
        repetitions, r.megabytesPerSecond, s.megabytesPerSecond, threads, d.megabytesPerSecond))
      raw = best(raw, r)
      single = best(single, s)
      decoded = best(decoded, d)
    }
    return Result(
      fileBytes: fileBytes, events: events, writeSeconds: writeSeconds, chunkCapacityBytes: chunkCapacityBytes, raw: raw!,
      decodedSingleThread: single!, decoded: decoded!, threads: threads)
  }

  private func writeFile() throws -> Int {
    let writer = try TRGWriter(path: path, metadata: ["generator": "trigemu bench io", "seed": "\(seed)"], chunkCapacityBytes: chunkCapacityBytes)
    var synthetic = SyntheticEvents(seed: seed)
    var event = Event(header: EventHeader(experiment: 0, run: 0, eventNumber: 0, process: .synthetic))
    var bytes = 0
    var number: UInt32 = 0
    while bytes < targetBytes {
      let run = 1 + number / 20_000
      synthetic.fill(&event, run: run, eventNumber: number)
      try writer.append(event.view)
      bytes += event.view.encodedBytes
      number += 1
    }
    try writer.finish()
    return writer.eventCount
  }

  private func fileSize() throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.size] as? Int) ?? 0
  }

  /// `read(2)` of the whole file into one reused 1 MiB buffer; nothing is looked at.
  private func rawRead(bytes: Int, events: Int) throws -> Pass {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw LocatedError(file: path, place: .wholeFile, message: "cannot open: \(systemError())") }
    defer { close(descriptor) }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    let start = DispatchTime.now()
    var total = 0
    while true {
      let got = read(descriptor, buffer.baseAddress!, buffer.count)
      guard got > 0 else { break }
      total += got
    }
    return Pass(seconds: seconds(since: start), bytes: total, events: events)
  }

  /// `TRGReader` over the file: every chunk checksummed, decoded and validated into an
  /// `EventChunk`, delivered in file order to this thread.
  private func decodedRead(bytes: Int, threads: Int) throws -> Pass {
    let start = DispatchTime.now()
    let reader = try TRGReader(path: path)
    var events = 0
    var hits = 0
    try reader.forEachChunk(threads: threads) { chunk in
      events += chunk.count
      hits &+= chunk.cdcHits.count
    }
    guard hits > 0 else { throw LocatedError(file: path, place: .wholeFile, message: "benchmark read no hits") }
    return Pass(seconds: seconds(since: start), bytes: bytes, events: events)
  }

  private func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
  }
}

import Foundation
import TriggerAnalysis
import TriggerEvents
import TriggerSimulation
import TriggerSupport

/// `trigemu run` end to end, as a user runs it: this trigemu's `simulate` and `run` commands as
/// child processes on samples of the default mix, with 1 and 2 threads and at two input sizes
/// (docs/performance.md, "Method").
public struct RunBenchmark: Sendable {
  /// The trigemu executable to run (this one).
  public var executable: String
  /// A shipped menu's name or a menu file.
  public var menu: String
  public var smallEvents: Int
  public var largeEvents: Int
  public var repetitions: Int

  public init(executable: String, menu: String, smallEvents: Int = 100_000, largeEvents: Int = 1_000_000, repetitions: Int = 3) {
    self.executable = executable
    self.menu = menu
    self.smallEvents = smallEvents
    self.largeEvents = largeEvents
    self.repetitions = repetitions
  }

  /// What was measured.
  public struct Result: Sendable {
    /// Events of the small and the large sample, as `trigemu run` counted them.
    public var smallEventCount: Int
    public var largeEventCount: Int
    /// The best pass of each thread count (1 and 2) on the small sample.
    public var best: [Int: ChildRun]
    /// Peak resident memory on the small and the large sample, 2 threads.
    public var peakMemoryMB: (small: Double, large: Double)
    /// SHA-256 of the small sample alone in this process: seconds of hashing and bytes.
    public var hashing: (seconds: Double, bytes: Int)

    public func eventsPerSecond(threads: Int) -> Double { Double(smallEventCount) / best[threads]!.seconds }
    public func cpuMicrosecondsPerEvent(threads: Int) -> Double { best[threads]!.cpuSeconds / Double(smallEventCount) * 1e6 }

    /// The report with the targets: ≥ 400 000 events/s on 2 threads, ≥ 1.7 × the 1-thread
    /// figure, memory that does not grow with the input (within 20 % + 8 MB).
    public var table: TextTable {
      let one = eventsPerSecond(threads: 1), two = eventsPerSecond(threads: 2)
      var table = TextTable(["measurement", "value", "target", "met"])
      table.add(["events/s, 1 thread (\(smallEventCount) events)", String(format: "%.0f", one), "", ""])
      table.add(["events/s, 2 threads", String(format: "%.0f", two), "≥ 400000", two >= 400_000 ? "yes" : "no"])
      table.add(["speed-up 2 / 1 threads", String(format: "%.2f", two / one), "≥ 1.70", two / one >= 1.7 ? "yes" : "no"])
      table.add(["CPU time per event, 1 thread (µs)", String(format: "%.2f", cpuMicrosecondsPerEvent(threads: 1)), "", ""])
      table.add(["CPU time per event, 2 threads (µs)", String(format: "%.2f", cpuMicrosecondsPerEvent(threads: 2)), "", ""])
      table.add(["of which the input's SHA-256 (µs)", String(format: "%.2f", hashing.seconds / Double(smallEventCount) * 1e6), "", ""])
      table.add(["SHA-256 alone, this process (GB/s)", String(format: "%.2f", Double(hashing.bytes) / hashing.seconds / 1e9), "", ""])
      table.add(["peak memory, \(smallEventCount) events (MB)", String(format: "%.1f", peakMemoryMB.small), "", ""])
      table.add([
        "peak memory, \(largeEventCount) events (MB)", String(format: "%.1f", peakMemoryMB.large), "flat",
        peakMemoryMB.large <= peakMemoryMB.small * 1.2 + 8 ? "yes" : "no",
      ])
      return table
    }
  }

  /// Simulates both samples in a temporary folder, times the passes (`log` gets a line per step),
  /// and removes the folder.
  public func run(log: (String) -> Void) throws -> Result {
    let folder = try ScratchFolder(label: "bench-run")
    defer { folder.remove() }
    let small = folder.path("small.trg"), large = folder.path("large.trg"), out = folder.path("tallies.json")
    try simulate(aboutEvents: smallEvents, into: small, folder: folder, log: log)
    try simulate(aboutEvents: largeEvents, into: large, folder: folder, log: log)
    func trigemuRun(_ input: String, threads: Int) throws -> ChildRun {
      try ChildRun.measure(executable: executable, arguments: ["run", "--menu", menu, "--input", input, "--out", out, "--threads", "\(threads)"])
    }
    /// The events the last run read, from its tallies.
    func eventsRead() throws -> Int { try TriggerTallies(path: out).provenance.inputs.reduce(0) { $0 + $1.events } }
    var best: [Int: ChildRun] = [:]
    for repetition in 1...repetitions {
      for threads in [1, 2] {
        let child = try trigemuRun(small, threads: threads)
        if child.seconds < best[threads]?.seconds ?? .infinity { best[threads] = child }
        log(String(format: "  pass %d, %d thread%@: %.3f s (CPU %.3f s)", repetition, threads, threads == 1 ? "" : "s", child.seconds, child.cpuSeconds))
      }
    }
    let smallCount = try eventsRead()
    let smallMemory = try trigemuRun(small, threads: 2).peakMemoryMB
    let largeMemory = try trigemuRun(large, threads: 2).peakMemoryMB
    let largeCount = try eventsRead()
    return Result(
      smallEventCount: smallCount, largeEventCount: largeCount, best: best, peakMemoryMB: (smallMemory, largeMemory), hashing: try hashTime(small))
  }

  /// The best of three SHA-256 passes over the file at `path` in this process, counting only
  /// the hashing of each 4 MiB piece read (not the read itself): seconds, bytes. Read through one
  /// buffer, not mapped: a child started later reports this process's peak memory as its own
  /// when that is larger (`ChildRun`), so this process must stay small.
  func hashTime(_ path: String) throws(LocatedError) -> (seconds: Double, bytes: Int) {
    guard let handle = FileHandle(forReadingAtPath: path) else { throw LocatedError(file: path, message: "cannot open the sample to hash it") }
    defer { try? handle.close() }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4 << 20, alignment: 64)
    defer { buffer.deallocate() }
    var best = Double.infinity, bytes = 0
    for _ in 0..<3 {
      lseek(handle.fileDescriptor, 0, SEEK_SET)
      var hasher = SHA256(), hashing: UInt64 = 0
      bytes = 0
      while true {
        let count = read(handle.fileDescriptor, buffer.baseAddress, buffer.count)
        guard count >= 0 else { throw LocatedError(file: path, message: "read error while hashing: \(String(cString: strerror(errno)))") }
        if count == 0 { break }
        let started = DispatchTime.now().uptimeNanoseconds
        hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        hashing += DispatchTime.now().uptimeNanoseconds - started
        bytes += count
      }
      _ = hasher.finalHex()
      best = min(best, Double(hashing) / 1e9)
    }
    return (best, bytes)
  }

  /// Simulates about `aboutEvents` events of the default mix into `path`: the embedded run list,
  /// its luminosities scaled, written to `folder` and simulated by `trigemu simulate` in a child
  /// process, so that this process stays small (see `ChildRun`).
  func simulate(aboutEvents: Int, into path: String, folder: ScratchFolder, log: (String) -> Void) throws {
    var runs = RunList.default
    let mix = try Simulation.defaultMix(runs: runs)
    let expected = runs.runs.reduce(0.0) { $0 + mix.expectedCounts(for: $1).reduce(0, +) }
    for index in runs.runs.indices { runs.runs[index].luminosityPb *= Double(aboutEvents) / expected }
    let runList = folder.path("runs-\(aboutEvents).csv")
    try runs.csv.write(toFile: runList, atomically: true, encoding: .utf8)
    log("simulating about \(aboutEvents) events")
    _ = try ChildRun.measure(executable: executable, arguments: ["simulate", "--runs", runList, "--out", path])
  }
}

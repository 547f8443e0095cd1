import ArgumentParser
import Foundation
import TriggerSupport
import TriggerAnalysis
import TriggerEmulation
import TriggerEvents
import TriggerSimulation

/// `trigemu bench run`: `trigemu run` end to end, as a user runs it, with 1 and 2 threads and
/// at two input sizes.
struct BenchRun: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Measure trigemu run end to end: events/s with 1 and 2 threads, and peak memory against input size.",
    discussion: """
      Simulates the default process mix (the embedded run list, its luminosities scaled) into \
      temporary files of about --small-events and --large-events events, then runs this \
      trigemu's 'run' command on them as child processes: the small file --repetitions times with \
      --threads 1 and with 2 threads, alternating (best wall time counts, including start-up, menu \
      validation and the input's SHA-256), and each file once with 2 threads for its peak resident \
      memory (the child's maximum RSS from wait4). Also printed: the CPU time per event of the \
      best passes (user + system, from wait4), and the SHA-256 of the small file alone in this \
      process: work every run does on one thread, in file order, whatever the thread count. \
      Targets: ≥ 400 000 events/s with 2 threads, ≥ 1.7 × the 1-thread figure, and peak memory \
      that does not grow with the input.
      """)

  @Option(help: "Trigger menu: a YAML file or a shipped menu's name.")
  var menu = "belle2-lowmult"

  @Option(help: "Events in the small sample (throughput and memory).")
  var smallEvents = 100_000

  @Option(help: "Events in the large sample (memory).")
  var largeEvents = 1_000_000

  @Option(help: "Repetitions of each throughput pass; the best is reported.")
  var repetitions = 3

  func validate() throws {
    guard smallEvents >= 1000, largeEvents >= smallEvents else { throw ValidationError("need 1000 ≤ --small-events ≤ --large-events") }
    guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1") }
  }

  func run() throws {
    _ = try TriggerMenu(named: menu)  // a bad menu stops here, before any sample is simulated
    print("machine: \(MachineDescription.current)")
    let directory = NSTemporaryDirectory() + "trigemu-bench-run-\(getpid())"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let small = directory + "/small.trg", large = directory + "/large.trg", out = directory + "/tallies.json"
    try simulate(aboutEvents: smallEvents, into: small, directory: directory)
    try simulate(aboutEvents: largeEvents, into: large, directory: directory)
    func trigemuRun(_ input: String, threads: Int) throws -> ChildRun {
      try ChildRun.measure(arguments: ["run", "--menu", menu, "--input", input, "--out", out, "--threads", "\(threads)"])
    }
    /// The events the last run read, from its tallies.
    func eventsRead() throws -> Int { try TriggerTallies(path: out).provenance.inputs.reduce(0) { $0 + $1.events } }
    var best: [Int: ChildRun] = [:]
    for repetition in 1...repetitions {
      for threads in [1, 2] {
        let child = try trigemuRun(small, threads: threads)
        if child.seconds < best[threads]?.seconds ?? .infinity { best[threads] = child }
        print(String(format: "  pass %d, %d thread%@: %.3f s (CPU %.3f s)", repetition, threads, threads == 1 ? "" : "s", child.seconds, child.cpuSeconds))
      }
    }
    let smallCount = try eventsRead()
    let rates = [1: Double(smallCount) / best[1]!.seconds, 2: Double(smallCount) / best[2]!.seconds]
    let cpuMicroseconds = [1: best[1]!.cpuSeconds / Double(smallCount) * 1e6, 2: best[2]!.cpuSeconds / Double(smallCount) * 1e6]
    let memory = [try trigemuRun(small, threads: 2).peakMemoryMB, try trigemuRun(large, threads: 2).peakMemoryMB]
    let largeCount = try eventsRead()
    let hashing = try hashTime(small)
    var table = TextTable(["measurement", "value", "target", "met"])
    table.add(["events/s, 1 thread (\(smallCount) events)", String(format: "%.0f", rates[1]!), "", ""])
    table.add(["events/s, 2 threads", String(format: "%.0f", rates[2]!), "≥ 400000", rates[2]! >= 400_000 ? "yes" : "no"])
    table.add(["speed-up 2 / 1 threads", String(format: "%.2f", rates[2]! / rates[1]!), "≥ 1.70", rates[2]! / rates[1]! >= 1.7 ? "yes" : "no"])
    table.add(["CPU time per event, 1 thread (µs)", String(format: "%.2f", cpuMicroseconds[1]!), "", ""])
    table.add(["CPU time per event, 2 threads (µs)", String(format: "%.2f", cpuMicroseconds[2]!), "", ""])
    table.add(["of which the input's SHA-256 (µs)", String(format: "%.2f", hashing.seconds / Double(smallCount) * 1e6), "", ""])
    table.add(["SHA-256 alone, this process (GB/s)", String(format: "%.2f", Double(hashing.bytes) / hashing.seconds / 1e9), "", ""])
    table.add(["peak memory, \(smallCount) events (MB)", String(format: "%.1f", memory[0]), "", ""])
    table.add([
      "peak memory, \(largeCount) events (MB)", String(format: "%.1f", memory[1]), "flat",
      memory[1] <= memory[0] * 1.2 + 8 ? "yes" : "no",
    ])
    print(table.rendered)
    print("(400 000 events/s with two threads busy is at most 5.00 µs of CPU per event, everything included.)")
  }

  /// The best of three SHA-256 passes over the file at `path` in this process, counting only
  /// the hashing of each 4 MiB piece read (not the read itself): seconds, bytes. Read through one
  /// buffer, not mapped: a child started later reports this process's peak memory as its own
  /// when that is larger (`ChildRun`), so this process must stay small.
  func hashTime(_ path: String) throws -> (seconds: Double, bytes: Int) {
    guard let handle = FileHandle(forReadingAtPath: path) else { throw CLIError("\(path): cannot open the sample to hash it") }
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
        guard count >= 0 else { throw CLIError("\(path): read error while hashing: \(String(cString: strerror(errno)))") }
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
  /// its luminosities scaled, written to `directory` and simulated by `trigemu simulate` in a
  /// child process, so that this process stays small (see `ChildRun`).
  func simulate(aboutEvents: Int, into path: String, directory: String) throws {
    var runs = RunList.default
    let mix = try Simulation.defaultMix(runs: runs)
    let expected = runs.runs.reduce(0.0) { $0 + mix.expectedCounts(for: $1).reduce(0, +) }
    for index in runs.runs.indices { runs.runs[index].luminosityPb *= Double(aboutEvents) / expected }
    let runList = directory + "/runs-\(aboutEvents).csv"
    try runs.csv.write(toFile: runList, atomically: true, encoding: .utf8)
    print("simulating about \(aboutEvents) events")
    _ = try ChildRun.measure(arguments: ["simulate", "--runs", runList, "--out", path])
  }
}

/// One run of this executable as a child process: wall time, CPU time (user + system, all its
/// threads) and peak resident memory.
///
/// The peak is the child's maximum RSS from wait4, which on Linux is at least the peak of the
/// process that started it (posix_spawn shares this process's memory until the child's exec, and
/// the kernel counts it then): only a small parent lets the child's own peak show.
struct ChildRun {
  var seconds: Double
  var cpuSeconds: Double
  var peakMemoryMB: Double

  static func measure(arguments: [String]) throws -> ChildRun {
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    var pid: pid_t = 0
    let started = DispatchTime.now().uptimeNanoseconds
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else { throw CLIError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    guard wait4(pid, &status, 0, &usage) == pid else { throw CLIError("lost the child process \(pid)") }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
      throw CLIError("trigemu \(arguments.joined(separator: " ")) failed (wait status \(status))")
    }
    func cpu(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return ChildRun(seconds: seconds, cpuSeconds: cpu(usage.ru_utime) + cpu(usage.ru_stime), peakMemoryMB: Double(usage.ru_maxrss) / 1024)
  }
}

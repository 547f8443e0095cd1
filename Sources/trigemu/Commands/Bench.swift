import ArgumentParser
import Foundation
import TriggerJobs
import TriggerSupport
import TriggerEmulation
import TriggerEvents
import TriggerSimulation

/// `trigemu bench …`: benchmarks, run in release builds and recorded in the README.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a benchmark (build with -c release for meaningful numbers).",
    subcommands: [BenchIO.self, BenchSimulate.self, BenchEmulate.self, BenchRun.self])
}

/// `trigemu bench io`: raw read against full decoding of the same `.trg` file, in one run.
struct BenchIO: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "io",
    abstract: "Measure .trg read throughput: raw read(2) against checked, decoded streaming reads.",
    discussion: """
      Writes a synthetic .trg file, then alternates three passes over it, several times: (a) raw \
      read(2) into one buffer with nothing decoded, (b1) the streaming reader on one thread and \
      (b2) on --threads threads (checksums, record checks and decoding into event arrays; chunks \
      delivered in file order). Prints the best of each and the ratio b/a (target ≥ 0.5). The file \
      is in the page cache for every pass, so the ratio isolates decoding cost from disk speed.
      """)

  @Option(help: "Size of the synthetic file in MB (at least 200 for the recorded figure).")
  var sizeMB = 256

  @Option(help: "Repetitions of each pass; the best is reported.")
  var repetitions = 5

  @Option(help: "Threads for the parallel decoding pass.")
  var threads = 2

  @Option(help: "Chunk capacity of the synthetic file in KiB.")
  var chunkKiB = TRGFormat.defaultChunkCapacityBytes / 1024

  @Option(help: "Where to write the synthetic file (default: a temporary file, deleted afterwards).")
  var file: String?

  func validate() throws {
    guard sizeMB >= 1 else { throw ValidationError("--size-mb must be at least 1") }
    guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1") }
    guard (1...64).contains(threads) else { throw ValidationError("--threads must be 1–64") }
  }

  func run() throws {
    let path = file ?? NSTemporaryDirectory() + "trigemu-bench-io-\(getpid()).trg"
    defer { if file == nil { try? FileManager.default.removeItem(atPath: path) } }
    print("machine: \(MachineDescription.current)")
    print("CRC-32C: \(TRGFormat.checksumIsHardwareAccelerated ? "SSE 4.2 instruction" : "lookup table")")
    let benchmark = IOBenchmark(
      path: path, targetBytes: sizeMB * 1_000_000, repetitions: repetitions, chunkCapacityBytes: chunkKiB * 1024,
      threads: threads)
    let result = try benchmark.run { print($0) }
    var table = TextTable(["pass", "MB/s", "events/s", "ratio to raw"])
    table.add(["raw read(2), no decoding", format(result.raw.megabytesPerSecond), format(result.raw.eventsPerSecond), "1.00"])
    table.add([
      "decoded, 1 thread", format(result.decodedSingleThread.megabytesPerSecond),
      format(result.decodedSingleThread.eventsPerSecond), String(format: "%.2f", result.singleThreadRatio),
    ])
    table.add([
      "decoded, \(result.threads) threads", format(result.decoded.megabytesPerSecond), format(result.decoded.eventsPerSecond),
      String(format: "%.2f", result.ratio),
    ])
    print("\nfile: \(result.fileBytes / 1_000_000) MB, \(result.events) events, chunks of \(result.chunkCapacityBytes / 1024) KiB")
    print(table.rendered)
    print(String(format: "\nratio b/a = %.2f (%d threads; target ≥ 0.5)", result.ratio, result.threads))
  }

  private func format(_ value: Double) -> String { String(format: "%.0f", value) }
}

/// `trigemu bench simulate`: simulation speed for the default mix.
struct BenchSimulate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Measure events simulated per second for the default process mix (written to a .trg file).",
    discussion: """
      Simulates the embedded default run list (22.5 pb⁻¹, ~74 000 events) with the default \
      processes and scales, writing a .trg file, on one thread and then on --threads threads, \
      best of --repetitions each, and prints events per second (target ≥ 100 000). Generation, \
      detector response and writing are all timed; with one thread, writing overlaps simulation.
      """)

  @Option(help: "Threads for the parallel pass.")
  var threads = 2

  @Option(help: "Repetitions of each pass; the best is reported.")
  var repetitions = 3

  @Option(help: "Where to write the sample (default: a temporary file, deleted afterwards).")
  var file: String?

  func run() throws {
    let path = file ?? NSTemporaryDirectory() + "trigemu-bench-simulate-\(getpid()).trg"
    defer { if file == nil { try? FileManager.default.removeItem(atPath: path) } }
    print("machine: \(MachineDescription.current)")
    let simulation = try Simulation(runs: .default, processList: nil, scaleSpecs: [], seed: 1)
    var table = TextTable(["threads", "events", "seconds", "events/s"])
    for threadCount in Array(Set([1, threads])).sorted() {
      var best = Double.infinity, events = 0
      for repetition in 1...max(1, repetitions) {
        let sink = try TRGWriter(path: path, metadata: simulation.metadata)
        let started = Date()
        let report = try simulation.run(into: sink, threads: threadCount)
        try sink.finish()
        let seconds = Date().timeIntervalSince(started)
        best = min(best, seconds)
        events = report.totalEvents
        print("\(threadCount) thread\(threadCount == 1 ? "" : "s"), pass \(repetition): \(events) events in \(String(format: "%.3f", seconds)) s (\(String(format: "%.0f", Double(events) / seconds)) events/s)")
      }
      table.add(["\(threadCount)", "\(events)", String(format: "%.3f", best), String(format: "%.0f", Double(events) / best)])
    }
    print("\n" + table.rendered)
  }
}

/// `trigemu bench emulate`: the L1 processor chain against reading alone, single-threaded.
struct BenchEmulate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "emulate",
    abstract: "Measure events/s of the full L1 processor chain on the default simulated mix, single-threaded.",
    discussion: """
      Simulates the embedded default run list with the default mix (or reads --file if it exists), \
      then, on one thread and best of --repetitions, times (a) reading and decoding the events and \
      (b) reading them and running the CDC, ECL and KLM processors (segment finder, Hough finder, \
      fitters, vertexing, clustering, sectors). Target: ≥ 250 000 events/s for (b).
      """)

  @Option(help: "Repetitions of each pass; the best is reported.")
  var repetitions = 5

  @Option(help: "A .trg sample to use (simulated and kept there when it does not exist).")
  var file: String?

  func run() throws {
    let path = file ?? NSTemporaryDirectory() + "trigemu-bench-emulate-\(getpid()).trg"
    defer { if file == nil { try? FileManager.default.removeItem(atPath: path) } }
    print("machine: \(MachineDescription.current)")
    if !FileManager.default.fileExists(atPath: path) {
      let simulation = try Simulation(runs: .default, processList: nil, scaleSpecs: [], seed: 1)
      let sink = try TRGWriter(path: path, metadata: simulation.metadata)
      let report = try simulation.run(into: sink, threads: ProcessInfo.processInfo.activeProcessorCount)
      try sink.finish()
      print("simulated \(report.totalEvents) events of the default mix (ee, gg, mumu, tautau, eemumu, beam background) into \(path)")
    }
    let result = try EmulationBenchmark(path: path, repetitions: repetitions).run { print($0) }
    var table = TextTable(["pass (1 thread)", "events", "seconds", "events/s"])
    table.add(["read and decode", "\(result.read.events)", String(format: "%.3f", result.read.seconds), String(format: "%.0f", result.read.eventsPerSecond)])
    table.add(["read + L1 chain", "\(result.emulate.events)", String(format: "%.3f", result.emulate.seconds), String(format: "%.0f", result.emulate.eventsPerSecond)])
    print("\n" + table.rendered)
    let chainOnly = 1 / (1 / result.emulate.eventsPerSecond - 1 / result.read.eventsPerSecond)
    print(String(format: "\nL1 chain alone: %.0f events/s (%.2f µs per event); %d trigger tracks found", chainOnly, 1e6 / chainOnly, result.tracks))
    let stages = try EmulationBenchmark(path: path, repetitions: repetitions).stages()
    var stageTable = TextTable(["chain cut after", "µs per event", "stage alone (µs)"])
    var previous = 0.0
    for (stage, seconds) in stages {
      stageTable.add([stage.description, String(format: "%.2f", seconds * 1e6), String(format: "%.2f", (seconds - previous) * 1e6)])
      previous = seconds
    }
    let chain = stages.last!.secondsPerEvent
    print("\nPer stage, fastest of \(repetitions) repetitions of each chunk summed over the chunks (reading excluded):")
    print(stageTable.rendered)
    print(String(format: "L1 chain alone, noise-filtered: %.0f events/s (%.2f µs per event); with reading: %.0f events/s", 1 / chain, chain * 1e6, 1 / (chain + 1 / result.read.eventsPerSecond)))
  }
}

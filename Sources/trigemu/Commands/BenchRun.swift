import ArgumentParser
import Foundation
import TriggerSupport
import TriggerEmulation
import TriggerEvents
import TriggerJobs

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
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    let benchmark = RunBenchmark(executable: executable, menu: menu, smallEvents: smallEvents, largeEvents: largeEvents, repetitions: repetitions)
    let result = try benchmark.run { print($0) }
    print(result.table.rendered)
    print("(400 000 events/s with two threads busy is at most 5.00 µs of CPU per event, everything included.)")
  }
}

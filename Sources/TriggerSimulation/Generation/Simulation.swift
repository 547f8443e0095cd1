import Foundation
import TriggerEvents

/// A simulation job: runs × processes → a stream of raw-like events, deterministic for a seed.
///
/// Per run and process the event count is Poisson(σ × L_run × scale); an event kept with
/// fraction `scale` gets weight 1/scale so rates stay right. Within a run, processes are
/// interleaved at random (like data). Every event's random numbers are seeded from (seed, run,
/// process, index within the process), so the output is identical whatever the thread count.
public struct Simulation: Sendable {
  public var runs: RunList
  public var processes: [any PhysicsProcess]
  /// Fraction of events kept per process name (1 when absent).
  public var scales: [String: Double]
  public var seed: UInt64

  public init(runs: RunList, processes: [any PhysicsProcess], scales: [String: Double] = [:], seed: UInt64 = 1) {
    self.runs = runs
    self.processes = processes
    self.scales = scales
    self.seed = seed
  }

  /// Fraction of events of `process` kept.
  public func scale(of process: any PhysicsProcess) -> Double { scales[process.name] ?? 1 }

  /// Expected events of each process in `run` (after scaling): σ [nb] × L [pb⁻¹] × 1000 × scale.
  public func expectedCounts(for run: RunInfo) -> [Double] {
    processes.map { $0.crossSectionNb * 1000 * run.luminosityPb * scale(of: $0) }
  }

  /// The events of each process simulated in `run`: Poisson draws around `expectedCounts`.
  public func counts(for run: RunInfo) -> [Int] {
    var random = EventRandom(seed: seed, run: run.run, stream: .max, index: 0)
    return expectedCounts(for: run).map { random.poisson(mean: $0) }
  }

  /// The file metadata describing this job.
  public var metadata: [String: String] {
    [
      "generator": "trigemu simulate",
      "seed": "\(seed)",
      "processes": processes.map { "\($0.name) sigma_nb=\($0.crossSectionNb) scale=\(scale(of: $0))" }.joined(separator: "; "),
      "runs": runs.runs.map { "\($0.run):\($0.luminosityPb)pb" }.joined(separator: " "),
    ]
  }

  /// Simulates every run into `sink`, `batchSize` events at a time on `threads` threads;
  /// `progress(done, total)` is called after each batch.
  public func run(into sink: any EventSink, threads: Int = 2, batchSize: Int = 2048, progress: (Int, Int) -> Void = { _, _ in }) throws -> SimulationReport {
    let plan = runs.runs.map { ($0, counts(for: $0)) }
    let total = plan.reduce(0) { $0 + $1.1.reduce(0, +) }
    var report = SimulationReport(processes: processes.map(\.name))
    // Two batches: one is written while the next is simulated.
    var batch = SimulationBatch(capacity: batchSize, threads: threads)
    var simulated = SimulationBatch(capacity: batchSize, threads: threads)
    var done = 0
    for (run, counts) in plan {
      report.add(run: run, counts: counts, expected: expectedCounts(for: run))
      var remaining = counts
      var produced = Array(repeating: 0, count: processes.count)
      var order = EventRandom(seed: seed, run: run.run, stream: .max - 1, index: 0)
      let runTotal = counts.reduce(0, +)
      for eventNumber in 1..<(runTotal + 1) {
        // Pick this event's process in proportion to what remains (sequential, cheap).
        var pick = Int(order.next() % UInt64(runTotal - eventNumber + 1))
        let process = remaining.firstIndex { pick -= $0; return pick < 0 }!
        remaining[process] -= 1
        batch.jobs.append(SimulationBatch.Job(run: run, eventNumber: UInt32(eventNumber), process: process, index: produced[process]))
        produced[process] += 1
        if batch.jobs.count == batchSize {
          try simulateWhileWriting(batch, previous: simulated, into: sink)
          done += simulated.jobs.count
          if !simulated.jobs.isEmpty { progress(done, total) }
          simulated.jobs.removeAll(keepingCapacity: true)
          swap(&batch, &simulated)
        }
      }
    }
    try simulateWhileWriting(batch, previous: simulated, into: sink)
    try write(batch, into: sink)
    done += simulated.jobs.count + batch.jobs.count
    progress(done, total)
    return report
  }

  /// Simulates `batch` on the worker threads while this thread writes `previous`.
  private func simulateWhileWriting(_ batch: SimulationBatch, previous: SimulationBatch, into sink: any EventSink) throws {
    let group = DispatchGroup()
    let simulation = self
    DispatchQueue.global().async(group: group) { batch.simulate(simulation) }
    defer { group.wait() }
    try write(previous, into: sink)
  }

  private func write(_ batch: SimulationBatch, into sink: any EventSink) throws {
    for index in 0..<batch.jobs.count { try sink.append(batch.events[index].view) }
  }

  /// Generates and simulates one event (its header included) into `event`.
  func simulate(_ job: SimulationBatch.Job, response: DetectorResponse, particles: inout [GeneratedParticle], into event: inout Event) {
    let process = processes[job.process]
    var random = EventRandom(seed: seed, run: job.run.run, stream: UInt64(job.process), index: UInt64(job.index))
    particles.removeAll(keepingCapacity: true)
    process.generate(&random, into: &particles)
    event.header = EventHeader(
      experiment: job.run.experiment, run: job.run.run, eventNumber: job.eventNumber, process: process.tag,
      weight: 1 / scale(of: process))
    response.simulate(particles, beamBackground: job.run.beamBackground, random: &random, into: &event)
  }
}

/// Events being simulated together, and the per-thread scratch that makes them. A class, so
/// that one batch can be simulated on worker threads while the caller writes another.
final class SimulationBatch: @unchecked Sendable {
  struct Job {
    var run: RunInfo
    var eventNumber: UInt32
    var process: Int
    var index: Int
  }

  var jobs: [Job] = []
  var events: [Event]
  var responses: [DetectorResponse]
  var particles: [[GeneratedParticle]]

  init(capacity: Int, threads: Int) {
    jobs.reserveCapacity(capacity)
    events = Array(repeating: Event(header: EventHeader(experiment: 0, run: 0, eventNumber: 0, process: .data)), count: capacity)
    responses = (0..<max(1, threads)).map { _ in DetectorResponse() }
    particles = Array(repeating: [], count: max(1, threads))
  }

  /// Simulates every job into `events`, the threads taking contiguous slices.
  func simulate(_ simulation: Simulation) {
    let count = jobs.count, threads = responses.count
    let jobs = self.jobs
    events.withUnsafeMutableBufferPointer { events in
      responses.withUnsafeMutableBufferPointer { responses in
        particles.withUnsafeMutableBufferPointer { particles in
          nonisolated(unsafe) let events = events, responses = responses, particles = particles
          DispatchQueue.concurrentPerform(iterations: threads) { thread in
            let slice = (count * thread / threads)..<(count * (thread + 1) / threads)
            for index in slice {
              simulation.simulate(jobs[index], response: responses[thread], particles: &particles[thread], into: &events[index])
            }
          }
        }
      }
    }
  }
}

/// What a simulation made: events per run and process, beside the expected numbers.
public struct SimulationReport: Sendable {
  public var processes: [String]
  public var runs: [(run: RunInfo, counts: [Int], expected: [Double])] = []

  init(processes: [String]) { self.processes = processes }

  mutating func add(run: RunInfo, counts: [Int], expected: [Double]) { runs.append((run, counts, expected)) }

  public var totalEvents: Int { runs.reduce(0) { $0 + $1.counts.reduce(0, +) } }
}

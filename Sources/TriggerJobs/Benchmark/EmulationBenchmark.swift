import Foundation
import TriggerEmulation
import TriggerEvents

/// The L1 chain benchmark: on one thread, the events/s of merely reading a `.trg` file and of
/// reading it and running every processor, in the same run.
public struct EmulationBenchmark {
  public struct Pass: Sendable {
    public var seconds: Double
    public var events: Int
    public var eventsPerSecond: Double { Double(events) / seconds }
  }

  public var path: String
  public var repetitions: Int

  public init(path: String, repetitions: Int = 5) {
    self.path = path
    self.repetitions = repetitions
  }

  /// The chain cut after each stage, for the per-stage breakdown.
  public typealias Stage = TriggerProcessor.Stage

  /// The chain cut after each stage, in seconds per event, robust to a noisy machine: each
  /// decoded chunk is run `repetitions` times per stage and the fastest time of each chunk is
  /// summed, so a pause of the machine during one repetition does not count. Reading and
  /// decoding are not included (they are timed by `run`).
  public func stages() throws -> [(stage: Stage, secondsPerEvent: Double)] {
    let reader = try TRGReader(path: path)
    let processor = TriggerProcessor()
    var summary = TriggerSummary()
    var seconds = [Double](repeating: 0, count: Stage.allCases.count)
    var events = 0
    try reader.forEachChunk(threads: 1) { chunk in
      events += chunk.count
      for (slot, stage) in Stage.allCases.enumerated() {
        var best = Double.infinity
        for _ in 1...max(1, repetitions) {
          let start = DispatchTime.now()
          for index in 0..<chunk.count {
            let event = chunk.event(at: index)
            processor.process(event, upTo: stage, scratch: &summary)
          }
          best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
        }
        seconds[slot] += best
      }
    }
    return zip(Stage.allCases, seconds).map { ($0, $1 / Double(max(events, 1))) }
  }

  /// Best of `repetitions` for reading alone and for reading plus the processor chain.
  public func run(progress: (String) -> Void = { _ in }) throws -> (read: Pass, emulate: Pass, tracks: Int) {
    var read: Pass?, emulate: Pass?
    var tracks = 0
    for repetition in 1...max(1, repetitions) {
      let r = try pass(emulating: false).pass
      let (e, found) = try pass(emulating: true)
      tracks = found
      progress(String(format: "pass %d: read %.0f events/s, read + L1 chain %.0f events/s", repetition, r.eventsPerSecond, e.eventsPerSecond))
      if read == nil || r.seconds < read!.seconds { read = r }
      if emulate == nil || e.seconds < emulate!.seconds { emulate = e }
    }
    return (read!, emulate!, tracks)
  }

  private func pass(emulating: Bool) throws -> (pass: Pass, tracks: Int) {
    let start = DispatchTime.now()
    let reader = try TRGReader(path: path)
    let processor = TriggerProcessor()
    var events = 0, checksum = 0
    try reader.forEachChunk(threads: 1) { chunk in
      for index in 0..<chunk.count {
        let event = chunk.event(at: index)
        if emulating {
          processor.process(event)
          checksum &+= processor.summary.tracks.count
        } else {
          checksum &+= event.cdcHits.count
        }
        events += 1
      }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    return (Pass(seconds: seconds, events: events), checksum)
  }
}

import TriggerEvents

extension Simulation {
  /// Simulates every run into a new event file at `path` (`.trg`, or JSON Lines for `.jsonl`)
  /// with this job's metadata, and finishes the file; `progress(done, total)` as for `run`.
  public func write(to path: String, threads: Int, progress: (Int, Int) -> Void = { _, _ in }) throws -> SimulationReport {
    let sink = try EventFileFormat.openSink(path, streamInfo: StreamInfo(metadata: metadata))
    let report = try run(into: sink, threads: threads, progress: progress)
    try sink.finish()
    return report
  }
}

import TriggerEvents
import TriggerSimulation

/// Simulated events in memory, for tests of what reads them.
public enum SimulatedSamples {
  /// Events of `specs` over one run of `luminosityPb` (ideal conditions unless `background` > 0).
  public static func events(
    _ specs: [String], luminosityPb: Double, background: Double = 0, scales: [String: Double] = [:], seed: UInt64 = 5
  ) throws -> [Event] {
    let runs = RunList(runs: [RunInfo(run: 42, experiment: 8, luminosityPb: luminosityPb, beamBackground: background)])
    let simulation = Simulation(runs: runs, processes: try specs.map(ProcessCatalog.process(named:)), scales: scales, seed: seed)
    let sink = CollectingSink()
    _ = try simulation.run(into: sink, threads: 2, batchSize: 500)
    return sink.events
  }
}

import TriggerEvents
extension Simulation {
  /// The default process mix (`ProcessCatalog.defaultNames` with their default scales) over
  /// `runs`: what `trigemu simulate`, `measure` and the benchmarks generate without options.
  public static func defaultMix(runs: RunList = .default, seed: UInt64 = 1) throws -> Simulation {
    Simulation(
      runs: runs, processes: try ProcessCatalog.defaultNames.map { try ProcessCatalog.process(named: $0) }, scales: ProcessCatalog.defaultScales,
      seed: seed)
  }
}

import Foundation
import TriggerEvents
import TriggerSupport

extension Simulation {
  /// The simulation a command line describes: `processList` comma-separated process specs
  /// (nil: the default mix `ee,gg,mumu,tautau,eemumu`), `scaleSpecs` fractions as
  /// `PROCESS=FRACTION` on top of the default scales of the chosen processes.
  public init(runs: RunList, processList: String?, scaleSpecs: [String], seed: UInt64) throws {
    let names = processList.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? ProcessCatalog.defaultNames
    let processes = try names.map { try ProcessCatalog.process(named: $0) }
    var scales = ProcessCatalog.defaultScales.filter { key, _ in processes.contains { $0.name == key } }
    for spec in scaleSpecs {
      let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let fraction = Double(parts[1]), fraction > 0, fraction.isFinite else {
        throw LocatedError("--scale \(spec): expected PROCESS=FRACTION with a positive number, e.g. ee=0.01")
      }
      guard fraction >= 1 / EventHeader.maximumWeight else {
        throw LocatedError("--scale \(spec): events kept at less than 1e-6 would weigh more than 10⁶, the most an event may stand for")
      }
      guard processes.contains(where: { $0.name == parts[0] }) else {
        throw LocatedError("--scale \(spec): \(parts[0]) is not among the simulated processes (\(processes.map(\.name).joined(separator: ", ")))")
      }
      scales[parts[0]] = fraction
    }
    self.init(runs: runs, processes: processes, scales: scales, seed: seed)
    try checkEventCounts()
  }

  /// The most events one process may be expected to give in one run (σ × L × scale): far more
  /// than any file holds, and small enough that every count is an exact `Int`.
  public static let maximumExpectedEvents = 1e12

  /// An error naming the run and process whose expected count exceeds `maximumExpectedEvents`.
  public func checkEventCounts() throws(LocatedError) {
    for run in runs.runs {
      for (process, expected) in zip(processes, expectedCounts(for: run)) where !(expected <= Self.maximumExpectedEvents) {
        throw LocatedError(
          "run \(run.run): \(process.name) would give \(String(format: "%.3g", expected)) events (σ × L × 1000 × scale = \(process.crossSectionNb) nb × \(run.luminosityPb) pb⁻¹ × 1000 × \(scale(of: process))); at most 1e12 per run and process")
      }
    }
  }
}

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
      guard processes.contains(where: { $0.name == parts[0] }) else {
        throw LocatedError("--scale \(spec): \(parts[0]) is not among the simulated processes (\(processes.map(\.name).joined(separator: ", ")))")
      }
      scales[parts[0]] = fraction
    }
    self.init(runs: runs, processes: processes, scales: scales, seed: seed)
  }
}

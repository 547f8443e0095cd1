import Foundation
import TriggerEmulation
import TriggerEvents

/// The efficiency measurement from inputs to report: one pass over the inputs for all
/// questions, then efficiencies per question; optionally the good runs of the first question
/// used for the others (the 2018 practice: good runs are those with ε_CDC,i > 50 %).
public enum EfficiencyJob {
  public static func measure(
    _ questions: [EfficiencyQuestion], menu: TriggerMenu, registry: PluginRegistry, firmware: FirmwarePlan = .ideal, inputs: [String],
    runList: RunList,
    runListName: String, options: EfficiencyOptions, goodRunsFromFirst: Bool, mode: PrescaleMode = .counter, threads: Int,
    progress: (Int, Int?) -> Void = { _, _ in }
  ) throws -> [EfficiencyMeasurement] {
    let counts = try EfficiencyCounts.collect(
      questions, menu: menu, registry: registry, firmware: firmware, inputs: inputs, mode: mode, threads: threads, progress: progress)
    var measurements: [EfficiencyMeasurement] = []
    for count in counts {
      let goodRuns = goodRunsFromFirst ? measurements.first.map { first in (Set(first.goodRuns.map(\.run)), first.line) } : nil
      measurements.append(try EfficiencyMeasurement(counts: count, runList: runList, runListName: runListName, options: options, goodRuns: goodRuns))
    }
    return measurements
  }
}

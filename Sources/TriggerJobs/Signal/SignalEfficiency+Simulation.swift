import Foundation
import TriggerAnalysis
import TriggerEmulation
import TriggerEvents
import TriggerSimulation
import TriggerSupport

extension SignalEfficiency {
  /// Simulates about `events` events of each process in `processes` (one run, with the run
  /// list's usual beam background), runs `menu` over them and counts the selected events each
  /// line and the menu keep. The selection is `selection`, or each process's default
  /// (`SignalSelection.defaultSelection`). `progress` gets the process, events done and the total.
  public static func measure(
    menu: TriggerMenu, registry: PluginRegistry, firmware: FirmwarePlan = .ideal, processes: [String], selection: SignalSelection? = nil,
    events: Int, seed: UInt64, threads: Int, interval: BinomialInterval.Method = .clopperPearson, confidenceLevel: Double = 0.6827,
    progress: (String, Int, Int) -> Void = { _, _, _ in }
  ) throws -> SignalEfficiency {
    try measure(
      menus: [(menu, registry)], firmware: firmware, processes: processes, selection: selection, events: events, seed: seed, threads: threads,
      interval: interval, confidenceLevel: confidenceLevel, progress: progress)[0]
  }

  /// `measure` for several menus, each with the registry its plugins are in, on the same
  /// simulated events (each sample simulated once).
  public static func measure(
    menus: [(menu: TriggerMenu, registry: PluginRegistry)], firmware: FirmwarePlan = .ideal, processes: [String], selection: SignalSelection? = nil,
    events: Int, seed: UInt64, threads: Int, interval: BinomialInterval.Method = .clopperPearson, confidenceLevel: Double = 0.6827,
    progress: (String, Int, Int) -> Void = { _, _, _ in }
  ) throws -> [SignalEfficiency] {
    guard events >= 1 else { throw LocatedError("the number of events per signal sample must be at least 1") }
    guard !processes.isEmpty else { throw LocatedError("give at least one signal process, e.g. zprime@2") }
    let folder = try ScratchFolder(label: "signal")
    defer { folder.remove() }
    var samples = menus.map { _ in [Sample]() }
    for (index, spec) in processes.enumerated() {
      let process = try ProcessCatalog.process(named: spec)
      let chosen = selection ?? SignalSelection.defaultSelection(forProcess: process.name)
      let run = RunInfo(run: UInt32(index + 1), experiment: 0, luminosityPb: Double(events) / (process.crossSectionNb * 1000))
      let simulation = Simulation(runs: RunList(runs: [run]), processes: [process], seed: seed)
      let path = folder.path("signal-\(index).trg")
      let simulated = try simulation.write(to: path, threads: max(1, threads - 1)).totalEvents
      for (slot, (menu, registry)) in menus.enumerated() {
        var sample = Sample(
          process: process.name, massGeV: (process as? ZPrimeProcess)?.massGeV ?? (process as? DarkPhotonProcess)?.massGeV
            ?? (process as? LongLivedProcess)?.massGeV, properLengthCm: (process as? LongLivedProcess)?.properLengthCm, selection: chosen.name,
          simulated: simulated, selected: 0, lineFired: Array(repeating: 0, count: menu.lines.count), menuAccepted: 0, hltKept: 0)
        let pipeline = try TriggerPipeline(menu: menu, registry: registry, firmware: firmware, prescaleMode: .counter, threads: threads)
        _ = try pipeline.run(paths: [path], progress: { done, _ in progress(process.name, done, simulated) }) { decision in
          guard chosen.passes(decision.event) else { return }
          sample.selected += 1
          var any = false
          for line in sample.lineFired.indices {
            if decision.rawFired(line: line) { sample.lineFired[line] += 1 }
            any = any || decision.accepted(line: line)
          }
          if any { sample.menuAccepted += 1 }
          if decision.hltKept { sample.hltKept += 1 }
        }
        samples[slot].append(sample)
      }
    }
    return zip(menus.map(\.menu), samples).map { menu, samples in
      SignalEfficiency(
        menuName: menu.name, lineNames: menu.lines.map(\.name), hasHLT: !menu.hltLines.isEmpty, samples: samples, interval: interval,
        confidenceLevel: confidenceLevel)
    }
  }
}

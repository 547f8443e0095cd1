import Foundation
import TriggerEmulation
import TriggerEvents
import TriggerSimulation

/// Trigger efficiencies of a menu on signal samples, inside an offline selection: per line
/// (before its prescale, as the line's own acceptance) and for the menu as a whole (any line
/// accepted after prescales, what the data would keep, and what its HLT then kept), with binomial intervals; one sample per
/// signal point (Z′ or A′ → invisible at a mass, a long-lived particle at a mass and cτ).
public struct SignalEfficiency: Sendable {
  /// One signal sample.
  public struct Sample: Sendable {
    /// The process as `trigemu simulate` names it, e.g. `zprime@2`, `llp@0.5/5`.
    public var process: String
    public var massGeV: Double?
    public var properLengthCm: Double?
    public var selection: String
    /// Events simulated and events passing the selection.
    public var simulated: Int
    public var selected: Int
    /// Selected events each line fired on before its prescale (menu order), and the events any
    /// line accepted after prescales.
    public var lineFired: [Int]
    public var menuAccepted: Int
    /// Selected events the menu's L1 accepted and its HLT kept (0 without an hlt section).
    public var hltKept: Int
  }

  public var menuName: String
  public var lineNames: [String]
  /// Whether the menu has an HLT (then the kept row is reported).
  public var hasHLT: Bool
  public var samples: [Sample]
  public var interval: BinomialInterval.Method
  public var confidenceLevel: Double

  /// The name of the menu row.
  public static let menuRowName = "menu (any line, after prescales)"
  /// The name of the row of events the L1 accepted and the HLT kept.
  public static let keptRowName = "menu and HLT (kept)"

  /// The rows reported: the lines, the menu, and the HLT's kept events when there is an HLT.
  public var rowNames: [String] { lineNames + [Self.menuRowName] + (hasHLT ? [Self.keptRowName] : []) }

  /// The selected events of `sample` counted in `row` (a line or one of the menu rows), or nil.
  public func count(row: String, in sample: Sample) -> Int? {
    switch row {
    case Self.menuRowName: sample.menuAccepted
    case Self.keptRowName: hasHLT ? sample.hltKept : nil
    default: lineNames.firstIndex(of: row).map { sample.lineFired[$0] }
    }
  }

  /// The signal points measured by default: Z′ and A′ → invisible at low, middle and high
  /// mass, and a 0.5 GeV long-lived particle at cτ = 1, 3 and 10 cm (PHYSICS.md: displaced decays
  /// matter for ~1 mm < cτ < ~10 cm).
  public static let defaultProcesses = ["zprime@1", "zprime@3", "zprime@5", "aprime@1", "aprime@4", "aprime@7", "llp@0.5/1", "llp@0.5/3", "llp@0.5/10"]

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
    guard events >= 1 else { throw AnalysisError("the number of events per signal sample must be at least 1") }
    guard !processes.isEmpty else { throw AnalysisError("give at least one signal process, e.g. zprime@2") }
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

  /// The efficiency (k/n) of `line` (a line name or a menu row) on sample `index`; nil when
  /// the menu has no such row or no event passed the selection.
  public func efficiency(line: String, sample index: Int) -> Double? {
    let sample = samples[index]
    guard sample.selected > 0 else { return nil }
    return count(row: line, in: sample).map { Double($0) / Double(sample.selected) }
  }
}

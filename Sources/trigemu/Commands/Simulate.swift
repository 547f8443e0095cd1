import ArgumentParser
import Foundation
import TriggerSupport
import TriggerEvents
import TriggerEmulation
import TriggerSimulation

/// `trigemu simulate`: physics samples with raw-like detector response, run by run.
struct Simulate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Simulate physics processes run by run into a .trg (or .jsonl) event file.",
    discussion: """
      For every run of the run list and every process, the number of events is Poisson(σ × L_run × \
      scale); events are interleaved at random within a run and carry weight 1/scale. The same \
      seed gives a byte-identical file whatever the thread count.

      Processes: ee, gg, mumu, tautau, eemumu (default mix, with scales ee=0.002, gg=0.05, \
      eemumu=0.02), and signals zprime@MASS, aprime@MASS (GeV) and llp@MASS/CTAU (GeV, cm), \
      each with a nominal cross section of 1 pb.
      """)

  @Option(help: "Run-list CSV file (default: the embedded run list, see 'trigemu runs --default').")
  var runs: String?

  @Option(help: "Output event file (.trg or .jsonl).")
  var out: String

  @Option(help: "Random seed.")
  var seed: UInt64 = 1

  @Option(help: "Comma-separated processes, e.g. mumu,ee,zprime@2 (default: ee,gg,mumu,tautau,eemumu).")
  var processes: String?

  @Option(name: .customLong("scale"), help: "Fraction of a process's events to keep, as PROCESS=FRACTION (repeatable), e.g. ee=0.01.")
  var scaleSpecs: [String] = []

  @Option(help: "Threads simulating events (default: one per core but one, which the writer uses).")
  var threads = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)

  @OptionGroup var folder: FirmwareFolderOption

  func validate() throws {
    guard (1...256).contains(threads) else { throw ValidationError("--threads must be 1–256") }
  }

  func run() throws {
    try AtomicOutputFile.checkCanCreate([out])
    let simulation = try Simulation(runs: folder.runList(runs), processList: processes, scaleSpecs: scaleSpecs, seed: seed)
    var progress = Progress(label: "simulating")
    let started = Date()
    let report = try simulation.write(to: out, threads: threads) { done, total in progress.update(done, of: total) }
    progress.finish()
    let seconds = Date().timeIntervalSince(started)
    print(report.rendered)
    print(String(format: "\nwrote %d events to %@ in %.1f s (%.0f events/s, %d simulation thread%@)", report.totalEvents, out, seconds, Double(report.totalEvents) / seconds, threads, threads == 1 ? "" : "s"))
  }
}

extension SimulationReport {
  /// Events per run and process with the expectation σ·L·scale beside each.
  var rendered: String {
    var table = TextTable(["run", "L (pb^-1)"] + processes.map { "\($0) (expected)" } + ["total"])
    for entry in runs {
      table.add(
        ["\(entry.run.run)", "\(entry.run.luminosityPb)"]
          + zip(entry.counts, entry.expected).map { "\($0) (\(String(format: "%.0f", $1)))" } + ["\(entry.counts.reduce(0, +))"])
    }
    return table.rendered
  }
}

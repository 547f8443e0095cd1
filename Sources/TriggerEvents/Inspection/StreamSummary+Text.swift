import Foundation
import TriggerSupport

extension StreamSummary {
  /// The summary as `trigemu inspect` prints it: runs, processes, and records per event.
  public var rendered: String {
    var runTable = TextTable(["run", "experiment", "events", "Σ weight"])
    for run in runs.keys.sorted() {
      let tally = runs[run]!
      runTable.add(["\(run)", "\(tally.experiment)", "\(tally.events)", Self.number(tally.weightSum)])
    }
    var processTable = TextTable(["process", "events", "Σ weight"])
    for process in processes.keys.sorted() {
      let tally = processes[process]!
      processTable.add([process.name, "\(tally.events)", Self.number(tally.weightSum)])
    }
    var countTable = TextTable(["per event", "min", "mean", "median", "90%", "max", "distribution (min → max)"])
    for kind in RecordKind.allCases where kind != .header {
      guard let distribution = perEvent[kind], let mean = distribution.mean else { continue }
      countTable.add([
        "\(kind)s", "\(distribution.minimum!)", String(format: "%.1f", mean), "\(distribution.quantile(0.5)!)",
        "\(distribution.quantile(0.9)!)", "\(distribution.maximum!)", Self.sparkline(distribution.binned(24)),
      ])
    }
    return """
      \(events) event\(events == 1 ? "" : "s") in \(runs.count) run\(runs.count == 1 ? "" : "s")

      \(runTable.rendered)

      \(processTable.rendered)

      \(countTable.rendered)
      """
  }

  private static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.6g", value)
  }

  /// Bin heights as block characters, one per bin.
  static func sparkline(_ bins: [Int]) -> String {
    let blocks = Array(" ▁▂▃▄▅▆▇█")
    guard let peak = bins.max(), peak > 0 else { return "" }
    return String(bins.map { $0 == 0 ? blocks[0] : blocks[max(1, Int((Double($0) / Double(peak) * 8).rounded(.up)))] })
  }
}

extension EventView {
  /// A few lines describing the event, for `trigemu inspect --events N`.
  public var rendered: String {
    let h = header
    let tcEnergy = eclHits.reduce(Float(0)) { $0 + $1.energyGeV }
    var lines = [
      "run \(h.run) event \(h.eventNumber) (experiment \(h.experiment), process \(h.process), weight \(h.weight)): "
        + "\(cdcHits.count) CDC hits, \(eclHits.count) ECL TC hits (Σ \(String(format: "%.3f", tcEnergy)) GeV), "
        + "\(klmHits.count) KLM hits, \(tracks.count) tracks, \(clusters.count) clusters, \(mcParticles.count) MC particles"
    ]
    let degrees = Float(180 / Double.pi)
    for track in tracks {
      lines.append(String(
        format: "  track  q %+d  p %.3f GeV  θ %.1f°  φ %.1f°  d0 %.3f cm  z0 %.3f cm  %d CDC hits", Int(track.charge),
        track.pGeV, track.thetaRad * degrees, track.phiRad * degrees, track.d0Cm, track.z0Cm, Int(track.cdcHitCount)))
    }
    for cluster in clusters {
      lines.append(String(
        format: "  cluster  E %.3f GeV  θ %.1f°  φ %.1f°  t %.1f ns", cluster.energyGeV, cluster.thetaRad * degrees,
        cluster.phiRad * degrees, cluster.timeNs))
    }
    for particle in mcParticles {
      lines.append(String(
        format: "  MC  PDG %d  p (%.3f, %.3f, %.3f) GeV  E %.3f GeV  vertex (%.2f, %.2f, %.2f) cm", Int(particle.pdg),
        particle.pxGeV, particle.pyGeV, particle.pzGeV, particle.energyGeV, particle.vxCm, particle.vyCm, particle.vzCm))
    }
    return lines.joined(separator: "\n")
  }
}

import Foundation
import TestSupport
import Testing
import TriggerEvents
import TriggerSimulation

/// The simulation as a whole: counts, determinism, and physics seen through the detector.
@Suite struct SimulationTests {
  /// Simulated events of `specs` over one run of `luminosityPb`, kept in memory.
  func simulate(_ specs: [String], luminosityPb: Double, background: Double = 0, scales: [String: Double] = [:], seed: UInt64 = 5) throws -> [Event] {
    let runs = RunList(runs: [RunInfo(run: 42, experiment: 8, luminosityPb: luminosityPb, beamBackground: background)])
    let simulation = Simulation(runs: runs, processes: try specs.map(ProcessCatalog.process(named:)), scales: scales, seed: seed)
    let sink = CollectingSink()
    _ = try simulation.run(into: sink, threads: 2, batchSize: 500)
    return sink.events
  }

  func cm(_ track: Track, mass: Double = Particle.muonMass) -> FourMomentum {
    Collision.toCM(FourMomentum(mass: mass, p: Double(track.pGeV), theta: Double(track.thetaRad), phi: Double(track.phiRad)))
  }

  @Test func eventCountsArePoissonAroundSigmaTimesLuminosity() throws {
    // 400 runs of 1 pb⁻¹: μμ expects 1148 events per run.
    let runs = RunList(runs: (1...400).map { RunInfo(run: UInt32($0), experiment: 8, luminosityPb: 1) })
    let simulation = Simulation(runs: runs, processes: [LeptonPairProcess(.muon)], seed: 9)
    let counts = runs.runs.map { Double(simulation.counts(for: $0)[0]) }
    let mean = counts.reduce(0, +) / 400
    let variance = counts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 399
    #expect(abs(mean - 1148) < 4 * (1148.0 / 400).squareRoot())
    #expect(abs(variance / 1148 - 1) < 0.25)  // Poisson: variance = mean (the 400-run spread is ±7 %)
    #expect(simulation.expectedCounts(for: runs.runs[0]) == [1148])
  }

  @Test func scaledProcessesKeepTheirRateThroughTheWeight() throws {
    let events = try simulate(["ee"], luminosityPb: 0.2, scales: ["ee": 0.01])
    // σ = 300 nb × 0.2 pb⁻¹ = 60 000 events, 1 % kept: 600 ± 25, each of weight 100.
    #expect(abs(events.count - 600) < 100)
    #expect(events.allSatisfy { $0.header.weight == 100 && $0.header.process == .bhabha })
    let weighted = events.reduce(0) { $0 + $1.header.weight }
    #expect(abs(weighted - 60_000) < 100 * 100)
  }

  @Test func theSameSeedGivesTheSameFileWhateverTheThreadCount() throws {
    let directory = TemporaryDirectory()
    let runs = RunList(runs: [RunInfo(run: 1, experiment: 8, luminosityPb: 0.3), RunInfo(run: 2, experiment: 8, luminosityPb: 0.2, beamBackground: 2)])
    let processes = try ["mumu", "tautau", "gg", "llp@1/2"].map(ProcessCatalog.process(named:))
    func write(_ name: String, threads: Int, seed: UInt64) throws -> Data {
      let path = directory.file(name)
      let simulation = Simulation(runs: runs, processes: processes, scales: ["llp@1/2": 100], seed: seed)
      let sink = try TRGWriter(path: path, metadata: simulation.metadata)
      _ = try simulation.run(into: sink, threads: threads, batchSize: 97)
      try sink.finish()
      return try Data(contentsOf: URL(fileURLWithPath: path))
    }
    let one = try write("1.trg", threads: 1, seed: 3)
    #expect(try write("3.trg", threads: 3, seed: 3) == one)
    #expect(try write("other.trg", threads: 2, seed: 4) != one)
    // Every hit id is in range: the reader checks every record.
    let events = try EventFiles.read(directory.file("1.trg"))
    #expect(events.count > 1000)
    #expect(Set(events.map(\.header.run)) == [1, 2])
  }

  @Test func dimuonsGiveTwoBackToBackTracksAndKLMHits() throws {
    let events = try simulate(["mumu"], luminosityPb: 1.5)
    var twoTracks = 0, backToBack = 0, withKLM = 0, inAcceptance = 0
    for event in events {
      let muons = event.mcParticles.filter { abs($0.pdg) == 13 }
      let acceptance = muons.allSatisfy {
        let theta = atan2(Double(hypot($0.pxGeV, $0.pyGeV)), Double($0.pzGeV)) * 180 / .pi
        return (20...145).contains(theta)
      }
      guard acceptance else { continue }
      inAcceptance += 1
      if !event.klmHits.isEmpty { withKLM += 1 }
      guard event.tracks.count == 2, event.tracks[0].charge != event.tracks[1].charge else { continue }
      twoTracks += 1
      let a = cm(event.tracks[0]), b = cm(event.tracks[1])
      let angle = acos((a.px * b.px + a.py * b.py + a.pz * b.pz) / (a.p * b.p)) * 180 / .pi
      if angle > 170 { backToBack += 1 }
    }
    #expect(inAcceptance > 800)
    #expect(Double(twoTracks) / Double(inAcceptance) > 0.95)
    #expect(Double(backToBack) / Double(twoTracks) > 0.6)
    #expect(Double(withKLM) / Double(inAcceptance) > 0.85)
  }

  @Test func theZPrimeRecoilMassFromReconstructedTracksPeaksAtTheGeneratedMass() throws {
    let mass = 3.0
    let events = try simulate(["zprime@3"], luminosityPb: 1, scales: ["zprime@3": 1000])
    var recoil: [Double] = []
    for event in events where event.tracks.count == 2 {
      let pair = cm(event.tracks[0]) + cm(event.tracks[1])
      let squared = Collision.s + pair.massSquared - 2 * Collision.sqrtS * pair.energy
      recoil.append(squared >= 0 ? squared.squareRoot() : -(-squared).squareRoot())
    }
    #expect(recoil.count > 500)
    let sorted = recoil.sorted()
    let median = sorted[sorted.count / 2]
    let within = Double(recoil.filter { abs($0 - mass) < 0.15 }.count) / Double(recoil.count)
    #expect(abs(median - mass) < 0.03)
    #expect(within > 0.8)  // the resolution of the tracks, not the generator, sets the width
  }

  @Test func theDarkPhotonClusterHasTheTwoBodyEnergyWithinResolution() throws {
    let process = DarkPhotonProcess(massGeV: 2)
    let events = try simulate(["aprime@2"], luminosityPb: 1, scales: ["aprime@2": 1000])
    var ratios: [Double] = []
    for event in events {
      guard let cluster = event.clusters.max(by: { $0.energyGeV < $1.energyGeV }), cluster.energyGeV > 1 else { continue }
      let photon = Collision.toCM(FourMomentum(mass: 0, p: Double(cluster.energyGeV), theta: Double(cluster.thetaRad), phi: Double(cluster.phiRad)))
      ratios.append(photon.energy / process.photonEnergyCM)
    }
    #expect(ratios.count > 600)
    let sorted = ratios.sorted()
    #expect(abs(sorted[sorted.count / 2] - 1) < 0.03)  // some energy leaks to the neighbour cell
  }

  @Test func beamBackgroundAddsHitsInProportionToItsLevel() throws {
    let quiet = try simulate(["gg"], luminosityPb: 0.1, background: 0, seed: 1)
    let noisy = try simulate(["gg"], luminosityPb: 0.1, background: 2, seed: 1)
    let quietHits = Double(quiet.reduce(0) { $0 + $1.cdcHits.count }) / Double(quiet.count)
    let noisyHits = Double(noisy.reduce(0) { $0 + $1.cdcHits.count }) / Double(noisy.count)
    #expect(quietHits < 1)  // photons leave no CDC hits
    #expect(abs(noisyHits - 200) < 15)  // 2 × 100 per event, less a few on the same wire
    #expect(quiet.allSatisfy { $0.klmHits.isEmpty })
  }

  @Test func displacedDecaysGiveTracksWithLargeImpactParameters() throws {
    let events = try simulate(["llp@1/5"], luminosityPb: 1, scales: ["llp@1/5": 1000])
    var displaced = 0
    for event in events {
      guard let daughter = event.mcParticles.first(where: { abs($0.pdg) == 13 }) else { continue }
      let rxy = hypot(Double(daughter.vxCm), Double(daughter.vyCm))
      guard event.tracks.count == 2 else { continue }
      let d0 = event.tracks.map { abs(Double($0.d0Cm)) }.max()!
      if rxy > 5 && rxy < 40 && d0 > 0.5 { displaced += 1 }
    }
    #expect(displaced > 100)
  }
}

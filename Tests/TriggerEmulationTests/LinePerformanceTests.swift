import Foundation
import TestSupport
import Testing
import TriggerEmulation
import TriggerEvents
import TriggerSimulation

/// The lines on simulated samples (ideal firmware, nominal beam background), with the figures
/// the L1 issue asks for. Each test prints what it measured.
@Suite struct LinePerformanceTests {
  static let twoTrack = try! ConditionRegistry.make(kind: "cdc.two_track")
  static let bhabhaVeto = try! ConditionRegistry.make(kind: "ecl.bhabha_veto")
  static let singlePhoton = try! ConditionRegistry.make(kind: "ecl.single_photon")
  static let displacedVertex = try! ConditionRegistry.make(kind: "cdc.displaced_vertex")

  /// Fraction of `events` passing `select` for which `condition` fires; the count selected.
  func efficiency(_ events: [Event], _ condition: any TriggerCondition, where select: (Event) -> Bool) -> (Double, Int) {
    let processor = TriggerProcessor()
    var selected = 0, fired = 0
    for event in events where select(event) {
      selected += 1
      processor.process(event.view)
      if condition.evaluate(processor.summary) { fired += 1 }
    }
    return (Double(fired) / Double(max(1, selected)), selected)
  }


  func openingDeg(_ a: MCParticle, _ b: MCParticle) -> Double {
    let dot = Double(a.pxGeV * b.pxGeV + a.pyGeV * b.pyGeV + a.pzGeV * b.pzGeV)
    let na = Double((a.pxGeV * a.pxGeV + a.pyGeV * a.pyGeV + a.pzGeV * a.pzGeV).squareRoot())
    let nb = Double((b.pxGeV * b.pxGeV + b.pyGeV * b.pyGeV + b.pzGeV * b.pzGeV).squareRoot())
    return acos(max(-1, min(1, dot / (na * nb)))) * 180 / .pi
  }

  func muons(_ event: Event) -> [MCParticle] { event.mcParticles.filter { abs($0.pdg) == 13 } }

  @Test func cdcTwoTrackFiresForDimuonsInTheZPrimeAcceptance() throws {
    let events = try SimulatedSamples.events(["mumu"], luminosityPb: 6, background: 1)
    let (fraction, selected) = efficiency(events, Self.twoTrack) { event in
      let pair = muons(event)
      return pair.count == 2 && pair.allSatisfy { (37...120).contains($0.thetaDeg) } && (90...172).contains(openingDeg(pair[0], pair[1]))
    }
    print("cdc.two_track on μμ with both muons in 37°–120° and opening angle in [90°, 172°]: \(String(format: "%.2f %%", 100 * fraction)) of \(selected) events")
    #expect(selected > 300)
    #expect(fraction >= 0.95)
  }

  @Test func bhabhaVetoRejectsBarrelBhabhasAndKeepsDimuons() throws {
    let bhabhas = try SimulatedSamples.events(["ee"], luminosityPb: 0.05, background: 1)
    let (vetoed, barrel) = efficiency(bhabhas, Self.bhabhaVeto) { event in
      let leptons = event.mcParticles.filter { abs($0.pdg) == 11 }
      return leptons.count == 2 && leptons.allSatisfy { (32.2...128.7).contains($0.thetaDeg) }
    }
    let dimuons = try SimulatedSamples.events(["mumu"], luminosityPb: 3, background: 1)
    let (vetoedMuons, muonCount) = efficiency(dimuons, Self.bhabhaVeto) { _ in true }
    print("ecl.bhabha_veto: rejects \(String(format: "%.2f %%", 100 * vetoed)) of \(barrel) barrel Bhabhas, keeps \(String(format: "%.2f %%", 100 * (1 - vetoedMuons))) of \(muonCount) μμ")
    #expect(barrel > 300)
    #expect(vetoed >= 0.95)
    #expect(1 - vetoedMuons >= 0.98)
  }

  @Test func singlePhotonFiresForDarkPhotonsAndNotForDimuons() throws {
    let signal = try SimulatedSamples.events(["aprime@2"], luminosityPb: 2, background: 1, scales: ["aprime@2": 1000])
    let photonEnergyCM = DarkPhotonProcess(massGeV: 2).photonEnergyCM
    let (fraction, selected) = efficiency(signal, Self.singlePhoton) { event in
      guard let photon = event.mcParticles.first(where: { $0.pdg == 22 }) else { return false }
      return photonEnergyCM > 1 && (32.2...128.7).contains(photon.thetaDeg)
    }
    let dimuons = try SimulatedSamples.events(["mumu"], luminosityPb: 3, background: 1)
    let (fake, muonCount) = efficiency(dimuons, Self.singlePhoton) { _ in true }
    print("ecl.single_photon: fires for \(String(format: "%.2f %%", 100 * fraction)) of \(selected) A′ (2 GeV) photons in the barrel, \(String(format: "%.2f %%", 100 * fake)) of \(muonCount) μμ")
    #expect(selected > 500)
    #expect(fraction >= 0.90)
    #expect(fake <= 0.01)
  }

  @Test func theECLReferenceLineFiresOnDimuonsWithAHardPhoton() throws {
    // docs/physics.md, 2018 validation: the ECL line (hie, > 1 GeV in θ index 2–15) fires on μμγ.
    let hie = try ConditionRegistry.make(kind: "ecl.energy_sum")
    let dimuons = try SimulatedSamples.events(["mumu"], luminosityPb: 6, background: 1)
    func hardPhoton(_ event: Event) -> Bool {
      event.mcParticles.contains { $0.pdg == 22 && $0.energyGeV > 1.5 && (35...125).contains($0.thetaDeg) }
    }
    let (withPhoton, radiative) = efficiency(dimuons, hie) { hardPhoton($0) }
    let (without, plain) = efficiency(dimuons, hie) { event in !hardPhoton(event) && !event.mcParticles.contains { $0.pdg == 22 && $0.energyGeV > 0.3 } }
    print("ecl.energy_sum (hie): fires for \(String(format: "%.2f %%", 100 * withPhoton)) of \(radiative) μμγ with a photon > 1.5 GeV in the barrel, \(String(format: "%.2f %%", 100 * without)) of \(plain) μμ without a photon above 0.3 GeV")
    #expect(radiative > 200)
    #expect(withPhoton >= 0.95)
    #expect(without <= 0.05)
  }

  @Test func displacedVertexFiresForLongLivedDecaysAndNotForPromptDimuons() throws {
    let signal = try SimulatedSamples.events(["llp@1/5"], luminosityPb: 2, background: 1, scales: ["llp@1/5": 1000])
    let (fraction, selected) = efficiency(signal, Self.displacedVertex) { event in
      guard let daughter = event.mcParticles.first(where: { abs($0.pdg) == 13 }) else { return false }
      let rxy = hypot(Double(daughter.vxCm), Double(daughter.vyCm))
      let pair = muons(event)
      // Inside the window and with both daughters crossing the CDC's axial superlayers.
      return (0.9...60).contains(rxy) && rxy < 20 && pair.allSatisfy { (30...130).contains($0.thetaDeg) && hypot(Double($0.pxGeV), Double($0.pyGeV)) > 0.3 }
    }
    let dimuons = try SimulatedSamples.events(["mumu"], luminosityPb: 3, background: 1)
    let (fake, muonCount) = efficiency(dimuons, Self.displacedVertex) { _ in true }
    print("cdc.displaced_vertex: fires for \(String(format: "%.2f %%", 100 * fraction)) of \(selected) LLP (1 GeV, cτ 5 cm) decays at 0.9 < R_xy < 20 cm with both muons in the CDC, \(String(format: "%.2f %%", 100 * fake)) of \(muonCount) prompt μμ")
    #expect(selected > 200)
    #expect(fraction >= 0.5)
    #expect(fake <= 0.01)
  }
}

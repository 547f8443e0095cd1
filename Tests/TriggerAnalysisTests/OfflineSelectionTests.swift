import Foundation
import TestSupport
import Testing
import TriggerAnalysis
import TriggerEvents
import TriggerSimulation
import TriggerSupport

/// The offline selection presets on hand-built events and on simulated samples.
@Suite struct OfflineSelectionTests {
  /// A track and, where the simulation's helix reaches the barrel calorimeter, a cluster of
  /// `clusterGeV` (placed by TriggerSimulation's own crossing, not the selection's matcher).
  func particle(charge: Int8, pGeV: Double, thetaDeg: Double, phiDeg: Double, clusterGeV: Float?, clusterShiftDeg: Double = 0) -> (Track, ECLCluster?) {
    let theta = thetaDeg * .pi / 180, phi = phiDeg * .pi / 180
    let track = Track(charge: charge, cdcHitCount: 54, pGeV: Float(pGeV), thetaRad: Float(theta), phiRad: Float(phi), d0Cm: 0, z0Cm: 0)
    guard let clusterGeV else { return (track, nil) }
    let radiusCm = pGeV * sin(theta) / (0.003 * DetectorGeometry.CDC.magneticFieldTesla)
    let crossing = DetectorResponse.crossing(
      radius: DetectorGeometry.ECL.barrelRadiusCm, curvatureRadius: radiusCm, charge: Int(charge), phi0: phi, vertex: (0, 0))!
    return (track, ECLCluster(energyGeV: clusterGeV, thetaRad: Float(theta), phiRad: Float(crossing.phi + clusterShiftDeg * .pi / 180), timeNs: 0))
  }

  func event(_ particles: [(Track, ECLCluster?)], photons: [ECLCluster] = []) -> Event {
    var event = Event(header: EventHeader(experiment: 8, run: 1, eventNumber: 1, process: .data, weight: 1))
    event.tracks = particles.map(\.0)
    event.clusters = particles.compactMap(\.1) + photons
    return event
  }

  /// μ⁺ at θ 60°, φ 0° and μ⁻ at θ 100°, φ 143°: opening angle 140°, MIP clusters of 0.2 GeV.
  func muonPair(
    firstTheta: Double = 60, secondCharge: Int8 = -1, secondPhi: Double = 143, firstCluster: Float = 0.2, shift: Double = 0
  ) -> [(Track, ECLCluster?)] {
    [
      particle(charge: 1, pGeV: 3, thetaDeg: firstTheta, phiDeg: 0, clusterGeV: firstCluster, clusterShiftDeg: shift),
      particle(charge: secondCharge, pGeV: 3, thetaDeg: 100, phiDeg: secondPhi, clusterGeV: 0.2),
    ]
  }

  @Test func theZPrimeDimuonSelectionAppliesEachOfItsCuts() {
    let selection = OfflineSelection.zPrimeDimuon
    let selected = selection.select(event(muonPair()).view)
    #expect(selected?.thetaDeg.rounded() == 100)  // the higher-p_T track: p_T = 3 sin 100° > 3 sin 60°
    #expect(selection.select(event(muonPair(firstTheta: 30)).view) == nil, "θ below 37°")
    #expect(selection.select(event(muonPair(firstTheta: 125)).view) == nil, "θ above 120°")
    #expect(selection.select(event(muonPair(secondCharge: 1)).view) == nil, "same charge")
    #expect(selection.select(event(muonPair(firstTheta: 80, secondPhi: 180)).view) == nil, "opening angle 180° − … above 172°")
    #expect(selection.select(event(muonPair(secondPhi: 40)).view) == nil, "opening angle below 90°")
    #expect(selection.select(event(muonPair(firstCluster: 0.5)).view) == nil, "0.5 GeV deposit is not a muon")
    #expect(selection.select(event(muonPair(firstCluster: 0.1)).view) == nil, "0.1 GeV deposit is below the muon window")
    #expect(selection.select(event(muonPair(shift: 8)).view) == nil, "cluster 8° away from the track's impact")
    #expect(selection.select(event(muonPair(shift: 1.5)).view) != nil, "cluster within the 3° match window")
    let third = particle(charge: 1, pGeV: 1, thetaDeg: 70, phiDeg: -90, clusterGeV: 0.2)
    #expect(selection.select(event(muonPair() + [third]).view) == nil, "three tracks")
  }

  @Test func theElectronMuonSelectionNeedsAHardElectronCluster() {
    let muon = particle(charge: 1, pGeV: 3, thetaDeg: 60, phiDeg: 0, clusterGeV: 0.2)
    let electron = particle(charge: -1, pGeV: 3, thetaDeg: 100, phiDeg: 143, clusterGeV: 2.8)
    let soft = particle(charge: -1, pGeV: 3, thetaDeg: 100, phiDeg: 143, clusterGeV: 1.2)
    #expect(OfflineSelection.electronMuon.select(event([muon, electron]).view) != nil)
    #expect(OfflineSelection.electronMuon.select(event([muon, soft]).view) == nil, "electron cluster below 1.5 GeV")
    #expect(OfflineSelection.electronMuon.select(event(muonPair()).view) == nil, "two muons")
    #expect(OfflineSelection.zPrimeDimuon.select(event([muon, electron]).view) == nil, "an electron is not a muon")
  }

  @Test func theDimuonPhotonSelectionNeedsAnUnmatchedBarrelPhoton() {
    let barrel = ECLCluster(energyGeV: 1.5, thetaRad: Float(80 * Double.pi / 180), phiRad: Float(-100 * Double.pi / 180), timeNs: 0)
    let endcap = ECLCluster(energyGeV: 1.5, thetaRad: Float(140 * Double.pi / 180), phiRad: Float(-100 * Double.pi / 180), timeNs: 0)
    let soft = ECLCluster(energyGeV: 0.8, thetaRad: Float(80 * Double.pi / 180), phiRad: Float(-100 * Double.pi / 180), timeNs: 0)
    #expect(OfflineSelection.dimuonPhoton.select(event(muonPair(), photons: [barrel]).view) != nil)
    #expect(OfflineSelection.dimuonPhoton.select(event(muonPair(), photons: [endcap]).view) == nil, "photon in the endcap")
    #expect(OfflineSelection.dimuonPhoton.select(event(muonPair(), photons: [soft]).view) == nil, "photon below 1 GeV")
    #expect(OfflineSelection.dimuonPhoton.select(event(muonPair()).view) == nil, "no photon")
  }

  @Test func unknownPresetsAreNamedWithTheChoices() {
    #expect(throws: LocatedError("unknown offline selection 'mumu'; the presets are zprime-mumu, emu, mumu-gamma, two-track, all")) {
      try OfflineSelection.named("mumu")
    }
  }


  @Test func onSimulationTheDimuonSelectionKeepsMuonPairsInItsAcceptanceAndRejectsBhabhas() throws {
    let dimuons = try SimulatedSamples.events(["mumu"], luminosityPb: 2, background: 1)
    var inAcceptance = 0, kept = 0, keptOutside = 0
    for event in dimuons {
      let muons = event.mcParticles.filter { abs($0.pdg) == 13 }
      let accepted = muons.count == 2 && muons.allSatisfy { (37...120).contains($0.thetaDeg) }
      let selected = OfflineSelection.zPrimeDimuon.select(event.view) != nil
      if accepted && selected { kept += 1 }
      if accepted && OfflineSelection.twoTrack.select(event.view) != nil { inAcceptance += 1 }
      if !accepted && selected { keptOutside += 1 }
    }
    let bhabhas = try SimulatedSamples.events(["ee"], luminosityPb: 0.05, background: 1)
    let fakes = bhabhas.filter { OfflineSelection.zPrimeDimuon.select($0.view) != nil }.count
    let twoTrackBhabhas = bhabhas.filter { OfflineSelection.twoTrack.select($0.view) != nil }.count
    print("zprime-mumu keeps \(kept) of \(inAcceptance) two-track μμ in the acceptance, \(keptOutside) outside; \(fakes) of \(twoTrackBhabhas) two-track Bhabhas")
    #expect(inAcceptance > 500)
    // Muon ID loses ≈ 4 % of muons, mostly to beam-background and radiated-photon energy in
    // the match window pushing the deposit above 0.4 GeV.
    #expect(Double(kept) / Double(inAcceptance) > 0.85, "muon ID keeps muons")
    #expect(Double(keptOutside) < 0.03 * Double(kept), "only resolution moves events across the θ edges")
    #expect(twoTrackBhabhas > 100)
    #expect(Double(fakes) < 0.01 * Double(twoTrackBhabhas), "muon ID rejects electrons")
  }
}

import Foundation
import TestSupport
import Testing
import TriggerEmulation
import TriggerEvents
import TriggerSimulation

@testable import TriggerAnalysis
import TriggerJobs
import TriggerSupport

/// Signal selections on hand-built events, and signal efficiencies on simulated samples.
@Suite struct SignalEfficiencyTests {
  func event(clusters: [(energyGeV: Float, thetaDeg: Float)] = [], tracks: [Track] = []) -> Event {
    var event = Event(header: EventHeader(experiment: 0, run: 1, eventNumber: 1, process: .synthetic))
    event.clusters = clusters.map { ECLCluster(energyGeV: $0.energyGeV, thetaRad: $0.thetaDeg * .pi / 180, phiRad: 0, timeNs: 0) }
    event.tracks = tracks
    return event
  }

  func track(charge: Int8, thetaDeg: Float = 90, pGeV: Float = 1, d0Cm: Float = 0) -> Track {
    Track(charge: charge, cdcHitCount: 40, pGeV: pGeV, thetaRad: thetaDeg * .pi / 180, phiRad: 0, d0Cm: d0Cm, z0Cm: 0)
  }

  @Test func aMasslessParticleAtNinetyDegreesHasGammaTimesItsEnergyInTheCMFrame() {
    let beta = Beams.boostBeta, gamma = 1 / (1 - beta * beta).squareRoot()
    let cm = Beams.masslessInCM(energyGeV: 2, thetaRad: .pi / 2)
    #expect(abs(cm.energyGeV - 2 * gamma) < 1e-12)
    // Seen from the CM frame, which moves forward, the particle goes backward: cos θ* = −β.
    #expect(abs(cos(cm.thetaRad) + beta) < 1e-12)
  }

  @Test func theSinglePhotonSelectionWantsOnePhotonAndNothingElse() {
    let selection = SignalSelection.singlePhoton
    #expect(selection.passes(event(clusters: [(3, 90)]).view))
    #expect(selection.passes(event(clusters: [(3, 90), (0.2, 60)]).view), "a 0.2 GeV cluster (E* < 0.3) is allowed")
    #expect(!selection.passes(event(clusters: [(3, 90), (0.5, 60)]).view), "a second cluster with E* > 0.3 GeV vetoes")
    #expect(!selection.passes(event(clusters: [(3, 30)]).view), "outside 45°–115°")
    #expect(!selection.passes(event(clusters: [(3, 90)], tracks: [track(charge: 1)]).view), "a track vetoes")
    #expect(!selection.passes(event(clusters: [(0.8, 90)]).view), "E* = γ·0.8 GeV < 1 GeV")
  }

  @Test func theDisplacedPairWantsTwoOppositeTracksOneOfThemDisplaced() {
    let selection = SignalSelection.displacedPair
    #expect(selection.passes(event(tracks: [track(charge: 1, d0Cm: 2), track(charge: -1, d0Cm: 0.1)]).view))
    #expect(!selection.passes(event(tracks: [track(charge: 1, d0Cm: 0.5), track(charge: -1, d0Cm: -0.5)]).view), "not displaced enough")
    #expect(!selection.passes(event(tracks: [track(charge: 1, d0Cm: 2), track(charge: 1, d0Cm: 2)]).view), "same charge")
    #expect(!selection.passes(event(tracks: [track(charge: 1, thetaDeg: 160, d0Cm: 2), track(charge: -1)]).view), "outside the CDC")
    #expect(!selection.passes(event(tracks: [track(charge: 1, pGeV: 0.05, d0Cm: 2), track(charge: -1)]).view), "p_T < 0.1 GeV")
  }

  @Test func selectionsAreFoundByNameAndEachProcessHasItsOwn() throws {
    #expect(SignalSelection.defaultSelection(forProcess: "zprime@2").name == "zprime-mumu")
    #expect(SignalSelection.defaultSelection(forProcess: "aprime@2").name == "single-photon")
    #expect(SignalSelection.defaultSelection(forProcess: "llp@0.5/3").name == "displaced-pair")
    #expect(try SignalSelection.named("two-track").name == "two-track")
    #expect(throws: LocatedError("unknown signal selection 'photon'; the presets are single-photon, displaced-pair, zprime-mumu, emu, mumu-gamma, two-track, all")) {
      try SignalSelection.named("photon")
    }
  }

  @Test func theCDCLineKeepsZPrimeEventsAndTheSinglePhotonLineKeepsDarkPhotons() throws {
    let registry = PluginRegistry()
    let menu = try TriggerMenu(path: RepositoryFiles.path("trigger-menus/belle2-lowmult.yaml"), registry: registry)
    let result = try SignalEfficiency.measure(menu: menu, registry: registry, processes: ["zprime@2", "aprime@3"], events: 600, seed: 2, threads: 2)
    let zPrime = result.samples[0], darkPhoton = result.samples[1]
    #expect(zPrime.process == "zprime@2" && zPrime.massGeV == 2 && zPrime.selection == "zprime-mumu")
    #expect(darkPhoton.process == "aprime@3" && darkPhoton.selection == "single-photon")
    #expect(zPrime.selected > 100 && darkPhoton.selected > 50)
    func efficiency(_ sample: SignalEfficiency.Sample, _ line: String) throws -> Double {
      Double(sample.lineFired[try #require(result.lineNames.firstIndex(of: line))]) / Double(sample.selected)
    }
    print("signal: ffo on zprime@2 \(try efficiency(zPrime, "ffo")), lml6 on aprime@3 \(try efficiency(darkPhoton, "lml6"))")
    #expect(try efficiency(zPrime, "ffo") >= 0.95)
    #expect(try efficiency(darkPhoton, "lml6") >= 0.9)
    #expect(try efficiency(darkPhoton, "ffo") == 0)
    // The menu keeps at least what its best unprescaled line fires on.
    #expect(zPrime.menuAccepted >= zPrime.lineFired[try #require(result.lineNames.firstIndex(of: "ffo"))])
    let table = result.efficiencyTable
    #expect(table.rows.count == 2 * (result.lineNames.count + 2) && result.rowNames.last == SignalEfficiency.keptRowName)
    // The HLT's single-photon filter keeps the dark photons L1 accepted.
    #expect(try #require(result.efficiency(line: SignalEfficiency.keptRowName, sample: 1)) >= 0.9)
    #expect(table.columns == ["process", "mass_gev", "ctau_cm", "selection", "line", "k", "n", "efficiency_pct", "lower_pct", "upper_pct"])
    #expect(result.curveTable.columns == ["line", "zprime@2", "aprime@3"])
    let json = try ReportDocument<SignalEfficiency.Summary>(data: Data(result.jsonBytes()), file: "signal.json", format: "trigemu-signal-efficiency-2")
    #expect(json.summary.menu == "belle2-lowmult" && json.tables["signal_efficiency"]?.rows.map { $0.map(Self.value) } == table.rows.map { $0.map(Self.value) })
  }

  /// A cell as its number, or its text (JSON does not keep a number's display digits).
  static func value(_ cell: ReportTable.Cell) -> String { cell.numberValue.map { "\($0)" } ?? cell.textValue }

  @Test func aBadProcessOrEventCountIsAnError() throws {
    let registry = PluginRegistry()
    let menu = try TriggerMenu(path: RepositoryFiles.path("trigger-menus/belle2-lowmult.yaml"), registry: registry)
    #expect(throws: LocatedError("the number of events per signal sample must be at least 1")) {
      try SignalEfficiency.measure(menu: menu, registry: registry, processes: ["zprime@2"], events: 0, seed: 1, threads: 1)
    }
    #expect(throws: LocatedError("give at least one signal process, e.g. zprime@2")) {
      try SignalEfficiency.measure(menu: menu, registry: registry, processes: [], events: 10, seed: 1, threads: 1)
    }
    #expect(throws: ProcessSpecError(spec: "zprime@20", message: "the Z′ mass must be below √s − 2m_μ = 10.377 GeV")) {
      try SignalEfficiency.measure(menu: menu, registry: registry, processes: ["zprime@20"], events: 10, seed: 1, threads: 1)
    }
  }
}

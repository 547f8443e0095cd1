import Foundation
import TestSupport
import Testing
import TriggerEmulation
import TriggerEvents
import TriggerSimulation

/// Each fault kind's specific effect on hand-built events, at the stage it acts on.
@Suite struct FirmwareFaultTests {
  static func model(_ faults: String, runs: String = "") throws -> FirmwareModel {
    try FirmwareModel(text: "name: test\n\(runs)faults:\n\(faults)", path: "test-model")
  }

  static func summary(_ event: Event, _ model: FirmwareModel = .ideal) -> TriggerSummary {
    let processor = TriggerProcessor(firmware: model.compiled)
    processor.process(event.view)
    return processor.summary
  }

  /// The bits and raw lines of `menu` on `event` (bit k of `bits`, line k of `lines`).
  static func decide(_ event: Event, menu: TriggerMenu, _ model: FirmwareModel = .ideal) throws -> (bits: UInt64, lines: UInt64) {
    let processor = TriggerProcessor(firmware: model.compiled)
    let evaluator = try MenuEvaluator(menu: menu, registry: PluginRegistry(), firmware: model)
    processor.process(event.view)
    var bits: UInt64 = 0, lines: UInt64 = 0
    evaluator.evaluate(processor.summary, header: event.header, bits: &bits, lines: &lines)
    return (bits, lines)
  }

  static func event(number: UInt32 = 1, run: UInt32 = 1) -> Event {
    Event(header: EventHeader(experiment: 8, run: run, eventNumber: number, process: .data))
  }

  static func backToBack(phi0: Double = 0.3) -> Event {
    var event = event()
    event.cdcHits = HandBuiltEvents.trackHits(pt: 3, phi0: phi0, charge: 1) + HandBuiltEvents.trackHits(pt: 3, phi0: phi0 - .pi, charge: -1)
    return event
  }

  /// ECL trigger cells of two back-to-back 5.29 GeV (CM) photons at θ* = 90°.
  static func bhabhaLike(phi: Double = 0.2) -> Event {
    var event = event()
    for azimuth in [phi, phi + .pi] {
      let lab = Collision.toLab(FourMomentum(mass: 0, p: Collision.sqrtS / 2, theta: .pi / 2, phi: azimuth))
      let theta = DetectorGeometry.ECL.thetaIndex(atThetaDeg: lab.theta * 180 / .pi)!
      event.eclHits.append(
        ECLTriggerCellHit(cellId: UInt16(DetectorGeometry.ECL.cell(thetaIndex: theta, phiRad: azimuth)), energyGeV: Float(lab.energy), timeNs: 0))
    }
    event.eclHits.sort { $0.cellId < $1.cellId }
    return event
  }

  /// A muon's CDC track (p_T 2 GeV, φ0 1.2) and ten hit layers in the barrel KLM sector it reaches (2).
  static func muon() -> Event {
    var event = event()
    event.cdcHits = HandBuiltEvents.trackHits(pt: 2, phi0: 1.2, charge: 1)
    for layer in 1...10 { event.klmHits.append(KLMHit(section: .barrel, sector: 2, layer: UInt8(layer), plane: 0, timeNs: 15)) }
    return event
  }

  static let menu = try! TriggerMenu(
    text: """
      name: fault-test
      bits:
        opening_90: {kind: cdc.two_track, parameters: {minOpeningAngle: 90 deg}}
        ecl_1: {kind: ecl.energy_sum, parameters: {threshold: 1 GeV}}
        veto: {kind: ecl.bhabha_veto}
        muon: {kind: klm.single_muon}
      lines:
        ffo: {expression: opening_90 && !veto}
        hie: {expression: ecl_1 && !veto}
        mu: {expression: muon}
      """, path: "fault-test.yaml")

  @Test func deadSegmentsLoseTheTrackInTheMaskedAzimuthButNotOneMissingASingleSuperlayer() throws {
    let event = Self.backToBack(phi0: 0.3)  // tracks at 17° and −163°
    #expect(Self.summary(event).tracks.count == 2)
    let half = try Self.model("  - {kind: cdc.dead_segments, parameters: {phiMin: 0 deg, phiMax: 90 deg}}")
    let left = Self.summary(event, half).tracks
    #expect(left.count == 1 && abs(left[0].phi0Rad - (0.3 - .pi)) < 0.01)
    #expect(Self.summary(event, half).segments.allSatisfy { $0.phiRad * 180 / .pi > 90 })
    // A range through 0° (350°…40°) masks the same track.
    #expect(Self.summary(event, try Self.model("  - {kind: cdc.dead_segments, parameters: {phiMin: 350 deg, phiMax: 40 deg}}")).tracks.count == 1)
    // One axial superlayer masked leaves 4 of 5: both tracks stay.
    let oneLayer = try Self.model("  - {kind: cdc.dead_segments, parameters: {superlayerMin: 2, superlayerMax: 2}}")
    #expect(Self.summary(event, oneLayer).tracks.count == 2)
    #expect(!Self.summary(event, oneLayer).segments.contains { $0.superlayer == 2 })
  }

  @Test func phiDependentEfficiencyKeepsSegmentsWithTheModulatedProbabilityReproducibly() throws {
    let model = try Self.model("  - {kind: cdc.phi_efficiency, parameters: {depth: 0.5, harmonic: 1, phase: 90 deg, seed: 7}}")
    // A stiff track at φ0 = 90°: ε = 1 − 0.5·(1 + cos 0)/2 = 0.5 per segment; at 270°: ε = 1.
    for (phi0, expected) in [(Double.pi / 2, 0.5), (3 * Double.pi / 2, 1.0)] {
      var kept = 0, total = 0
      for number in 1...1500 {
        var event = Self.event(number: UInt32(number))
        event.cdcHits = HandBuiltEvents.trackHits(pt: 5, phi0: phi0, charge: 1)
        let ideal = Self.summary(event).segments.count
        let faulted = Self.summary(event, model).segments
        total += ideal
        kept += faulted.count
        if number == 1 { #expect(Self.summary(event, model).segments == faulted, "the same event loses the same segments") }
      }
      // Segments sit within ±1.5° of φ0 here, so ε(φ) varies by < 0.001 across them; binomial σ ≈ 0.004.
      #expect(abs(Double(kept) / Double(total) - expected) < 0.02, "φ0 = \(phi0): kept \(kept) of \(total)")
    }
  }

  @Test func aCoarserHoughPlaneMergesTwoTracks20DegreesApartThatTheNominalPlaneSeparates() throws {
    var event = Self.event()
    event.cdcHits = HandBuiltEvents.trackHits(pt: 3, phi0: 1.0, charge: 1) + HandBuiltEvents.trackHits(pt: 3, phi0: 1.0 + 20 * .pi / 180, charge: 1)
    event.cdcHits.sort { ($0.layer, $0.wire) < ($1.layer, $1.wire) }
    #expect(Self.summary(event).tracks.count == 2)
    let coarse = try Self.model("  - {kind: cdc.hough_quantisation, parameters: {phiCells: 40, curvatureCells: 8}}")
    #expect(Self.summary(event, coarse).tracks.count == 1)
  }

  @Test func aTrackCountOffByOneDropsOrRepeatsTheLastTrack() throws {
    let event = Self.backToBack()
    let ideal = Self.summary(event).tracks
    let fewer = Self.summary(event, try Self.model("  - {kind: cdc.track_count_offset, parameters: {offset: -1}}")).tracks
    #expect(fewer.count == 1 && fewer[0].phi0Rad == ideal[0].phi0Rad)
    let more = Self.summary(event, try Self.model("  - {kind: cdc.track_count_offset, parameters: {offset: 1}}")).tracks
    #expect(more.count == 3 && more[2].phi0Rad == ideal[1].phi0Rad)
    // The two-track line needs the second track.
    #expect(try Self.decide(event, menu: Self.menu).lines & 1 == 1)
    #expect(try Self.decide(event, menu: Self.menu, try Self.model("  - {kind: cdc.track_count_offset, parameters: {offset: -1}}")).lines & 1 == 0)
  }

  @Test func deadECLCellsAndAnEnergyScaleChangeWhatTheECLTriggerSees() throws {
    let event = Self.bhabhaLike()
    let ideal = Self.summary(event)
    #expect(ideal.clusters.count == 2)
    let cell = Int(event.eclHits[0].cellId)
    let dead = Self.summary(event, try Self.model("  - {kind: ecl.dead_cells, parameters: {first: \(cell), last: \(cell)}}"))
    #expect(dead.clusters.count == 1)
    #expect(abs(dead.energySumGeV(thetaIndices: 1...17) - Double(event.eclHits[1].energyGeV)) < 1e-6)
    let halved = Self.summary(event, try Self.model("  - {kind: ecl.energy_scale, parameters: {factor: 0.5}}"))
    #expect(abs(halved.energySumGeV(thetaIndices: 1...17) - ideal.energySumGeV(thetaIndices: 1...17) / 2) < 1e-9)
    #expect(abs(halved.clusters[0].energyGeV - ideal.clusters[0].energyGeV / 2) < 1e-9)
  }

  @Test func aShiftedTimeWindowLosesInTimeHitsAndTakesLateOnes() throws {
    var event = Self.bhabhaLike()
    event.eclHits[1].timeNs = 150
    #expect(Self.summary(event).clusters.count == 1)
    let late = Self.summary(event, try Self.model("  - {kind: timing.window_shift, parameters: {detector: ecl, shift: 150 ns}}"))
    #expect(late.clusters.count == 1 && late.clusters[0].timeNs == 150)
    #expect(abs(late.energySumGeV(thetaIndices: 1...17) - Double(event.eclHits[1].energyGeV)) < 1e-6)
    // KLM hits at 15 ns fall out of a window moved by 50 ns (50–90 ns).
    #expect(Self.summary(Self.muon()).klmSectors.count == 1)
    #expect(Self.summary(Self.muon(), try Self.model("  - {kind: timing.window_shift, parameters: {detector: klm, shift: 50 ns}}")).klmSectors.isEmpty)
  }

  @Test func deadKLMSectorsAndADisabledKLMStopTheSingleMuonLine() throws {
    let muon = Self.muon()
    #expect(try Self.decide(muon, menu: Self.menu).lines & 0b100 != 0)
    let sector2 = try Self.model("  - {kind: klm.dead_sectors, parameters: {section: barrel, first: 2, last: 2}}")
    #expect(Self.summary(muon, sector2).klmSectors.isEmpty)
    #expect(try Self.decide(muon, menu: Self.menu, sector2).lines & 0b100 == 0)
    let others = try Self.model("  - {kind: klm.dead_sectors, parameters: {section: barrel, first: 3, last: 8}}")
    #expect(try Self.decide(muon, menu: Self.menu, others).lines & 0b100 != 0)
    let forward = try Self.model("  - {kind: klm.dead_sectors, parameters: {section: forward, first: 1, last: 4}}")
    #expect(Self.summary(muon, forward).klmSectors.count == 1)
    let off = try Self.model("  - kind: klm.disabled")
    #expect(Self.summary(muon, off).klmSectors.isEmpty && Self.summary(muon, off).tracks.count == 1)
  }

  @Test func thresholdOffsetsAndScalesChangeTheConstantEveryBitOfTheKindUses() throws {
    var event = Self.event()
    event.eclHits = [ECLTriggerCellHit(cellId: 200, energyGeV: 1.5, timeNs: 0)]
    func hie(_ faults: String?) throws -> Bool {
      try Self.decide(event, menu: Self.menu, faults.map { try Self.model($0) } ?? .ideal).lines & 0b10 != 0
    }
    #expect(try hie(nil))
    #expect(try !hie("  - {kind: threshold.scale, parameters: {condition: ecl.energy_sum, parameter: threshold, factor: 2}}"))
    #expect(try hie("  - {kind: threshold.offset, parameters: {condition: ecl.energy_sum, parameter: threshold, offset: 0.4}}"))
    #expect(try !hie("  - {kind: threshold.offset, parameters: {condition: ecl.energy_sum, parameter: threshold, offset: 0.6}}"))
  }

  @Test func anAngleInTheWrongUnitChangesWhichPairsPassTheOpeningAngle() throws {
    var narrow = Self.event()  // two tracks 60° apart
    narrow.cdcHits = HandBuiltEvents.trackHits(pt: 3, phi0: 0, charge: 1) + HandBuiltEvents.trackHits(pt: 3, phi0: .pi / 3, charge: -1)
    let radAsDeg = try Self.model("  - {kind: angle.wrong_unit, parameters: {condition: cdc.two_track, parameter: minOpeningAngle, mode: rad_as_deg}}")
    let degAsRad = try Self.model("  - {kind: angle.wrong_unit, parameters: {condition: cdc.two_track, parameter: minOpeningAngle, mode: deg_as_rad}}")
    #expect(try Self.decide(narrow, menu: Self.menu).bits & 1 == 0)
    #expect(try Self.decide(narrow, menu: Self.menu, radAsDeg).bits & 1 == 1, "90 read as 1.571°: any two tracks pass")
    #expect(try Self.decide(Self.backToBack(), menu: Self.menu).bits & 1 == 1)
    #expect(try Self.decide(Self.backToBack(), menu: Self.menu, degAsRad).bits & 1 == 0, "90 rad = 5157°: no pair passes")
  }

  @Test func aComparisonThatCanNeverBeTrueSilencesTheBhabhaVetoSoVetoedLinesFire() throws {
    let event = Self.bhabhaLike()
    let ideal = try Self.decide(event, menu: Self.menu)
    #expect(ideal.bits & 0b100 != 0 && ideal.lines & 0b10 == 0)
    let broken = try Self.decide(event, menu: Self.menu, try Self.model("  - {kind: logic.never_true, parameters: {condition: ecl.bhabha_veto}}"))
    #expect(broken.bits & 0b100 == 0 && broken.lines & 0b10 != 0)
  }

  @Test func stuckBitsOverrideTheirConditionsBeforeTheLines() throws {
    let empty = Self.event()
    let stuckOne = try Self.decide(empty, menu: Self.menu, try Self.model("  - {kind: bit.stuck, parameters: {bit: ecl_1, value: 1}}"))
    #expect(stuckOne.bits == 0b10 && stuckOne.lines == 0b10)
    var energetic = Self.event()
    energetic.eclHits = [ECLTriggerCellHit(cellId: 200, energyGeV: 3, timeNs: 0)]
    let stuckZero = try Self.decide(energetic, menu: Self.menu, try Self.model("  - {kind: bit.stuck, parameters: {bit: ecl_1, value: 0}}"))
    #expect(stuckZero.bits == 0 && stuckZero.lines == 0)
  }

  @Test func randomBitErrorsFlipAtTheirRateReproducibly() throws {
    let model = try Self.model("  - {kind: bit.random_errors, parameters: {rate: 0.1, bit: ecl_1, seed: 3}}")
    var flipped = 0, other = 0
    for number in 1...10_000 {
      let decision = try Self.decide(Self.event(number: UInt32(number)), menu: Self.menu, model)
      if decision.bits & 0b10 != 0 { flipped += 1 }
      if decision.bits & ~0b10 != 0 { other += 1 }
      if number <= 20 { #expect(try Self.decide(Self.event(number: UInt32(number)), menu: Self.menu, model).bits == decision.bits) }
    }
    #expect(abs(Double(flipped) / 10_000 - 0.1) < 0.01, "flipped \(flipped) of 10000 (σ = 30)")
    #expect(other == 0, "only the named bit flips")
    let always = try Self.model("  - {kind: bit.random_errors, parameters: {rate: 1}}")
    #expect(try Self.decide(Self.event(), menu: Self.menu, always).bits == 0b1111)
  }
}

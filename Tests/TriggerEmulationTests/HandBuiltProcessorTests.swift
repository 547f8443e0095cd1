import Foundation
import TestSupport
import Testing
import TriggerEmulation
import TriggerEvents
import TriggerSimulation

/// Each processor on hand-built events with known answers.
@Suite struct HandBuiltProcessorTests {
  func summary(of event: Event) -> TriggerSummary {
    let processor = TriggerProcessor()
    processor.process(event.view)
    return processor.summary
  }

  @Test func aSingleTrackCrossingKnownWiresGivesOneTrackWithItsParameters() {
    var event = Event(header: EventHeader(experiment: 0, run: 1, eventNumber: 1, process: .data))
    event.cdcHits = HandBuiltEvents.trackHits(pt: 1.2, phi0: 0.5, charge: 1)
    #expect(event.cdcHits.count == 56)
    // Layer 0 at 16.8 cm: chord angle asin(16.8 / 2R) with R = 266.7 cm → φ = 0.5 − 0.0315.
    #expect(event.cdcHits[0] == CDCHit(layer: 0, wire: 12, tdc: event.cdcHits[0].tdc, adc: 40))
    let found = summary(of: event)
    #expect(Set(found.segments.map(\.superlayer)) == Set(0...8))
    #expect(found.tracks.count == 1)
    let track = found.tracks[0]
    #expect(track.charge == 1)
    #expect(abs(track.phi0Rad - 0.5) < 0.002)
    #expect(abs(track.ptGeV / 1.2 - 1) < 0.03)
    #expect(track.axialMask == 0b11111)
    #expect(abs(track.z0Cm ?? 99) < 1 && abs((track.thetaRad ?? 0) - .pi / 2) < 0.02)
  }

  /// The Hough plane's cells are 2.25° wide in φ0 and held 64 to a word: a track at φ0 = 0 has
  /// its cluster on both ends of the ring, one at cell 64 or 128 on both sides of a word boundary.
  /// Each must still come out as one track, where it is.
  @Test func aTrackWhoseHoughClusterStraddlesTheRingsEndOrAWordBoundaryIsFoundOnce() {
    let cell = 2 * Double.pi / 160
    for phi0 in [0, -0.2 * cell, 64 * cell, 128 * cell - 2 * .pi] {
      for (pt, charge) in [(0.5, 1), (0.5, -1), (3.0, 1)] {
        var event = Event(header: EventHeader(experiment: 0, run: 1, eventNumber: 1, process: .data))
        event.cdcHits = HandBuiltEvents.trackHits(pt: pt, phi0: phi0, charge: charge)
        let tracks = summary(of: event).tracks
        #expect(tracks.count == 1, "φ0 \(phi0), p_T \(pt), charge \(charge)")
        guard let track = tracks.first else { continue }
        #expect(abs(remainder(track.phi0Rad - phi0, 2 * .pi)) < 0.01, "φ0 \(phi0) found at \(track.phi0Rad)")
        #expect(track.charge == charge)
      }
    }
  }

  @Test func aTrackWithOnlyThreeAxialSuperlayersIsNotFound() {
    var event = Event(header: EventHeader(experiment: 0, run: 1, eventNumber: 1, process: .data))
    // Remove superlayers 6 and 8 (layers 38–43 and 50–55).
    event.cdcHits = HandBuiltEvents.trackHits(pt: 2, phi0: -1, charge: -1, skipLayers: Set(38...43).union(50...55))
    #expect(summary(of: event).tracks.isEmpty)
  }

  @Test func twoBackToBackTracksFireTheTwoTrackLineByLogicBinsAndExactly() throws {
    var event = Event(header: EventHeader(experiment: 0, run: 1, eventNumber: 1, process: .data))
    event.cdcHits = HandBuiltEvents.trackHits(pt: 3, phi0: 0.3, charge: 1) + HandBuiltEvents.trackHits(pt: 3, phi0: 0.3 - .pi, charge: -1)
    let found = summary(of: event)
    #expect(found.tracks.count == 2)
    #expect(OpeningAngle.binDifference(found.tracks[0], found.tracks[1]) == 18)
    #expect(abs(OpeningAngle.exactDeg(found.tracks[0], found.tracks[1]) - 180) < 1)
    #expect(try ConditionRegistry.make(kind: "cdc.two_track").evaluate(found))
    #expect(try ConditionRegistry.make(kind: "cdc.two_track", parameters: ["logicBins": .boolean(false)]).evaluate(found))
    #expect(try !ConditionRegistry.make(kind: "cdc.two_track", parameters: ["minTracks": .number(3)]).evaluate(found))
  }

  @Test func twoBackToBack5GeVClustersFireTheBhabhaVeto() throws {
    // Back-to-back at θ* = 90° in the CM, 5.29 GeV each, seen in the lab.
    func cell(thetaStar: Double, phi: Double, into event: inout Event, energyCM: Double) {
      let cm = FourMomentum(mass: 0, p: energyCM, theta: thetaStar, phi: phi)
      let lab = Collision.toLab(cm)
      let theta = DetectorGeometry.ECL.thetaIndex(atThetaDeg: lab.theta * 180 / .pi)!
      event.eclHits.append(ECLTriggerCellHit(cellId: UInt16(DetectorGeometry.ECL.cell(thetaIndex: theta, phiRad: phi)), energyGeV: Float(lab.energy), timeNs: 0))
    }
    for (energy, expected) in [(Collision.sqrtS / 2, true), (2.5, false)] {
      var event = Event(header: EventHeader(experiment: 0, run: 1, eventNumber: 1, process: .data))
      cell(thetaStar: .pi / 2, phi: 0.2, into: &event, energyCM: energy)
      cell(thetaStar: .pi / 2, phi: 0.2 + .pi, into: &event, energyCM: energy)
      event.eclHits.sort { $0.cellId < $1.cellId }
      let found = summary(of: event)
      #expect(found.clusters.count == 2)
      #expect(found.clusters.allSatisfy { abs($0.energyCMGeV - energy) < 0.5 })  // TC centres, not the true angles
      #expect(try ConditionRegistry.make(kind: "ecl.bhabha_veto").evaluate(found) == expected)
      #expect(try ConditionRegistry.make(kind: "ecl.energy_sum").evaluate(found))
    }
  }

  @Test func connectedTriggerCellsFormOneClusterThroughNeighboursAndAcrossTheRingsEnd() {
    // Barrel ring θ index 8 (36 cells of 10°): cells at columns 10, 11 and 12 connect through the
    // middle one only (10 and 12 do not touch); column 20 stands alone; columns 0 and 35 touch
    // across φ = 0. In reading order 10, 20, 12, 11 the middle cell is found last.
    func id(_ column: Int, theta: Int = 8) -> UInt16 {
      UInt16(DetectorGeometry.ECL.cell(thetaIndex: theta, phiRad: (Double(column) + 0.5) * 2 * .pi / 36))
    }
    var event = Event(header: EventHeader(experiment: 0, run: 1, eventNumber: 1, process: .data))
    event.eclHits = [
      ECLTriggerCellHit(cellId: id(10), energyGeV: 0.25, timeNs: 1),
      ECLTriggerCellHit(cellId: id(20), energyGeV: 0.5, timeNs: 2),
      ECLTriggerCellHit(cellId: id(12), energyGeV: 1.0, timeNs: 3),
      ECLTriggerCellHit(cellId: id(11), energyGeV: 0.5, timeNs: 4),
      ECLTriggerCellHit(cellId: id(0), energyGeV: 0.75, timeNs: 5),
      ECLTriggerCellHit(cellId: id(35, theta: 9), energyGeV: 0.25, timeNs: 6),
    ]
    let clusters = summary(of: event).clusters
    #expect(clusters.map(\.cellCount) == [3, 1, 2])
    #expect(clusters.map(\.energyGeV) == [1.75, 0.5, 1.0])
    // The most energetic cell gives the time and θ index: column 12's, then column 0's.
    #expect(clusters.map(\.timeNs) == [3, 2, 5])
    #expect(clusters.map(\.thetaIndex) == [8, 8, 8])
    // φ of the energy-weighted vector sum of the cell centres: 119.30° for 0.25 at 105°, 0.5 at
    // 115° and 1.0 at 125°; 2.50° for 0.75 at 5° and 0.25 at 355° (not 180°: the ring wraps).
    #expect(abs(clusters[0].phiRad * 180 / .pi - 119.3027) < 1e-3)
    #expect(abs(clusters[2].phiRad * 180 / .pi - 2.5048) < 1e-3)
  }

  @Test func anEventWithMoreCellsThanTheScratchHeldKeepsThemAll() {
    // Every barrel cell (432, more than the 64 the clustering scratch starts with) at 0.125 GeV:
    // all connected, so one cluster holding them all, after a small event used the processor.
    let processor = TriggerProcessor()
    var small = Event(header: EventHeader(experiment: 0, run: 1, eventNumber: 1, process: .data))
    small.eclHits = [ECLTriggerCellHit(cellId: 200, energyGeV: 1, timeNs: 0)]
    processor.process(small.view)
    var event = small
    event.eclHits = DetectorGeometry.ECL.barrelCells.map { ECLTriggerCellHit(cellId: UInt16($0), energyGeV: 0.125, timeNs: 0) }
    processor.process(event.view)
    #expect(processor.summary.clusters.map(\.cellCount) == [432])
    #expect(processor.summary.clusters.map(\.energyGeV) == [54])
  }

  @Test func triggerCellsAndKLMSectorsOutsideTheDetectorAreSkipped() {
    var event = Event(header: EventHeader(experiment: 0, run: 1, eventNumber: 1, process: .data))
    event.eclHits = [
      ECLTriggerCellHit(cellId: 0, energyGeV: 3, timeNs: 0), ECLTriggerCellHit(cellId: 577, energyGeV: 3, timeNs: 0),
      ECLTriggerCellHit(cellId: 200, energyGeV: 2, timeNs: 0),
    ]
    event.klmHits = [
      KLMHit(section: .barrel, sector: 0, layer: 3, plane: 0, timeNs: 15), KLMHit(section: .barrel, sector: 9, layer: 3, plane: 0, timeNs: 15),
      KLMHit(section: .forwardEndcap, sector: 5, layer: 3, plane: 0, timeNs: 15),
      KLMHit(section: .barrel, sector: 8, layer: 3, plane: 0, timeNs: 15),
    ]
    let found = summary(of: event)
    #expect(found.clusters.map(\.energyGeV) == [2])
    #expect(found.energySumGeV(thetaIndices: 1...17) == 2)
    #expect(found.klmSectors.map { "\($0.section) \($0.sector) \($0.layerMask)" } == ["barrel 8 4"])
  }

  @Test func aMuonFiringAKLMSectorMatchesItsTrack() throws {
    var event = Event(header: EventHeader(experiment: 0, run: 1, eventNumber: 1, process: .data))
    let phi0 = 1.2, pt = 2.0
    event.cdcHits = HandBuiltEvents.trackHits(pt: pt, phi0: phi0, charge: 1)
    // At r = 2 m the track has turned by asin(200/2R) = 0.227 rad: 55.7°, barrel sector 2 (45°–90°).
    let phiAtKLM = phi0 - asin(200 / (2 * pt / 0.0045))
    let sector = DetectorGeometry.KLM.sector(of: .barrel, atPhiRad: phiAtKLM)
    #expect(sector == 2)
    for layer in 1...10 {
      event.klmHits.append(KLMHit(section: .barrel, sector: UInt8(sector), layer: UInt8(layer), plane: 0, timeNs: 15))
    }
    let found = summary(of: event)
    #expect(found.klmSectors.count == 1 && found.klmSectors[0].layerCount(in: 2...15) == 9)
    #expect(try ConditionRegistry.make(kind: "klm.single_muon").evaluate(found))
    #expect(try ConditionRegistry.make(kind: "klm.sector_count").evaluate(found))
    // The same hits in the opposite sector: no match.
    for index in event.klmHits.indices { event.klmHits[index].sector = 6 }
    #expect(try !ConditionRegistry.make(kind: "klm.single_muon").evaluate(summary(of: event)))
    #expect(try !ConditionRegistry.make(kind: "klm.back_to_back").evaluate(summary(of: event)))
  }

  @Test func aPairFromAVertexAt10CmGivesADisplacedVertex() throws {
    var event = Event(header: EventHeader(experiment: 0, run: 1, eventNumber: 1, process: .data))
    let vertex = (x: 10 * cos(0.7), y: 10 * sin(0.7))
    event.cdcHits = HandBuiltEvents.trackHits(pt: 1.0, phi0: 0.5, charge: 1, vertex: vertex) + HandBuiltEvents.trackHits(pt: 0.8, phi0: 1.1, charge: -1, vertex: vertex)
    let found = summary(of: event)
    #expect(found.tracks.count == 2)
    let rxy = found.vertices.map(\.radiusCm)
    #expect(rxy.contains { abs($0 - 10) < 1 })
    #expect(try ConditionRegistry.make(kind: "cdc.displaced_vertex").evaluate(found))
    #expect(try !ConditionRegistry.make(kind: "cdc.displaced_vertex", parameters: ["minRxy": .number(15)]).evaluate(found))
  }
}

import Foundation
import TriggerJobs
import TriggerEvents
import TriggerSimulation

/// Small events with known contents, for format and inspection tests.
public enum HandBuiltEvents {
  /// A μμ-like event of `run` with hits in every detector and known values at the edges of
  /// the allowed ranges (layer 55, last wire, TC 576, backward KLM layer 12).
  public static func dimuon(run: UInt32, event: UInt32, experiment: UInt16 = 7) -> Event {
    var e = Event(header: EventHeader(experiment: experiment, run: run, eventNumber: event, process: .dimuon, weight: 1))
    e.cdcHits = [
      CDCHit(layer: 0, wire: 0, tdc: 120, adc: 40),
      CDCHit(layer: 8, wire: 159, tdc: 300, adc: 55),
      CDCHit(layer: 55, wire: 383, tdc: 998, adc: 12),
    ]
    e.eclHits = [
      ECLTriggerCellHit(cellId: 1, energyGeV: 0.21, timeNs: -3.5),
      ECLTriggerCellHit(cellId: 576, energyGeV: 0, timeNs: 12.25),
    ]
    e.klmHits = [
      KLMHit(section: .barrel, sector: 8, layer: 15, plane: 1, timeNs: 20.5),
      KLMHit(section: .backwardEndcap, sector: 4, layer: 12, plane: 0, timeNs: 21),
    ]
    e.tracks = [
      Track(charge: -1, cdcHitCount: 48, pGeV: 4.9, thetaRad: 1.1, phiRad: -3.1, d0Cm: 0.01, z0Cm: -0.2),
      Track(charge: 1, cdcHitCount: 50, pGeV: 5.1, thetaRad: 2.0, phiRad: 0.04, d0Cm: -0.02, z0Cm: 0.1),
    ]
    e.clusters = [ECLCluster(energyGeV: 0.2, thetaRad: 1.1, phiRad: -3.1, timeNs: 1)]
    e.mcParticles = [
      MCParticle(pdg: 13, pxGeV: -2.2, pyGeV: 0.1, pzGeV: 2.0, energyGeV: 4.9),
      MCParticle(pdg: -13, pxGeV: 2.2, pyGeV: -0.1, pzGeV: -0.5, energyGeV: 5.1, vxCm: 0.01, vyCm: 0, vzCm: -0.2),
    ]
    return e
  }

  /// An event with no records at all (allowed: an empty trigger window).
  public static func empty(run: UInt32, event: UInt32) -> Event {
    Event(header: EventHeader(experiment: 7, run: run, eventNumber: event, process: .data))
  }

  /// `count` synthetic events spread over `runs` runs in order.
  public static func synthetic(count: Int, runs: Int = 3, seed: UInt64 = 42) -> [Event] {
    var generator = SyntheticEvents(seed: seed)
    return (0..<count).map { index in
      var event = Event(header: EventHeader(experiment: 0, run: 0, eventNumber: 0, process: .synthetic))
      generator.fill(&event, run: UInt32(1 + index * runs / count), eventNumber: UInt32(index))
      return event
    }
  }

  /// CDC hits of a track from `vertex` (cm) with transverse momentum `pt` (GeV), azimuth `phi0`,
  /// charge `charge` and z = 0 (axial and stereo layers alike): the wire whose cell holds the
  /// crossing point in every layer, with its drift time. `skipLayers` leaves layers out.
  public static func trackHits(pt: Double, phi0: Double, charge: Int, vertex: (x: Double, y: Double) = (0, 0), skipLayers: Set<Int> = []) -> [CDCHit] {
    let radius = pt * DetectorGeometry.CDC.curvatureRadiusCmPerGeV
    var hits: [CDCHit] = []
    for layer in 0..<56 where !skipLayers.contains(layer) {
      let r = DetectorGeometry.CDC.radiusMM(ofLayer: layer) / 10
      // Where the helix crosses the layer (the simulation's geometry, not the emulator under test).
      guard let (_, phi) = DetectorResponse.crossing(radius: r, curvatureRadius: radius, charge: charge, phi0: phi0, vertex: vertex) else {
        if r > (vertex.x * vertex.x + vertex.y * vertex.y).squareRoot() { break }
        continue
      }
      let wires = Int(DetectorGeometry.CDC.wiresPerLayer[layer])
      let cell = 2 * Double.pi / Double(wires), stagger = layer % 2 == 1 ? 0.5 : 0
      var position = phi / cell - stagger + 0.5
      position -= Double(wires) * (position / Double(wires)).rounded(.down)
      let wire = Int(position) % wires
      let drift = abs(position - Double(Int(position)) - 0.5) * cell * r
      hits.append(CDCHit(layer: UInt8(layer), wire: UInt16(wire), tdc: UInt16((drift / DetectorGeometry.CDC.driftVelocityCmPerNs).rounded()), adc: 40))
    }
    return hits
  }
}

import Foundation
import TriggerEvents

/// A fast detector simulation: turns generated particles into raw-like hits (CDC, ECL trigger
/// cells, KLM) and offline tracks and clusters, plus beam background.
///
/// Geometry comes from `DetectorGeometry` (PHYSICS.md, "Detector numbers"); every response
/// number below is a simplification named where it is used. One `DetectorResponse` per thread:
/// it keeps scratch arrays (wire occupancy, TC energy sums) so that an event allocates nothing
/// once warm.
public struct DetectorResponse {
  /// Solenoid field in tesla and the curvature constant: R[cm] = p_T[GeV] / (0.003 · B[T]).
  static let curvatureRadiusPerGeVCm = 1 / (0.003 * DetectorGeometry.CDC.magneticFieldTesla)

  /// First wire of each layer in the flat wire numbering (a copy of the static table, so the
  /// hot path reads a stored property rather than a lazily initialised global).
  let firstWireOfLayer = DetectorResponse.firstWireOfLayer
  // Scratch, reused event to event.
  var wireStamp: [UInt32]
  var wireHit: [Int32]
  var tcEnergy: [Float]
  var tcTime: [Float]
  var tcTouched: [Int] = []
  var klmStamp: [UInt32]
  var stamp: UInt32 = 0

  public init() {
    wireStamp = Array(repeating: 0, count: DetectorGeometry.CDC.wireCount)
    wireHit = Array(repeating: 0, count: DetectorGeometry.CDC.wireCount)
    tcEnergy = Array(repeating: 0, count: DetectorGeometry.ECL.triggerCellCount + 1)
    tcTime = Array(repeating: 0, count: DetectorGeometry.ECL.triggerCellCount + 1)
    klmStamp = Array(repeating: 0, count: 3 * 8 * 15 * 2)
  }

  /// Fills `event`'s records (its header is left as it is) from `particles` and beam background
  /// at `beamBackground` times nominal.
  public mutating func simulate(
    _ particles: [GeneratedParticle], beamBackground: Double, random: inout EventRandom, into event: inout Event
  ) {
    event.removeAllRecords()
    stamp &+= 1
    if stamp == 0 {  // after 2³² events: clear the stamps once
      for index in wireStamp.indices { wireStamp[index] = 0 }
      for index in klmStamp.indices { klmStamp[index] = 0 }
      stamp = 1
    }
    for particle in particles {
      event.mcParticles.append(MCParticle(
        pdg: particle.pdg, pxGeV: Float(particle.momentum.px), pyGeV: Float(particle.momentum.py),
        pzGeV: Float(particle.momentum.pz), energyGeV: Float(particle.momentum.energy), vxCm: Float(particle.vertex.x),
        vyCm: Float(particle.vertex.y), vzCm: Float(particle.vertex.z)))
      guard !particle.isInvisible else { continue }
      let charge = Particle.charge(of: particle.pdg)
      if charge != 0 {
        let hits = simulateCDC(particle, charge: charge, random: &random, into: &event)
        reconstructTrack(particle, charge: charge, cdcHits: hits, random: &random, into: &event)
        if abs(particle.pdg) == Particle.muon { simulateKLM(particle, charge: charge, random: &random, into: &event) }
      }
      simulateECL(particle, charge: charge, random: &random, into: &event)
    }
    addBeamBackground(level: beamBackground, random: &random, into: &event)
    emitTriggerCells(into: &event)
  }
}

import Foundation
import TriggerEvents

/// A fast detector simulation: turns generated particles into raw-like hits (CDC, ECL trigger
/// cells, KLM) and offline tracks and clusters, plus beam background.
///
/// Geometry comes from `DetectorGeometry` (docs/physics.md, "Detector numbers"); every response
/// number below is a simplification named where it is used. One `DetectorResponse` per thread:
/// it keeps scratch arrays (wire occupancy, TC energy sums) so that an event allocates nothing
/// once warm. A class owning raw scratch buffers, so the hit loops pay no copy-on-write checks.
public final class DetectorResponse {
  /// First wire of each layer in the flat wire numbering (a copy of the static table, so the
  /// hot path reads a stored property rather than a lazily initialised global).
  let firstWireOfLayer = DetectorResponse.firstWireOfLayer
  // Scratch, reused event to event: which event last hit each wire (and its hit's index), the
  // summed energy and time of each trigger cell, which KLM strip planes fired.
  let wireStamp = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: DetectorGeometry.CDC.wireCount)
  let wireHit = UnsafeMutableBufferPointer<Int32>.allocate(capacity: DetectorGeometry.CDC.wireCount)
  let tcEnergy = UnsafeMutableBufferPointer<Float>.allocate(capacity: DetectorGeometry.ECL.triggerCellCount + 1)
  let tcTime = UnsafeMutableBufferPointer<Float>.allocate(capacity: DetectorGeometry.ECL.triggerCellCount + 1)
  let klmStamp = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 3 * 8 * 15 * 2)
  var tcTouched: [Int] = []
  var stamp: UInt32 = 0

  public init() {
    wireStamp.initialize(repeating: 0)
    wireHit.initialize(repeating: 0)
    tcEnergy.initialize(repeating: 0)
    tcTime.initialize(repeating: 0)
    klmStamp.initialize(repeating: 0)
  }

  deinit {
    wireStamp.deallocate()
    wireHit.deallocate()
    tcEnergy.deallocate()
    tcTime.deallocate()
    klmStamp.deallocate()
  }

  /// Fills `event`'s records (its header is left as it is) from `particles` and beam background
  /// at `beamBackground` times nominal.
  public func simulate(
    _ particles: [GeneratedParticle], beamBackground: Double, random: inout EventRandom, into event: inout Event
  ) {
    event.removeAllRecords()
    stamp &+= 1
    if stamp == 0 {  // after 2³² events: clear the stamps once
      wireStamp.update(repeating: 0)
      klmStamp.update(repeating: 0)
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

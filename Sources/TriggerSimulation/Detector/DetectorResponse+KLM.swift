import Foundation
import TriggerEvents

extension DetectorResponse {
  /// Muons below this momentum (GeV/c) stop before the KLM.
  static let klmMomentumThresholdGeV = 0.6
  /// Momentum (GeV/c) a muon needs per additional KLM layer it penetrates: the iron between
  /// layers. Simplification: a 1.6 GeV/c muon crosses the whole barrel.
  static let klmMomentumPerLayerGeV = 0.07
  static let klmPlaneEfficiency = 0.95

  /// Adds the KLM hits of a muon: both planes of each layer it reaches.
  func simulateKLM(_ particle: GeneratedParticle, charge: Int, random: inout EventRandom, into event: inout Event) {
    let momentum = particle.momentum
    guard momentum.p > Self.klmMomentumThresholdGeV,
      let section = DetectorGeometry.KLM.section(atThetaDeg: momentum.theta * 180 / .pi)
    else { return }
    // Azimuth where the track leaves the solenoid (r ≈ 2 m), or at its turning point.
    let R = momentum.pt * DetectorGeometry.CDC.curvatureRadiusCmPerGeV
    let phi = momentum.phi - Double(charge) * asin(min(1, 200 / (2 * R)))
    let sector = DetectorGeometry.KLM.sector(of: section, atPhiRad: phi)
    let layers = min(section.layerCount, 1 + Int((momentum.p - Self.klmMomentumThresholdGeV) / Self.klmMomentumPerLayerGeV))
    for layer in 1...layers {
      for plane in 0..<DetectorGeometry.KLM.planeCount where random.uniform() < Self.klmPlaneEfficiency {
        addKLMHit(section: section, sector: sector, layer: layer, plane: plane, timeNs: Float(15 + 2 * random.approximateGaussian()), into: &event)
      }
    }
  }

  /// Adds a KLM hit unless that strip plane already fired in this event.
  func addKLMHit(section: DetectorGeometry.KLM.Section, sector: Int, layer: Int, plane: Int, timeNs: Float, into event: inout Event) {
    let flat = ((Int(section.rawValue) * 8 + sector - 1) * 15 + layer - 1) * 2 + plane
    guard klmStamp[flat] != stamp else { return }
    klmStamp[flat] = stamp
    event.klmHits.append(KLMHit(section: section, sector: UInt8(sector), layer: UInt8(layer), plane: UInt8(plane), timeNs: timeNs))
  }
}

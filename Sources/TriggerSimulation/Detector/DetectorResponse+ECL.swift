import Foundation
import TriggerEvents

extension DetectorResponse {
  /// Smallest energy a trigger cell reads out, in GeV.
  static let tcReadoutThresholdGeV: Float = 0.01
  /// Smallest offline cluster energy, in GeV.
  static let clusterThresholdGeV = 0.02

  /// Where a particle enters the calorimeter: θ and φ at the entry point, or nil when it curls
  /// up inside, escapes along the beams or enters a gap between barrel and endcaps.
  static func calorimeterEntry(_ particle: GeneratedParticle, charge: Int) -> (thetaDeg: Double, phiRad: Double)? {
    let momentum = particle.momentum
    let thetaDeg = momentum.theta * 180 / .pi
    guard charge != 0 else { return (thetaDeg, momentum.phi) }
    let R = momentum.pt * DetectorGeometry.CDC.curvatureRadiusCmPerGeV
    // Transverse radius at which the track meets the calorimeter: the barrel, or the endcap
    // plane it reaches first.
    let zPlane = momentum.pz >= 0 ? DetectorGeometry.ECL.forwardEndcapZCm : DetectorGeometry.ECL.backwardEndcapZCm
    let alphaToPlane = (zPlane - particle.vertex.z) / (R * momentum.pz / momentum.pt)
    let radiusAtPlane = alphaToPlane < .pi ? 2 * R * sin(alphaToPlane / 2) : 2 * R
    let radius = min(DetectorGeometry.ECL.barrelRadiusCm, radiusAtPlane)
    guard let (_, phi) = crossing(radius: radius, curvatureRadius: R, charge: charge, phi0: momentum.phi, vertex: (particle.vertex.x, particle.vertex.y)) else {
      return nil
    }
    return (thetaDeg, phi)
  }

  /// Adds a particle's calorimeter deposit to the trigger cells and its offline cluster.
  ///
  /// Simplifications: e and γ deposit their energy with σ_E/E = 2 %/√E ⊕ 1.5 %, shared with
  /// the neighbouring cell in φ by up to 25 % as the impact nears the cell edge; muons leave a
  /// minimum-ionising 0.2 GeV (±10 %, with a small Landau-like tail); charged pions do the same
  /// 70 % of the time and otherwise shower 20–90 % of their energy.
  func simulateECL(_ particle: GeneratedParticle, charge: Int, random: inout EventRandom, into event: inout Event) {
    guard let entry = Self.calorimeterEntry(particle, charge: charge),
      let thetaIndex = DetectorGeometry.ECL.thetaIndex(atThetaDeg: entry.thetaDeg)
    else { return }
    let energy = particle.momentum.energy
    var deposit: Double
    switch abs(particle.pdg) {
    case Particle.photon, Particle.electron:
      let resolution = (0.0004 / max(energy, 0.01) + 0.015 * 0.015).squareRoot()
      deposit = max(0, energy * (1 + resolution * random.gaussian()))
    case Particle.muon:
      deposit = 0.2 * (1 + 0.1 * random.gaussian()) + random.exponential(mean: 0.01)
    case Particle.pion:
      deposit = random.uniform() < 0.7 ? 0.2 * (1 + 0.1 * random.gaussian()) : energy * random.uniform(0.2, 0.9)
    default:
      return
    }
    deposit = min(deposit, energy)
    guard deposit > 0 else { return }
    let cells = DetectorGeometry.ECL.phiCellCount(ofThetaIndex: thetaIndex)
    var turns = entry.phiRad / (2 * .pi)
    turns -= turns.rounded(.down)
    let position = turns * Double(cells)  // in cell widths
    let offset = position - position.rounded(.down) - 0.5  // −0.5 … 0.5 from the cell centre
    let shared = 0.5 * abs(offset) * deposit  // up to 25 % at the edge
    let main = DetectorGeometry.ECL.cell(thetaIndex: thetaIndex, phiRad: entry.phiRad)
    let neighbour = DetectorGeometry.ECL.cell(
      thetaIndex: thetaIndex, phiRad: entry.phiRad + (offset >= 0 ? 1 : -1) * 2 * .pi / Double(cells) * 0.75)
    let time = Float(2 * random.approximateGaussian())
    addTriggerCellEnergy(main, Float(deposit - shared), time: time)
    if shared > 0 && neighbour != main { addTriggerCellEnergy(neighbour, Float(shared), time: time) }
    if deposit >= Self.clusterThresholdGeV {
      let theta = min(Double.pi, max(0, entry.thetaDeg * .pi / 180 + 0.01 * random.gaussian()))
      var phi = entry.phiRad + 0.01 * random.gaussian()
      phi -= 2 * .pi * ((phi + .pi) / (2 * .pi)).rounded(.down)
      event.clusters.append(ECLCluster(energyGeV: Float(deposit), thetaRad: Float(theta), phiRad: Float(phi), timeNs: time))
    }
  }

  /// Adds energy to a trigger cell; its time is that of the largest deposit.
  func addTriggerCellEnergy(_ cell: Int, _ energy: Float, time: Float) {
    if tcEnergy[cell] == 0 {
      tcTouched.append(cell)
      tcTime[cell] = time
    } else if energy > tcEnergy[cell] {
      tcTime[cell] = time
    }
    tcEnergy[cell] += energy
  }

  /// Moves the summed trigger-cell energies into the event (cells above the readout threshold,
  /// in id order) and clears them for the next event.
  func emitTriggerCells(into event: inout Event) {
    tcTouched.sort()
    for cell in tcTouched {
      if tcEnergy[cell] >= Self.tcReadoutThresholdGeV {
        event.eclHits.append(ECLTriggerCellHit(cellId: UInt16(cell), energyGeV: tcEnergy[cell], timeNs: tcTime[cell]))
      }
      tcEnergy[cell] = 0
    }
    tcTouched.removeAll(keepingCapacity: true)
  }
}

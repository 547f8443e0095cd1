import Foundation
import TriggerEvents

/// e⁺e⁻ → e⁺e⁻μ⁺μ⁻ through two-photon fusion: a low-mass, low-p_T μ pair and two beam leptons
/// that scatter by tiny angles down the beam pipe.
///
/// docs/physics.md: 18.9 nb for W_μμ > 0.5 GeV. Simplified model: W from dW/W³ on [0.5, 8] GeV (the
/// two-photon luminosity falls steeply), pair rapidity uniform in |y*| < 1.5, pair p_T exponential
/// with mean 0.1 GeV balanced by the scattered e⁺e⁻, muons isotropic in the pair frame.
public struct TwoPhotonMuonPairProcess: PhysicsProcess {
  public var tag: ProcessTag { .electronPairMuonPair }
  public var name: String { "eemumu" }
  public var crossSectionNb: Double { 18.9 }
  public var generatorCuts: String { "W_μμ > 0.5 GeV" }

  public init() {}

  public func generate(_ random: inout EventRandom, into particles: inout [GeneratedParticle]) {
    let (wMin, wMax) = (0.5, 8.0)
    // dW/W³: inverse CDF in 1/W².
    let w = 1 / random.uniform(1 / (wMax * wMax), 1 / (wMin * wMin)).squareRoot()
    let rapidity = random.uniform(-1.5, 1.5)
    let pt = random.exponential(mean: 0.1)
    let phi = random.uniform(-.pi, .pi)
    let transverseMass = (w * w + pt * pt).squareRoot()
    let pair = FourMomentum(
      px: pt * cos(phi), py: pt * sin(phi), pz: transverseMass * sinh(rapidity), energy: transverseMass * cosh(rapidity))
    let (muon, antimuon) = Sampling.twoBodyIsotropic(&random, pair, Particle.muonMass, Particle.muonMass)
    particles.append(GeneratedParticle(pdg: Particle.muon, momentum: Collision.toLab(muon)))
    particles.append(GeneratedParticle(pdg: -Particle.muon, momentum: Collision.toLab(antimuon)))
    // Each beam lepton gives up the photon it radiated: energies E_beam − E_γ, transverse recoil
    // half the pair's p_T each, longitudinal along its beam.
    let beam = Collision.sqrtS / 2
    for (pdg, direction, photonEnergy) in [
      (Particle.electron, 1.0, 0.5 * (pair.energy + pair.pz)), (-Particle.electron, -1.0, 0.5 * (pair.energy - pair.pz)),
    ] {
      let energy = max(beam - photonEnergy, 0.01)
      let px = -pair.px / 2, py = -pair.py / 2
      let pz = direction * max(0, energy * energy - px * px - py * py).squareRoot()
      particles.append(GeneratedParticle(pdg: pdg, momentum: Collision.toLab(FourMomentum(px: px, py: py, pz: pz, energy: energy))))
    }
  }
}

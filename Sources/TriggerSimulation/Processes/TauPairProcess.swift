import Foundation
import TriggerEvents

/// e⁺e⁻ → τ⁺τ⁻ (1 + cos²θ*), each τ decaying to one charged particle and neutrinos.
///
/// docs/physics.md: τ⁺τ⁻(γ) 0.919 nb. Simplifications: only the four largest 1-prong channels, with
/// their PDG branching fractions renormalised to 1 (eνν 17.8 %, μνν 17.4 %, πν 10.8 %, ρν 25.5 %);
/// leptons take the Michel spectrum x²(3 − 2x) (massless), isotropic in the τ frame; the ρ has
/// its pole mass; no τ polarisation and no radiation.
public struct TauPairProcess: PhysicsProcess {
  public var tag: ProcessTag { .ditau }
  public var name: String { "tautau" }
  public var crossSectionNb: Double { 0.919 }
  public var generatorCuts: String { "none" }

  public init() {}

  static let channels: [(weight: Double, channel: Channel)] = [(17.82, .electron), (17.39, .muon), (10.82, .pion), (25.49, .rho)]
  enum Channel { case electron, muon, pion, rho }

  public func generate(_ random: inout EventRandom, into particles: inout [GeneratedParticle]) {
    let (tauMinus, tauPlus) = Sampling.twoBody(
      Sampling.centreOfMass, Particle.tauMass, Particle.tauMass, cosTheta: Sampling.oneCosSquared(&random),
      phi: random.uniform(-.pi, .pi))
    decay(Collision.toLab(tauMinus), charge: -1, &random, into: &particles)
    decay(Collision.toLab(tauPlus), charge: 1, &random, into: &particles)
  }

  /// Appends the decay products of a τ with lab momentum `tau`.
  private func decay(_ tau: FourMomentum, charge: Int32, _ random: inout EventRandom, into particles: inout [GeneratedParticle]) {
    let total = Self.channels.reduce(0) { $0 + $1.weight }
    var pick = random.uniform() * total
    let channel = Self.channels.first { pick -= $0.weight; return pick < 0 }?.channel ?? .rho
    // In the τ frame a τ⁻ decays to negative daughters; the sign of `charge` flips every id.
    let sign: Int32 = charge < 0 ? 1 : -1
    let tauNeutrino = GeneratedParticle(pdg: sign * Particle.tauNeutrino, momentum: .zero, isInvisible: true)
    switch channel {
    case .electron, .muon:
      let (pdg, mass) = channel == .electron ? (Particle.electron, Particle.electronMass) : (Particle.muon, Particle.muonMass)
      var x = 0.0
      repeat { x = random.uniform() } while random.uniform() > x * x * (3 - 2 * x)
      let energy = max(mass, x * Particle.tauMass / 2)
      let direction = random.isotropic()
      let lepton = FourMomentum(mass: mass, p: (energy * energy - mass * mass).squareRoot(), theta: direction.theta, phi: direction.phi)
      let rest = FourMomentum(px: 0, py: 0, pz: 0, energy: Particle.tauMass) - lepton  // the two neutrinos
      let (n1, n2) = Sampling.twoBodyIsotropic(&random, rest, 0, 0)
      let beta = tau.velocity
      particles.append(GeneratedParticle(pdg: sign * pdg, momentum: lepton.boosted(by: beta)))
      particles.append(GeneratedParticle(pdg: sign * Particle.tauNeutrino, momentum: n1.boosted(by: beta), isInvisible: true))
      let leptonNeutrino = channel == .electron ? Particle.electronNeutrino : Particle.muonNeutrino
      particles.append(GeneratedParticle(pdg: -sign * leptonNeutrino, momentum: n2.boosted(by: beta), isInvisible: true))
    case .pion:
      let (pion, neutrino) = Sampling.twoBodyIsotropic(&random, tau, Particle.pionMass, 0)
      particles.append(GeneratedParticle(pdg: -sign * Particle.pion, momentum: pion))
      particles.append(GeneratedParticle(pdg: tauNeutrino.pdg, momentum: neutrino, isInvisible: true))
    case .rho:
      let (rho, neutrino) = Sampling.twoBodyIsotropic(&random, tau, Particle.rhoMass, 0)
      let (pion, pi0) = Sampling.twoBodyIsotropic(&random, rho, Particle.pionMass, Particle.pi0Mass)
      let (gamma1, gamma2) = Sampling.twoBodyIsotropic(&random, pi0, 0, 0)
      particles.append(GeneratedParticle(pdg: -sign * Particle.pion, momentum: pion))
      particles.append(GeneratedParticle(pdg: Particle.photon, momentum: gamma1))
      particles.append(GeneratedParticle(pdg: Particle.photon, momentum: gamma2))
      particles.append(GeneratedParticle(pdg: tauNeutrino.pdg, momentum: neutrino, isInvisible: true))
    }
  }
}

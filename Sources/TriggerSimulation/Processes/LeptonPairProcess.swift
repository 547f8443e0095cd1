import Foundation
import TriggerEvents

/// e⁺e⁻ → ℓ⁺ℓ⁻(γ) for ℓ = μ (1+cos²θ*) or e (Bhabha, forward-peaked), with a radiative photon.
///
/// Simplification of QED radiation: every event has one photon, energy fraction x = E*_γ/E*_beam
/// from dx/x on [0.001, x_max] and polar angle ∝ 1/(1.05 − cos²θ) (peaked along the beams); the
/// pair recoils against it, so kinematics stay exact. This puts a photon above 0.5 GeV in the ECL
/// in ≈ 29 % of μμ events, as in PHYSICS.md (μμγ 0.242 nb of μμ 0.831 nb); soft photons (most
/// events) leave the pair back-to-back.
public struct LeptonPairProcess: PhysicsProcess {
  public enum Flavour: Sendable { case muon, electron }

  public let flavour: Flavour
  public var tag: ProcessTag { flavour == .muon ? .dimuon : .bhabha }
  public var name: String { flavour == .muon ? "mumu" : "ee" }
  /// PHYSICS.md: μ⁺μ⁻(γ) 1.148 nb (no cut); e⁺e⁻(γ) 300 nb for 10° < θ*ₑ < 170°, E*ₑ > 0.15 GeV.
  public var crossSectionNb: Double { flavour == .muon ? 1.148 : 300 }
  public var generatorCuts: String {
    flavour == .muon ? "none (full solid angle)" : "10° < θ*(e⁻) < 170° in the pair frame, E* > 0.15 GeV"
  }

  public init(_ flavour: Flavour) { self.flavour = flavour }

  static let minimumPhotonFraction = 0.001

  public func generate(_ random: inout EventRandom, into particles: inout [GeneratedParticle]) {
    let mass = flavour == .muon ? Particle.muonMass : Particle.electronMass
    let pdg = flavour == .muon ? Particle.muon : Particle.electron
    let beamEnergy = Collision.sqrtS / 2
    // Radiative photon (CM).
    let xMax = 0.95
    let x = exp(random.uniform(log(Self.minimumPhotonFraction), log(xMax)))
    let photonEnergy = x * beamEnergy
    var c = 0.0
    repeat { c = random.uniform(-1, 1) } while random.uniform() * (1 / 0.05) > 1 / (1.05 - c * c)
    let photon = FourMomentum(mass: 0, p: photonEnergy, theta: acos(c), phi: random.uniform(-.pi, .pi))
    let pair = Sampling.centreOfMass - photon
    // The pair, in its rest frame along the beam axis.
    let cosTheta =
      flavour == .muon
      ? Sampling.oneCosSquared(&random)
      : Sampling.bhabha(&random, cMin: cos(170 * Double.pi / 180), cMax: cos(10 * Double.pi / 180))
    let (lepton, antilepton) = Sampling.twoBody(pair, mass, mass, cosTheta: cosTheta, phi: random.uniform(-.pi, .pi))
    particles.append(GeneratedParticle(pdg: pdg, momentum: Collision.toLab(lepton)))
    particles.append(GeneratedParticle(pdg: -pdg, momentum: Collision.toLab(antilepton)))
    particles.append(GeneratedParticle(pdg: Particle.photon, momentum: Collision.toLab(photon)))
  }
}

import Foundation
import TriggerEvents

/// e⁺e⁻ → γγ, back-to-back photons of √s/2 with dσ/dcos θ* ∝ (1 + cos²θ*)/(1 − cos²θ*).
///
/// docs/physics.md: γγ(γ) 4.99 nb for 10° < θ*_γ < 170°, E*_γ > 0.15 GeV. Simplification: no third
/// (radiative) photon.
public struct DiphotonProcess: PhysicsProcess {
  public var tag: ProcessTag { .diphoton }
  public var name: String { "gg" }
  public var crossSectionNb: Double { 4.99 }
  public var generatorCuts: String { "10° < θ*_γ < 170°" }

  public init() {}

  public func generate(_ random: inout EventRandom, into particles: inout [GeneratedParticle]) {
    let c = Sampling.diphoton(&random, cMax: cos(10 * Double.pi / 180))
    let (first, second) = Sampling.twoBody(Sampling.centreOfMass, 0, 0, cosTheta: c, phi: random.uniform(-.pi, .pi))
    particles.append(GeneratedParticle(pdg: Particle.photon, momentum: Collision.toLab(first)))
    particles.append(GeneratedParticle(pdg: Particle.photon, momentum: Collision.toLab(second)))
  }
}

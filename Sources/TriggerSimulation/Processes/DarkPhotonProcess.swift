import Foundation
import TriggerEvents

/// Signal: e⁺e⁻ → γA′ with A′ → invisible: a single photon of fixed CM energy
/// E*_γ = (s − m²)/(2√s) (docs/physics.md), polar angle ∝ (1 + cos²θ*)/(1 − cos²θ*) like γγ,
/// within 10° < θ* < 170°. Cross section: a nominal 1 pb (it scales with ε²); rescale with `--scale`.
public struct DarkPhotonProcess: PhysicsProcess {
  /// A′ mass in GeV.
  public let massGeV: Double
  public var tag: ProcessTag { .darkPhotonInvisible }
  public var name: String { "aprime@\(ProcessCatalog.format(massGeV))" }
  public var crossSectionNb: Double { 0.001 }
  public var generatorCuts: String { "10° < θ*_γ < 170° (nominal 1 pb)" }

  public init(massGeV: Double) { self.massGeV = massGeV }

  /// The photon's CM energy in GeV.
  public var photonEnergyCM: Double { (Collision.s - massGeV * massGeV) / (2 * Collision.sqrtS) }

  public func generate(_ random: inout EventRandom, into particles: inout [GeneratedParticle]) {
    let c = Sampling.diphoton(&random, cMax: cos(10 * Double.pi / 180))
    let (photon, darkPhoton) = Sampling.twoBody(Sampling.centreOfMass, 0, massGeV, cosTheta: c, phi: random.uniform(-.pi, .pi))
    particles.append(GeneratedParticle(pdg: Particle.photon, momentum: Collision.toLab(photon)))
    particles.append(GeneratedParticle(pdg: Particle.darkPhoton, momentum: Collision.toLab(darkPhoton), isInvisible: true))
  }
}

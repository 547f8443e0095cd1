import Foundation
import TriggerEvents

/// Signal: e⁺e⁻ → γX with a long-lived X of mass m and proper decay length cτ decaying to a
/// charged pair (μ⁺μ⁻ above the threshold, e⁺e⁻ below) at a displaced vertex (docs/physics.md, "Cross sections": displaced
/// decays matter for ~1 mm < cτ < ~10 cm).
///
/// X takes E* = (s + m²)/(2√s), its direction ∝ 1 + cos²θ*; the decay length in the lab is
/// βγcτ times an exponential variate; daughters are isotropic in the X frame. Cross section: a
/// nominal 1 pb; rescale with `--scale`.
public struct LongLivedProcess: PhysicsProcess {
  public let massGeV: Double
  /// Proper decay length cτ in cm.
  public let properLengthCm: Double
  public var tag: ProcessTag { .longLivedParticle }
  public var name: String { "llp@\(ProcessCatalog.format(massGeV))/\(ProcessCatalog.format(properLengthCm))" }
  public var crossSectionNb: Double { 0.001 }
  public var generatorCuts: String { "none (nominal 1 pb)" }

  public init(massGeV: Double, properLengthCm: Double) {
    self.massGeV = massGeV
    self.properLengthCm = properLengthCm
  }

  public func generate(_ random: inout EventRandom, into particles: inout [GeneratedParticle]) {
    let (photonCM, particleCM) = Sampling.twoBody(
      Sampling.centreOfMass, 0, massGeV, cosTheta: Sampling.oneCosSquared(&random), phi: random.uniform(-.pi, .pi))
    let photon = Collision.toLab(photonCM), x = Collision.toLab(particleCM)
    let betaGamma = x.p / massGeV
    let length = random.exponential(mean: betaGamma * properLengthCm)
    let vertex = (x: length * x.px / x.p, y: length * x.py / x.p, z: length * x.pz / x.p)
    let (pdg, mass) = massGeV > 2 * Particle.muonMass + 0.01 ? (Particle.muon, Particle.muonMass) : (Particle.electron, Particle.electronMass)
    let (negative, positive) = Sampling.twoBodyIsotropic(&random, x, mass, mass)
    particles.append(GeneratedParticle(pdg: Particle.photon, momentum: photon))
    particles.append(GeneratedParticle(pdg: Particle.longLived, momentum: x, isInvisible: true))
    particles.append(GeneratedParticle(pdg: pdg, momentum: negative, vertex: vertex))
    particles.append(GeneratedParticle(pdg: -pdg, momentum: positive, vertex: vertex))
  }
}

import Foundation
import TriggerEvents

/// Signal: e⁺e⁻ → μ⁺μ⁻Z′ with Z′ → invisible (the 2018 L_μ − L_τ search; docs/physics.md, "The efficiency method").
///
/// Simplified model: the Z′ energy in the CM is uniform between its mass and the kinematic limit,
/// its direction ∝ 1 + cos²θ*; the μ pair recoils, the muons isotropic in the pair frame. The
/// recoil mass against the pair is therefore exactly the Z′ mass at generator level.
/// Cross section: a nominal 1 pb (not a prediction: it depends on g′); rescale with `--scale`.
public struct ZPrimeProcess: PhysicsProcess {
  /// Z′ mass in GeV.
  public let massGeV: Double
  public var tag: ProcessTag { .zPrimeInvisible }
  public var name: String { "zprime@\(ProcessCatalog.format(massGeV))" }
  public var crossSectionNb: Double { 0.001 }
  public var generatorCuts: String { "none (nominal 1 pb)" }

  public init(massGeV: Double) { self.massGeV = massGeV }

  public func generate(_ random: inout EventRandom, into particles: inout [GeneratedParticle]) {
    let m = massGeV, sqrtS = Collision.sqrtS, mu = Particle.muonMass
    let maximum = (Collision.s + m * m - 4 * mu * mu) / (2 * sqrtS)
    let energy = random.uniform(m, maximum)
    let momentum = max(0, energy * energy - m * m).squareRoot()
    let zPrime = FourMomentum(mass: m, p: momentum, theta: acos(Sampling.oneCosSquared(&random)), phi: random.uniform(-.pi, .pi))
    let pair = Sampling.centreOfMass - zPrime
    let (muon, antimuon) = Sampling.twoBodyIsotropic(&random, pair, mu, mu)
    particles.append(GeneratedParticle(pdg: Particle.muon, momentum: Collision.toLab(muon)))
    particles.append(GeneratedParticle(pdg: -Particle.muon, momentum: Collision.toLab(antimuon)))
    particles.append(GeneratedParticle(pdg: Particle.zPrime, momentum: Collision.toLab(zPrime), isInvisible: true))
  }
}

import Foundation
import TriggerEvents

/// e⁺e⁻ → ℓ⁺ℓ⁻(γ) for ℓ = μ (1+cos²θ*) or e (Bhabha, forward-peaked), with one radiative photon.
///
/// Simplified QED radiation, with exact kinematics: every event has one photon whose energy
/// fraction x follows dx/x on [0.002, 0.95].
/// - 15 % initial-state: the photon flies within ~0.6° of a beam (and escapes down the pipe);
///   the pair recoils against it.
/// - 85 % final-state: the photon is collinear with one lepton, within ~2m/E (at least
///   2 mrad). It is made as CM → ℓ + X, X → ℓ + γ, where X is the lepton–photon system with
///   the small mass that angle implies; the photon takes the fraction x of X's energy.
///
/// This puts a photon above 0.5 GeV in the ECL in ≈ 29 % of μμ events, as in docs/physics.md
/// (μμγ 0.242 nb of μμ 0.831 nb), while Bhabha electrons keep their radiation in their own
/// calorimeter cluster as in real showers.
public struct LeptonPairProcess: PhysicsProcess {
  public enum Flavour: Sendable { case muon, electron }

  public let flavour: Flavour
  public var tag: ProcessTag { flavour == .muon ? .dimuon : .bhabha }
  public var name: String { flavour == .muon ? "mumu" : "ee" }
  /// docs/physics.md: μ⁺μ⁻(γ) 1.148 nb (no cut); e⁺e⁻(γ) 300 nb for 10° < θ*ₑ < 170°, E*ₑ > 0.15 GeV.
  public var crossSectionNb: Double { flavour == .muon ? 1.148 : 300 }
  public var generatorCuts: String {
    flavour == .muon ? "none (full solid angle)" : "10° < θ*(e⁻) < 170° in the pair frame, E* > 0.15 GeV"
  }

  public init(_ flavour: Flavour) { self.flavour = flavour }

  static let minimumPhotonFraction = 0.002
  static let maximumPhotonFraction = 0.95
  static let initialStateFraction = 0.15

  public func generate(_ random: inout EventRandom, into particles: inout [GeneratedParticle]) {
    let mass = flavour == .muon ? Particle.muonMass : Particle.electronMass
    let pdg = flavour == .muon ? Particle.muon : Particle.electron
    let x = exp(random.uniform(log(Self.minimumPhotonFraction), log(Self.maximumPhotonFraction)))
    let cosTheta =
      flavour == .muon
      ? Sampling.oneCosSquared(&random)
      : Sampling.bhabha(&random, cMin: cos(170 * Double.pi / 180), cMax: cos(10 * Double.pi / 180))
    let phi = random.uniform(-.pi, .pi)
    var lepton: FourMomentum, antilepton: FourMomentum, photon: FourMomentum
    if random.uniform() < Self.initialStateFraction {
      // Initial-state radiation: the photon along a beam, the pair recoiling.
      let angle = min(0.05, random.exponential(mean: 0.01))
      let alongElectron = random.uniform() < 0.5
      photon = FourMomentum(
        mass: 0, p: x * Collision.sqrtS / 2, theta: alongElectron ? angle : .pi - angle, phi: random.uniform(-.pi, .pi))
      (lepton, antilepton) = Sampling.twoBody(Sampling.centreOfMass - photon, mass, mass, cosTheta: cosTheta, phi: phi)
    } else {
      // Final-state radiation: ℓ + X with X → ℓ + γ nearly collinear.
      let energy = Collision.sqrtS / 2
      let angle = min(0.2, random.exponential(mean: max(0.002, 2 * mass / energy)))
      // A photon k = xE at that angle to a lepton of energy E′ = (1 − x)E: M² = m² + 2k(E′ − p′ cos angle).
      let leptonEnergy = max(mass * 1.0001, (1 - x) * energy)
      let leptonMomentum = (leptonEnergy * leptonEnergy - mass * mass).squareRoot()
      let systemMass = (mass * mass + 2 * x * energy * (leptonEnergy - leptonMomentum * cos(angle))).squareRoot() + 1e-9
      let radiatingFirst = random.uniform() < 0.5
      let (first, second) = Sampling.twoBody(
        Sampling.centreOfMass, radiatingFirst ? systemMass : mass, radiatingFirst ? mass : systemMass, cosTheta: cosTheta, phi: phi)
      let system = radiatingFirst ? first : second
      // In the X frame the photon has energy (M² − m²)/2M; boosted along X's flight it takes
      // the fraction (1 − m²/M²)(1 + β cos θ*)/2 of X's energy, so cos θ* is chosen for x.
      let share = 1 - mass * mass / (systemMass * systemMass)
      let beta = system.p / system.energy
      let cosine = max(-1, min(1, (2 * x / share - 1) / beta))
      let (gamma, radiator) = Sampling.twoBodyAlongFlight(system, 0, mass, cosTheta: cosine, phi: random.uniform(-.pi, .pi))
      photon = gamma
      lepton = radiatingFirst ? radiator : first
      antilepton = radiatingFirst ? second : radiator
    }
    particles.append(GeneratedParticle(pdg: pdg, momentum: Collision.toLab(lepton)))
    particles.append(GeneratedParticle(pdg: -pdg, momentum: Collision.toLab(antilepton)))
    particles.append(GeneratedParticle(pdg: Particle.photon, momentum: Collision.toLab(photon)))
  }
}

import Foundation

/// Angular distributions and decays shared by the process generators (CM frame unless stated).
enum Sampling {
  /// cos θ with density ∝ 1 + cos²θ on [−1, 1] (s-channel spin-½ pair production).
  static func oneCosSquared(_ random: inout EventRandom) -> Double {
    while true {
      let c = random.uniform(-1, 1)
      if 2 * random.uniform() < 1 + c * c { return c }
    }
  }

  /// cos θ with density ∝ (1 + cos²θ)/(1 − cos²θ) on [−cMax, cMax] (e⁺e⁻ → γγ, γA′).
  /// Envelope 1/(1 − c²), sampled as c = tanh(u) with u uniform, accepted with (1 + c²)/2.
  static func diphoton(_ random: inout EventRandom, cMax: Double) -> Double {
    let uMax = atanh(cMax)
    while true {
      let c = tanh(random.uniform(-uMax, uMax))
      if 2 * random.uniform() < 1 + c * c { return c }
    }
  }

  /// cos θ of the e⁻ with the Bhabha density ∝ ((3 + cos²θ)/(1 − cos θ))² on [cMin, cMax]: for
  /// small angles 1/sin⁴(θ/2) (t-channel photon exchange). Envelope 1/(1 − c)², sampled through
  /// its inverse CDF, accepted with (3 + c²)²/16.
  static func bhabha(_ random: inout EventRandom, cMin: Double, cMax: Double) -> Double {
    let low = 1 / (1 - cMin), high = 1 / (1 - cMax)
    while true {
      let c = 1 - 1 / random.uniform(low, high)
      let shape = (3 + c * c) * (3 + c * c) / 16
      if random.uniform() < shape { return c }
    }
  }

  /// Two daughters of masses `m1`, `m2` from `parent`, the first emitted along (cos θ, φ) in the
  /// parent's rest frame, returned in the frame `parent` is given in.
  static func twoBody(_ parent: FourMomentum, _ m1: Double, _ m2: Double, cosTheta: Double, phi: Double) -> (FourMomentum, FourMomentum) {
    let m = parent.mass
    let p = max(0, ((m * m - (m1 + m2) * (m1 + m2)) * (m * m - (m1 - m2) * (m1 - m2))).squareRoot() / (2 * m))
    let theta = acos(max(-1, min(1, cosTheta)))
    let first = FourMomentum(mass: m1, p: p, theta: theta, phi: phi)
    let second = FourMomentum(px: -first.px, py: -first.py, pz: -first.pz, energy: (p * p + m2 * m2).squareRoot())
    let beta = parent.velocity
    return (first.boosted(by: beta), second.boosted(by: beta))
  }

  /// Two daughters of masses `m1`, `m2` from `parent`, the first emitted at polar angle
  /// acos(`cosTheta`) from the parent's own flight direction (azimuth `phi` around it) in the
  /// parent's rest frame; returned in the frame `parent` is given in.
  static func twoBodyAlongFlight(_ parent: FourMomentum, _ m1: Double, _ m2: Double, cosTheta: Double, phi: Double) -> (FourMomentum, FourMomentum) {
    let m = parent.mass
    let p = max(0, ((m * m - (m1 + m2) * (m1 + m2)) * (m * m - (m1 - m2) * (m1 - m2))).squareRoot() / (2 * m))
    // Orthonormal axes with w along the flight direction.
    let length = max(parent.p, 1e-12)
    let w = (parent.px / length, parent.py / length, parent.pz / length)
    let helper = abs(w.2) < 0.9 ? (0.0, 0.0, 1.0) : (1.0, 0.0, 0.0)
    var u = (helper.1 * w.2 - helper.2 * w.1, helper.2 * w.0 - helper.0 * w.2, helper.0 * w.1 - helper.1 * w.0)
    let norm = (u.0 * u.0 + u.1 * u.1 + u.2 * u.2).squareRoot()
    u = (u.0 / norm, u.1 / norm, u.2 / norm)
    let v = (w.1 * u.2 - w.2 * u.1, w.2 * u.0 - w.0 * u.2, w.0 * u.1 - w.1 * u.0)
    let sine = (1 - cosTheta * cosTheta).squareRoot()
    let a = sine * cos(phi), b = sine * sin(phi), c = cosTheta
    let direction = (a * u.0 + b * v.0 + c * w.0, a * u.1 + b * v.1 + c * w.1, a * u.2 + b * v.2 + c * w.2)
    let first = FourMomentum(px: p * direction.0, py: p * direction.1, pz: p * direction.2, energy: (p * p + m1 * m1).squareRoot())
    let second = FourMomentum(px: -first.px, py: -first.py, pz: -first.pz, energy: (p * p + m2 * m2).squareRoot())
    let beta = parent.velocity
    return (first.boosted(by: beta), second.boosted(by: beta))
  }

  /// Two daughters isotropic in the parent's rest frame.
  static func twoBodyIsotropic(_ random: inout EventRandom, _ parent: FourMomentum, _ m1: Double, _ m2: Double) -> (FourMomentum, FourMomentum) {
    twoBody(parent, m1, m2, cosTheta: random.uniform(-1, 1), phi: random.uniform(-.pi, .pi))
  }

  /// The CM system at rest.
  static var centreOfMass: FourMomentum { FourMomentum(px: 0, py: 0, pz: 0, energy: Collision.sqrtS) }
}

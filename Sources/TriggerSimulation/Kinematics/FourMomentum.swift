import Foundation

/// A four-momentum in GeV (lab or CM frame, as the caller says).
public struct FourMomentum: Hashable, Sendable {
  public var px: Double
  public var py: Double
  public var pz: Double
  public var energy: Double

  public init(px: Double, py: Double, pz: Double, energy: Double) {
    self.px = px
    self.py = py
    self.pz = pz
    self.energy = energy
  }

  /// A particle of `mass` with momentum `p` along polar angle `theta` and azimuth `phi` (radians).
  public init(mass: Double, p: Double, theta: Double, phi: Double) {
    let pt = p * sin(theta)
    self.init(px: pt * cos(phi), py: pt * sin(phi), pz: p * cos(theta), energy: (p * p + mass * mass).squareRoot())
  }

  public static let zero = FourMomentum(px: 0, py: 0, pz: 0, energy: 0)

  public var p: Double { (px * px + py * py + pz * pz).squareRoot() }
  public var pt: Double { (px * px + py * py).squareRoot() }
  /// Invariant mass; negative when m² < 0 (as the recoil-mass convention of docs/physics.md).
  public var mass: Double {
    let m2 = massSquared
    return m2 >= 0 ? m2.squareRoot() : -(-m2).squareRoot()
  }
  public var massSquared: Double { energy * energy - px * px - py * py - pz * pz }
  /// Polar angle 0…π from +z (the e⁻ beam).
  public var theta: Double { atan2(pt, pz) }
  /// Azimuth −π…π.
  public var phi: Double { atan2(py, px) }

  public static func + (a: FourMomentum, b: FourMomentum) -> FourMomentum {
    FourMomentum(px: a.px + b.px, py: a.py + b.py, pz: a.pz + b.pz, energy: a.energy + b.energy)
  }
  public static func - (a: FourMomentum, b: FourMomentum) -> FourMomentum {
    FourMomentum(px: a.px - b.px, py: a.py - b.py, pz: a.pz - b.pz, energy: a.energy - b.energy)
  }

  /// This momentum seen from a frame moving with velocity −β (i.e. boosted by β, in units of c).
  public func boosted(by beta: (x: Double, y: Double, z: Double)) -> FourMomentum {
    let b2 = beta.x * beta.x + beta.y * beta.y + beta.z * beta.z
    guard b2 > 0 else { return self }
    let gamma = 1 / (1 - b2).squareRoot()
    let bp = beta.x * px + beta.y * py + beta.z * pz
    let factor = (gamma - 1) * bp / b2 + gamma * energy
    return FourMomentum(
      px: px + factor * beta.x, py: py + factor * beta.y, pz: pz + factor * beta.z, energy: gamma * (energy + bp))
  }

  /// The velocity of a frame in which this system is at rest.
  public var velocity: (x: Double, y: Double, z: Double) { (px / energy, py / energy, pz / energy) }
}

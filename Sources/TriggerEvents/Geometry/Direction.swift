import Foundation

/// Directions of particles and trigger objects, given by polar angle θ and azimuth φ.
public enum Direction {
  /// The angle in degrees between two directions (θ and φ in radians), 0…180.
  public static func openingAngleDeg(thetaA: Double, phiA: Double, thetaB: Double, phiB: Double) -> Double {
    let a = (sin(thetaA) * cos(phiA), sin(thetaA) * sin(phiA), cos(thetaA))
    let b = (sin(thetaB) * cos(phiB), sin(thetaB) * sin(phiB), cos(thetaB))
    let dot = a.0 * b.0 + a.1 * b.1 + a.2 * b.2
    return acos(max(-1, min(1, dot))) * 180 / .pi
  }
}

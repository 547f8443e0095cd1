import Foundation

extension Track {
  /// Polar angle in degrees.
  public var thetaDeg: Double { Double(thetaRad) * 180 / .pi }
  /// Azimuth at the origin in degrees, −180…180.
  public var phiDeg: Double { Double(phiRad) * 180 / .pi }
  /// Transverse momentum in GeV/c.
  public var ptGeV: Double { Double(pGeV) * sin(Double(thetaRad)) }
}

extension ECLCluster {
  /// Polar angle in degrees.
  public var thetaDeg: Double { Double(thetaRad) * 180 / .pi }
}

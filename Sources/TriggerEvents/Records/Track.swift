/// An offline-reconstructed charged track, as analyses and the HLT see it.
public struct Track: Hashable, Sendable {
  /// Charge in units of e: −1 or +1.
  public var charge: Int8
  /// Number of CDC hits used in the fit.
  public var cdcHitCount: UInt16
  /// Momentum magnitude in GeV/c (lab frame).
  public var pGeV: Float
  /// Polar angle in radians, 0…π, measured from the e⁻ beam (+z).
  public var thetaRad: Float
  /// Azimuth in radians, −π…π.
  public var phiRad: Float
  /// Signed transverse distance of closest approach to the beam line, in cm.
  public var d0Cm: Float
  /// Longitudinal position at closest approach, in cm.
  public var z0Cm: Float

  public init(charge: Int8, cdcHitCount: UInt16, pGeV: Float, thetaRad: Float, phiRad: Float, d0Cm: Float, z0Cm: Float) {
    self.charge = charge
    self.cdcHitCount = cdcHitCount
    self.pGeV = pGeV
    self.thetaRad = thetaRad
    self.phiRad = phiRad
    self.d0Cm = d0Cm
    self.z0Cm = z0Cm
  }
}

/// An offline-reconstructed ECL cluster.
public struct ECLCluster: Hashable, Sendable {
  /// Cluster energy in GeV (lab frame), finite and ≥ 0.
  public var energyGeV: Float
  /// Polar angle of the cluster centre in radians, 0…π.
  public var thetaRad: Float
  /// Azimuth of the cluster centre in radians, −π…π.
  public var phiRad: Float
  /// Cluster time in ns relative to the event time.
  public var timeNs: Float

  public init(energyGeV: Float, thetaRad: Float, phiRad: Float, timeNs: Float) {
    self.energyGeV = energyGeV
    self.thetaRad = thetaRad
    self.phiRad = phiRad
    self.timeNs = timeNs
  }
}

/// A generated (truth) particle of a simulated event.
public struct MCParticle: Hashable, Sendable {
  /// PDG particle id (13 = μ⁻, −13 = μ⁺, 22 = γ, …); never 0.
  public var pdg: Int32
  /// Four-momentum in the lab frame, GeV.
  public var pxGeV: Float
  public var pyGeV: Float
  public var pzGeV: Float
  public var energyGeV: Float
  /// Production vertex in cm.
  public var vxCm: Float
  public var vyCm: Float
  public var vzCm: Float

  public init(pdg: Int32, pxGeV: Float, pyGeV: Float, pzGeV: Float, energyGeV: Float, vxCm: Float = 0, vyCm: Float = 0, vzCm: Float = 0) {
    self.pdg = pdg
    self.pxGeV = pxGeV
    self.pyGeV = pyGeV
    self.pzGeV = pzGeV
    self.energyGeV = energyGeV
    self.vxCm = vxCm
    self.vyCm = vyCm
    self.vzCm = vzCm
  }
}

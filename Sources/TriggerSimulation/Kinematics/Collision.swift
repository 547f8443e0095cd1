import TriggerEvents

/// The collision as the generators use it: √s, s and the boost between CM and lab frames, from
/// `Beams` (TriggerEvents, docs/physics.md).
public enum Collision {
  /// √s in GeV.
  public static let sqrtS = Beams.sqrtS
  public static let s = sqrtS * sqrtS
  /// β of the CM frame in the lab, along +z.
  public static let boostBeta = Beams.boostBeta
  /// βγ of the CM frame (0.28).
  public static let boostBetaGamma = boostBeta / (1 - boostBeta * boostBeta).squareRoot()

  /// A CM-frame four-momentum in the lab.
  public static func toLab(_ p: FourMomentum) -> FourMomentum { p.boosted(by: (0, 0, boostBeta)) }
  /// A lab four-momentum in the CM frame.
  public static func toCM(_ p: FourMomentum) -> FourMomentum { p.boosted(by: (0, 0, -boostBeta)) }
}

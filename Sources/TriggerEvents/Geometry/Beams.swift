import Foundation

/// The SuperKEKB beams: the one place for beam energies and the boost of the CM frame.
///
/// docs/physics.md ("The experiment and its collisions"): e⁻ 7.007 GeV (HER) along +z on
/// e⁺ 4.000 GeV (LER); √s = 2√(E_HER·E_LER) = 10.588 GeV; βγ = 0.28. Simplification: the
/// 83 mrad crossing angle is neglected, so the boost is along z.
public enum Beams {
  public static let electronGeV = 7.007
  public static let positronGeV = 4.000
  /// √s in GeV.
  public static let sqrtS = 2 * (electronGeV * positronGeV).squareRoot()
  /// β of the CM frame in the lab, along +z.
  public static let boostBeta = (electronGeV - positronGeV) / (electronGeV + positronGeV)

  /// γ of the CM frame in the lab.
  public static let boostGamma = 1 / (1 - boostBeta * boostBeta).squareRoot()

  /// A lab energy and momentum along z seen in the CM frame (the boost is along z, p_T is
  /// unchanged): E* = γ(E − β p_z), p*_z = γ(p_z − β E).
  public static func toCM(energyGeV: Double, pzGeV: Double) -> (energyGeV: Double, pzGeV: Double) {
    (boostGamma * (energyGeV - boostBeta * pzGeV), boostGamma * (pzGeV - boostBeta * energyGeV))
  }

  /// The CM-frame energy E* = γ(E − βE cos θ) of a massless particle of lab energy E and polar
  /// angle θ: `masslessInCM`'s energy, without the sine and arctangent its θ* costs.
  public static func masslessEnergyInCM(energyGeV: Double, thetaRad: Double) -> Double {
    toCM(energyGeV: energyGeV, pzGeV: energyGeV * cos(thetaRad)).energyGeV
  }

  /// A massless particle of lab energy E and polar angle θ seen in the CM frame: its energy E*
  /// and polar angle θ* = atan2(p_T, p*_z).
  public static func masslessInCM(energyGeV: Double, thetaRad: Double) -> (energyGeV: Double, thetaRad: Double) {
    let cm = toCM(energyGeV: energyGeV, pzGeV: energyGeV * cos(thetaRad))
    return (cm.energyGeV, atan2(energyGeV * sin(thetaRad), cm.pzGeV))
  }
}

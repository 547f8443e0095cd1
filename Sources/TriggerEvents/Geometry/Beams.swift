/// The SuperKEKB beams: the one place for beam energies and the boost of the CM frame.
///
/// PHYSICS.md ("The experiment and its collisions", 000_…): e⁻ 7.007 GeV (HER) along +z on
/// e⁺ 4.000 GeV (LER); √s = 2√(E_HER·E_LER) = 10.588 GeV; βγ = 0.28. Simplification: the
/// 83 mrad crossing angle is neglected, so the boost is along z.
public enum Beams {
  public static let electronGeV = 7.007
  public static let positronGeV = 4.000
  /// √s in GeV.
  public static let sqrtS = 2 * (electronGeV * positronGeV).squareRoot()
  /// β of the CM frame in the lab, along +z.
  public static let boostBeta = (electronGeV - positronGeV) / (electronGeV + positronGeV)
}

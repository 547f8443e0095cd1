/// Particle masses in GeV and PDG ids (PDG review): for the generators, and for the HLT's
/// offline-level variables (the muon mass of a track pair).
public enum Particle {
  public static let electronMass = 0.000511
  public static let muonMass = 0.105658
  public static let pionMass = 0.139570
  public static let pi0Mass = 0.134977
  public static let tauMass = 1.77686
  public static let rhoMass = 0.77526

  public static let electron: Int32 = 11
  public static let electronNeutrino: Int32 = 12
  public static let muon: Int32 = 13
  public static let muonNeutrino: Int32 = 14
  public static let tau: Int32 = 15
  public static let tauNeutrino: Int32 = 16
  public static let photon: Int32 = 22
  public static let pion: Int32 = 211
  public static let pi0: Int32 = 111
  /// trigemu's codes for the invisible signal bosons (PDG reserves 32 for Z′; 9000xxx for new states).
  public static let zPrime: Int32 = 32
  public static let darkPhoton: Int32 = 9_000_022
  public static let longLived: Int32 = 9_000_036

  /// Charge in units of e of the particles the simulation makes (0 for neutral ones).
  public static func charge(of pdg: Int32) -> Int {
    switch pdg {
    case electron, muon, tau: -1
    case -electron, -muon, -tau: 1
    case pion: 1
    case -pion: -1
    default: 0
    }
  }
}

/// The physics process an event was simulated from, stored as a 16-bit code in each event header.
///
/// Codes are part of the `.trg` format (docs/trg-format.md) and never change meaning; JSON Lines
/// spells them by name. Cross sections and generator cuts live with the simulation.
public struct ProcessTag: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
  public var rawValue: UInt16
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  /// Recorded (not simulated) data.
  public static let data = ProcessTag(rawValue: 0)
  /// e⁺e⁻ → e⁺e⁻(γ), Bhabha scattering.
  public static let bhabha = ProcessTag(rawValue: 1)
  /// e⁺e⁻ → γγ(γ).
  public static let diphoton = ProcessTag(rawValue: 2)
  /// e⁺e⁻ → μ⁺μ⁻(γ).
  public static let dimuon = ProcessTag(rawValue: 3)
  /// e⁺e⁻ → τ⁺τ⁻(γ).
  public static let ditau = ProcessTag(rawValue: 4)
  /// e⁺e⁻ → e⁺e⁻e⁺e⁻ (two-photon).
  public static let fourElectron = ProcessTag(rawValue: 5)
  /// e⁺e⁻ → e⁺e⁻μ⁺μ⁻ (two-photon).
  public static let electronPairMuonPair = ProcessTag(rawValue: 6)
  /// Signal: e⁺e⁻ → μ⁺μ⁻Z′, Z′ → invisible.
  public static let zPrimeInvisible = ProcessTag(rawValue: 7)
  /// Signal: e⁺e⁻ → γA′, A′ → invisible.
  public static let darkPhotonInvisible = ProcessTag(rawValue: 8)
  /// Signal: a long-lived particle decaying to a charged pair at a displaced vertex.
  public static let longLivedParticle = ProcessTag(rawValue: 9)
  /// Synthetic events made for benchmarks and format tests; not physics.
  public static let synthetic = ProcessTag(rawValue: 10)

  /// Every known tag with its name, in code order.
  public static let known: [(tag: ProcessTag, name: String)] = [
    (.data, "data"), (.bhabha, "ee"), (.diphoton, "gg"), (.dimuon, "mumu"), (.ditau, "tautau"),
    (.fourElectron, "eeee"), (.electronPairMuonPair, "eemumu"), (.zPrimeInvisible, "zprime"),
    (.darkPhotonInvisible, "aprime"), (.longLivedParticle, "llp"), (.synthetic, "synthetic"),
  ]

  /// Number of known codes: they are 0 ..< knownCount.
  public static let knownCount = UInt16(known.count)

  /// Whether the code is one this version of trigemu knows.
  public var isKnown: Bool { rawValue < Self.knownCount }

  /// The short name used in JSON Lines and tables, e.g. `mumu`.
  public var name: String { isKnown ? Self.known[Int(rawValue)].name : "unknown(\(rawValue))" }

  /// The tag with this short name, or nil.
  public init?(name: String) {
    guard let entry = Self.known.first(where: { $0.name == name }) else { return nil }
    self = entry.tag
  }

  public var description: String { name }
  public static func < (a: ProcessTag, b: ProcessTag) -> Bool { a.rawValue < b.rawValue }
}

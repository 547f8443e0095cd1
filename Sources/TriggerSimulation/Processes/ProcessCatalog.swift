import TriggerEvents

/// Process names as users write them, and the default mix.
///
/// Specs: `ee`, `gg`, `mumu`, `tautau`, `eemumu`; signals with parameters: `zprime@M` and
/// `aprime@M` (mass M in GeV), `llp@M/CTAU` (mass in GeV, cτ in cm).
public enum ProcessCatalog {
  /// The Standard Model processes simulated by default.
  public static let defaultNames = ["ee", "gg", "mumu", "tautau", "eemumu"]

  /// Default fraction of events kept per process (the rest are represented by weight 1/fraction):
  /// Bhabhas and two-photon events would otherwise swamp the sample.
  public static let defaultScales: [String: Double] = ["ee": 0.002, "gg": 0.05, "eemumu": 0.02]

  /// The process a spec names, or an error saying what is wrong and what is known.
  public static func process(named spec: String) throws -> any PhysicsProcess {
    let parts = spec.split(separator: "@", maxSplits: 1).map(String.init)
    let parameters = parts.count == 2 ? parts[1].split(separator: "/").map { Double($0) } : []
    func need(_ count: Int, _ usage: String) throws -> [Double] {
      guard parameters.count == count, parameters.allSatisfy({ $0 != nil && $0! > 0 && $0!.isFinite }) else {
        throw ProcessSpecError(spec: spec, message: "expected \(usage) with positive numbers")
      }
      return parameters.map { $0! }
    }
    switch parts[0] {
    case "ee", "gg", "mumu", "tautau", "eemumu":
      guard parts.count == 1 else { throw ProcessSpecError(spec: spec, message: "\(parts[0]) takes no parameters") }
      switch parts[0] {
      case "ee": return LeptonPairProcess(.electron)
      case "gg": return DiphotonProcess()
      case "mumu": return LeptonPairProcess(.muon)
      case "tautau": return TauPairProcess()
      default: return TwoPhotonMuonPairProcess()
      }
    case "zprime":
      let mass = try need(1, "zprime@MASS_GeV")[0]
      guard mass < Collision.sqrtS - 2 * Particle.muonMass else {
        throw ProcessSpecError(spec: spec, message: "the Z′ mass must be below √s − 2m_μ = \(String(format: "%.3f", Collision.sqrtS - 2 * Particle.muonMass)) GeV")
      }
      return ZPrimeProcess(massGeV: mass)
    case "aprime":
      let mass = try need(1, "aprime@MASS_GeV")[0]
      guard mass < Collision.sqrtS else { throw ProcessSpecError(spec: spec, message: "the A′ mass must be below √s") }
      return DarkPhotonProcess(massGeV: mass)
    case "llp":
      let values = try need(2, "llp@MASS_GeV/CTAU_cm")
      guard values[0] > 2 * Particle.electronMass, values[0] < Collision.sqrtS else {
        throw ProcessSpecError(spec: spec, message: "the mass must be between 2mₑ and √s")
      }
      return LongLivedProcess(massGeV: values[0], properLengthCm: values[1])
    default:
      throw ProcessSpecError(
        spec: spec, message: "unknown process (known: ee, gg, mumu, tautau, eemumu, zprime@MASS, aprime@MASS, llp@MASS/CTAU)")
    }
  }

  /// A number as short as possible: 2 rather than 2.0.
  static func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
  }
}

/// A process spec that cannot be understood.
public struct ProcessSpecError: Error, Equatable, Sendable, CustomStringConvertible {
  public let spec: String
  public let message: String

  public init(spec: String, message: String) {
    self.spec = spec
    self.message = message
  }

  public var description: String { "process \"\(spec)\": \(message)" }
}

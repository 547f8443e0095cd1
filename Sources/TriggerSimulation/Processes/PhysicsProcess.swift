import TriggerEvents

/// A generated final-state particle in the lab frame.
public struct GeneratedParticle: Sendable {
  public var pdg: Int32
  public var momentum: FourMomentum
  /// Production vertex in cm.
  public var vertex: (x: Double, y: Double, z: Double)
  /// Invisible to the detector (neutrinos, invisible signal bosons).
  public var isInvisible: Bool

  public init(pdg: Int32, momentum: FourMomentum, vertex: (x: Double, y: Double, z: Double) = (0, 0, 0), isInvisible: Bool = false) {
    self.pdg = pdg
    self.momentum = momentum
    self.vertex = vertex
    self.isInvisible = isInvisible
  }
}

/// A physics process at √s = 10.58 GeV: its cross section and an event generator.
///
/// Cross sections come from docs/physics.md ("Cross sections", Belle II Physics Book) with the
/// generator-level selection each states in `generatorCuts`; signal cross sections are nominal
/// values for a reference coupling, meant to be rescaled (`--scale`).
public protocol PhysicsProcess: Sendable {
  /// The code stored in event headers.
  var tag: ProcessTag { get }
  /// Name with parameters, e.g. `mumu`, `zprime@2`, `llp@1/5`.
  var name: String { get }
  /// Cross section in nb within `generatorCuts`.
  var crossSectionNb: Double { get }
  /// The generator-level selection the cross section refers to.
  var generatorCuts: String { get }
  /// Appends one event's final-state particles (lab frame) to `particles`.
  func generate(_ random: inout EventRandom, into particles: inout [GeneratedParticle])
}

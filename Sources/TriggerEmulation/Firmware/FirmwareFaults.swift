import Foundation
import TriggerSupport
import TriggerEvents

/// Everything a firmware model changes, as plain values the processors and the menu evaluator
/// read once per event: the faults of `FaultRegistry` compiled together. `ideal` changes nothing.
///
/// Stages (docs/firmware-models.md): input hits (ECL cell gains and dead cells), processor
/// internals (CDC segments, Hough plane, track count, ECL scale and time windows, KLM sectors,
/// condition constants) and output bits (stuck bits, random bit errors).
public struct FirmwareFaults: Sendable, Equatable {
  /// The ideal firmware: the algorithm as designed.
  public static let ideal = FirmwareFaults()

  // MARK: CDC

  /// Track segments dropped before the Hough finder: superlayers and an azimuth range in
  /// degrees 0…360 (from > to wraps through 0°).
  public struct SegmentMask: Sendable, Equatable {
    public var superlayers: ClosedRange<Int>
    public var phiFromDeg: Double
    public var phiToDeg: Double
    /// Whether the segment's azimuth (radians 0…2π) is inside the masked range.
    func masks(superlayer: Int, phiRad: Double) -> Bool {
      guard superlayers.contains(superlayer) else { return false }
      let phiDeg = phiRad * 180 / .pi
      return phiFromDeg <= phiToDeg ? (phiDeg >= phiFromDeg && phiDeg <= phiToDeg) : (phiDeg >= phiFromDeg || phiDeg <= phiToDeg)
    }
  }
  public var deadSegments: [SegmentMask] = []

  /// A φ-dependent segment efficiency ε(φ) = 1 − depth·(1 + cos(harmonic·(φ − phase)))/2 in
  /// some superlayers, drawn per segment from a seeded hash of the event (reproducible).
  public struct SegmentEfficiency: Sendable, Equatable {
    public var superlayers: ClosedRange<Int>
    public var depth: Double
    public var harmonic: Double
    public var phaseRad: Double
    public var seed: UInt64
    /// Probability in 0…1 that a segment at `phiRad` survives.
    public func efficiency(phiRad: Double) -> Double { 1 - depth * (1 + cos(harmonic * (phiRad - phaseRad))) / 2 }
  }
  public var segmentEfficiencies: [SegmentEfficiency] = []

  /// Cells of the Hough plane (nominal 160 × 34).
  public var houghPhiCells = HoughFinder.nominalPhiCells
  public var houghCurvatureCells = HoughFinder.nominalCurvatureCells

  /// Added to the number of tracks the Hough finder reports: negative drops the last tracks,
  /// positive repeats the last one (a ghost clone).
  public var trackCountOffset = 0

  // MARK: ECL

  /// Trigger cells whose energy never reaches the trigger (ids 1…576).
  public var deadECLCells: [ClosedRange<Int>] = []
  /// Factor on every trigger-cell energy (a wrong ADC-to-GeV constant).
  public var eclEnergyScale = 1.0
  /// Shift of the ECL time windows (energy sums and clusters), ns.
  public var eclWindowShiftNs = 0.0

  // MARK: KLM

  /// KLM sectors that never report (per section, sector numbers from 1).
  public struct SectorMask: Sendable, Equatable {
    public var section: DetectorGeometry.KLM.Section
    public var sectors: ClosedRange<Int>
  }
  public var deadKLMSectors: [SectorMask] = []
  /// The whole KLM trigger off.
  public var klmDisabled = false
  /// Shift of the KLM time window, ns.
  public var klmWindowShiftNs = 0.0

  // MARK: Condition constants and output bits

  /// A change to one parameter of every bit of a condition kind, applied when the menu is set
  /// up (the firmware's constant differs from the menu's).
  public struct ParameterChange: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
      case offset(Double)
      case factor(Double)
    }
    public var condition: String
    public var parameter: String
    public var change: Change
  }
  public var parameterChanges: [ParameterChange] = []
  /// Condition kinds whose comparison can never be true: their bits never fire.
  public var neverTrueConditions: [String] = []
  /// Output bits stuck at a value, by name.
  public struct StuckBit: Sendable, Equatable {
    public var bit: String
    public var value: Bool
  }
  public var stuckBits: [StuckBit] = []
  /// Random bit flips: probability per bit and event, the bit they hit (nil: every bit), and the seed.
  public struct BitErrors: Sendable, Equatable {
    public var rate: Double
    public var bit: String?
    public var seed: UInt64
  }
  public var bitErrors: [BitErrors] = []

  public init() {}

  /// Whether anything changes the CDC segments after the finder.
  var editsSegments: Bool { !deadSegments.isEmpty || !segmentEfficiencies.isEmpty }

  /// The model's changes to the constants of a bit of condition kind `condition`, applied to its
  /// validated parameters (past their menu ranges if need be).
  func changeConstants(_ parameters: inout PluginParameters, of condition: String) {
    for change in parameterChanges where change.condition == condition {
      switch change.change {
      case .offset(let offset): parameters.values[change.parameter]! += offset
      case .factor(let factor): parameters.values[change.parameter]! *= factor
      }
    }
  }

  /// A uniform 64-bit number for one random fault decision: one per (seed, experiment, run,
  /// event, item), through SplitMix64, so the same whatever the thread count or chunking.
  static func draw(seed: UInt64, _ header: EventHeader, item: UInt64) -> UInt64 {
    let event = UInt64(header.experiment) << 48 ^ UInt64(header.run) << 24 ^ UInt64(header.eventNumber)
    var generator = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ event ^ item &* 0xBF58_476D_1CE4_E5B9)
    return generator.next()
  }
}

import Foundation
import TriggerEmulation
import TriggerEvents

/// Trigger efficiencies of a menu on signal samples, inside an offline selection: per line
/// (before its prescale, as the line's own acceptance) and for the menu as a whole (any line
/// accepted after prescales, what the data would keep, and what its HLT then kept), with binomial intervals; one sample per
/// signal point (Z′ or A′ → invisible at a mass, a long-lived particle at a mass and cτ).
public struct SignalEfficiency: Sendable {
  /// One signal sample.
  public struct Sample: Sendable {
    /// The process as `trigemu simulate` names it, e.g. `zprime@2`, `llp@0.5/5`.
    public var process: String
    public var massGeV: Double?
    public var properLengthCm: Double?
    public var selection: String
    /// Events simulated and events passing the selection.
    public var simulated: Int
    public var selected: Int
    /// Selected events each line fired on before its prescale (menu order), and the events any
    /// line accepted after prescales.
    public var lineFired: [Int]
    public var menuAccepted: Int
    /// Selected events the menu's L1 accepted and its HLT kept (0 without an hlt section).
    public var hltKept: Int

    public init(
      process: String, massGeV: Double?, properLengthCm: Double?, selection: String, simulated: Int, selected: Int, lineFired: [Int],
      menuAccepted: Int, hltKept: Int
    ) {
      self.process = process
      self.massGeV = massGeV
      self.properLengthCm = properLengthCm
      self.selection = selection
      self.simulated = simulated
      self.selected = selected
      self.lineFired = lineFired
      self.menuAccepted = menuAccepted
      self.hltKept = hltKept
    }
  }

  public var menuName: String
  public var lineNames: [String]
  /// Whether the menu has an HLT (then the kept row is reported).
  public var hasHLT: Bool
  public var samples: [Sample]
  public var interval: BinomialInterval.Method
  public var confidenceLevel: Double

  public init(
    menuName: String, lineNames: [String], hasHLT: Bool, samples: [Sample], interval: BinomialInterval.Method, confidenceLevel: Double
  ) {
    self.menuName = menuName
    self.lineNames = lineNames
    self.hasHLT = hasHLT
    self.samples = samples
    self.interval = interval
    self.confidenceLevel = confidenceLevel
  }

  /// The name of the menu row.
  public static let menuRowName = "menu (any line, after prescales)"
  /// The name of the row of events the L1 accepted and the HLT kept.
  public static let keptRowName = "menu and HLT (kept)"

  /// The rows reported: the lines, the menu, and the HLT's kept events when there is an HLT.
  public var rowNames: [String] { lineNames + [Self.menuRowName] + (hasHLT ? [Self.keptRowName] : []) }

  /// The selected events of `sample` counted in `row` (a line or one of the menu rows), or nil.
  public func count(row: String, in sample: Sample) -> Int? {
    switch row {
    case Self.menuRowName: sample.menuAccepted
    case Self.keptRowName: hasHLT ? sample.hltKept : nil
    default: lineNames.firstIndex(of: row).map { sample.lineFired[$0] }
    }
  }

  /// The signal points measured by default: Z′ and A′ → invisible at low, middle and high
  /// mass, and a 0.5 GeV long-lived particle at cτ = 1, 3 and 10 cm (docs/physics.md: displaced decays
  /// matter for ~1 mm < cτ < ~10 cm).
  public static let defaultProcesses = ["zprime@1", "zprime@3", "zprime@5", "aprime@1", "aprime@4", "aprime@7", "llp@0.5/1", "llp@0.5/3", "llp@0.5/10"]

  /// The efficiency (k/n) of `line` (a line name or a menu row) on sample `index`; nil when
  /// the menu has no such row or no event passed the selection.
  public func efficiency(line: String, sample index: Int) -> Double? {
    let sample = samples[index]
    guard sample.selected > 0 else { return nil }
    return count(row: line, in: sample).map { Double($0) / Double(sample.selected) }
  }
}

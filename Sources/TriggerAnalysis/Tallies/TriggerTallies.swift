import Foundation
import TriggerEmulation
import TriggerEvents
import TriggerSupport

/// Counts from one or more `trigemu run` passes, per run: events, per-bit fires, per-line raw
/// (before prescale), accepted and pure (no other line accepted) fires with their summed event
/// weights and squared weights, the same for any line, and line-pair overlaps.
///
/// Tallies merge by addition, exactly: weights are summed as integers of 10⁻⁶ (every event's
/// weight and squared weight is rounded to that once), so the order of summation never changes a digit, and a
/// merge of split inputs equals one pass over all of them, byte for byte.
public struct TriggerTallies: Equatable, Sendable {
  public var provenance: Provenance
  public var bitNames: [String]
  public var lineNames: [String]
  public var prescales: [Double]
  /// The HLT lines (empty without an hlt section), their kinds and prescales.
  public var hltLineNames: [String] = []
  public var hltKinds: [String] = []
  public var hltPrescales: [Double] = []
  /// Names of the firmware models, by the index decisions carry (`TriggerPipeline.Decision.firmwareModel`).
  var firmwareNames: [String] = [FirmwareModel.ideal.name]
  /// Runs in ascending run number.
  public internal(set) var runs: [Run] = []
  /// Where the last event's run is in `runs` (events come run by run).
  var lastRun: Int?

  public init(menu: TriggerMenu, provenance: Provenance) {
    self.provenance = provenance
    bitNames = menu.bits.map(\.name)
    lineNames = menu.lines.map(\.name)
    prescales = menu.lines.map(\.prescale)
    hltLineNames = menu.hltLines.map(\.name)
    hltKinds = menu.hltLines.map(\.kind.rawValue)
    hltPrescales = menu.hltLines.map(\.prescale)
  }

  init(
    provenance: Provenance, bitNames: [String], lineNames: [String], prescales: [Double], runs: [Run], hltLineNames: [String] = [],
    hltKinds: [String] = [], hltPrescales: [Double] = []
  ) {
    self.provenance = provenance
    self.bitNames = bitNames
    self.lineNames = lineNames
    self.prescales = prescales
    self.hltLineNames = hltLineNames
    self.hltKinds = hltKinds
    self.hltPrescales = hltPrescales
    for run in runs { insert(run) }
  }

  /// An event weight in units of 10⁻⁶.
  static func micro(_ weight: Double) -> Int64 { Int64((weight * 1e6).rounded()) }

  /// The index of `run` in `runs`, if it is there.
  func slot(of run: UInt32) -> Int? { runs.firstIndex { $0.run == run } }

  /// Inserts a run in run-number order and returns its index.
  @discardableResult
  mutating func insert(_ run: Run) -> Int {
    let position = runs.firstIndex { $0.run > run.run } ?? runs.count
    runs.insert(run, at: position)
    lastRun = nil
    return position
  }

  /// All runs added together; an error when a sum no longer fits 64 bits.
  public func total() throws(LocatedError) -> Run {
    var sum = Run(run: 0, experiment: 0, firmware: "", bitCount: bitNames.count, lineCount: lineNames.count, hltLineCount: hltLineNames.count)
    for run in runs {
      guard sum.add(run) else {
        throw LocatedError("the runs' counts or weight sums added together no longer fit 64 bits (weight sums: at most \(Self.maximumWeightSum))")
      }
    }
    return sum
  }

  public static func == (a: TriggerTallies, b: TriggerTallies) -> Bool {
    a.provenance == b.provenance && a.bitNames == b.bitNames && a.lineNames == b.lineNames && a.prescales == b.prescales && a.runs == b.runs
      && a.hltLineNames == b.hltLineNames && a.hltKinds == b.hltKinds && a.hltPrescales == b.hltPrescales
  }
}

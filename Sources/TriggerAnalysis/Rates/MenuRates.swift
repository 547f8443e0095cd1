import Foundation
import TriggerSupport
import TriggerEvents

/// A menu's output rates at an instantaneous luminosity, from cross-section-weighted events:
/// per line before and after its prescale and its pure share (accepted by no other line), the
/// menu's total against a budget, and the rate of every pair of lines accepted together; then
/// the HLT's lines on the events L1 accepted and its output rate.
///
/// A rate is R = Σw / L_int × L_inst with statistical error √(Σw²) / L_int × L_inst, where w is
/// each event's weight (how many events of its process it stands for), L_int the integrated
/// luminosity of the runs the events come from (their run list) and L_inst the instantaneous
/// luminosity asked for (docs/physics.md: design 6.5·10³⁵ cm⁻²s⁻¹; the L1 budget 30 kHz).
public struct MenuRates: Sendable {
  /// A rate in Hz with its statistical error.
  public struct Rate: Equatable, Sendable {
    public var hertz: Double
    public var errorHz: Double
    /// Events behind it (unweighted).
    public var events: Int
  }

  /// One line's rates: before its prescale (raw; for an HLT line, its cut on the events L1
  /// accepted), after it, and pure (accepted by no other line of the same stage).
  public struct Line: Sendable {
    public var name: String
    /// An HLT line's kind (filter, skim, reject); nil for an L1 line.
    public var kind: String?
    public var prescale: Double
    public var raw: Rate
    public var accepted: Rate
    public var pure: Rate
  }

  public var menuName: String
  public var lines: [Line]
  /// The HLT lines, in menu order (empty without an hlt section).
  public var hltLines: [Line]
  /// The events the HLT kept: the rate out of L1 and HLT together.
  public var hltKept: Rate
  /// Any line before its prescale, and after.
  public var totalRaw: Rate
  public var totalAccepted: Rate
  /// Rate of events both lines accepted, Hz, by line index (the diagonal is the line's own rate).
  public var overlapHz: [[Double]]
  public var instantaneousLuminosity: Double
  public var integratedLuminosityPb: Double
  public var budgetHz: Double
  /// Events and runs the rates come from.
  public var events: Int
  public var runs: [UInt32]

  /// Budget minus the total accepted rate, Hz (negative when over budget).
  public var headroomHz: Double { budgetHz - totalAccepted.hertz }

  /// 1 pb⁻¹ in cm⁻².
  static let inverseCm2PerInversePb = 1e36

  /// Rates from `tallies` whose runs' luminosities are in `runList` (named `runListName` in
  /// errors); `instantaneousLuminosity` in cm⁻²s⁻¹, `budgetHz` the L1 output budget.
  public init(tallies: TriggerTallies, runList: RunList, runListName: String, instantaneousLuminosity: Double, budgetHz: Double) throws(LocatedError) {
    guard instantaneousLuminosity > 0, instantaneousLuminosity.isFinite else {
      throw LocatedError("the instantaneous luminosity must be a positive number of cm^-2 s^-1, e.g. 6.5e35")
    }
    guard budgetHz > 0, budgetHz.isFinite else { throw LocatedError("the rate budget must be a positive number of Hz") }
    guard !tallies.runs.isEmpty else { throw LocatedError("no events: the tallies hold no runs") }
    var luminosityPb = 0.0
    for run in tallies.runs {
      guard let info = runList.runs.first(where: { $0.run == run.run && $0.experiment == run.experiment }) else {
        throw LocatedError(
          "run \(run.run) (experiment \(run.experiment)) is in the input but not in the run list \(runListName), so it has no luminosity; "
            + "give the run list the events were simulated or recorded with (--runs)")
      }
      luminosityPb += info.luminosityPb
    }
    guard luminosityPb > 0 else { throw LocatedError("the runs of the input have no integrated luminosity in the run list \(runListName)") }
    let total = try tallies.total()
    let scale = instantaneousLuminosity / (luminosityPb * Self.inverseCm2PerInversePb)
    func rate(_ count: TriggerTallies.WeightedCount) -> Rate {
      Rate(hertz: count.weight * scale, errorHz: count.weightSquared.squareRoot() * scale, events: count.events)
    }
    menuName = tallies.provenance.menuName
    func rates(_ names: [String], kinds: [String]?, prescales: [Double], counts: [TriggerTallies.LineCounts]) -> [Line] {
      names.indices.map { index in
        Line(
          name: names[index], kind: kinds?[index], prescale: prescales[index], raw: rate(counts[index].raw), accepted: rate(counts[index].accepted),
          pure: rate(counts[index].pure))
      }
    }
    lines = rates(tallies.lineNames, kinds: nil, prescales: tallies.prescales, counts: total.lines)
    hltLines = rates(tallies.hltLineNames, kinds: tallies.hltKinds, prescales: tallies.hltPrescales, counts: total.hltLines)
    hltKept = rate(total.hltKept)
    totalRaw = rate(total.anyLine.raw)
    totalAccepted = rate(total.anyLine.accepted)
    let n = tallies.lineNames.count
    overlapHz = (0..<n).map { i in
      (0..<n).map { j in
        if i == j { return total.lines[i].accepted.weight * scale }
        let pair = TriggerTallies.Run.pairIndex(min(i, j), max(i, j), lineCount: n)
        return Double(total.acceptedOverlapWeightMicro[pair]) / 1e6 * scale
      }
    }
    self.instantaneousLuminosity = instantaneousLuminosity
    integratedLuminosityPb = luminosityPb
    self.budgetHz = budgetHz
    events = total.events
    runs = tallies.runs.map(\.run)
  }
}

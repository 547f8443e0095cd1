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
  /// Where the counts come from.
  public struct Provenance: Equatable, Sendable {
    public var trigemuVersion: String
    public var menuName: String
    public var menuSHA256: String
    public var firmware: String
    public var firmwareSHA256: String
    public var prescaleMode: String
    public var inputs: [Input]

    public init(trigemuVersion: String, menuName: String, menuSHA256: String, firmware: String, firmwareSHA256: String, prescaleMode: String, inputs: [Input] = []) {
      self.trigemuVersion = trigemuVersion
      self.menuName = menuName
      self.menuSHA256 = menuSHA256
      self.firmware = firmware
      self.firmwareSHA256 = firmwareSHA256
      self.prescaleMode = prescaleMode
      self.inputs = inputs
    }
  }

  public struct Input: Equatable, Sendable {
    public var path: String
    public var sha256: String
    public var events: Int
    public init(path: String, sha256: String, events: Int) {
      self.path = path
      self.sha256 = sha256
      self.events = events
    }
  }

  /// A number of events with the sums of their weights and of their squared weights, both in
  /// units of 10⁻⁶ (each event's weight and squared weight rounded to that once): a rate is
  /// Σw / L_int × L_inst, its statistical error √(Σw²) / L_int × L_inst.
  public struct WeightedCount: Equatable, Sendable {
    public var events = 0
    public var weightMicro: Int64 = 0
    public var weightSquaredMicro: Int64 = 0

    public init(events: Int = 0, weightMicro: Int64 = 0, weightSquaredMicro: Int64 = 0) {
      self.events = events
      self.weightMicro = weightMicro
      self.weightSquaredMicro = weightSquaredMicro
    }

    /// Σw and Σw² as plain numbers.
    public var weight: Double { Double(weightMicro) / 1e6 }
    public var weightSquared: Double { Double(weightSquaredMicro) / 1e6 }

    mutating func add(_ weight: EventWeight) {
      events += 1
      weightMicro += weight.micro
      weightSquaredMicro += weight.squaredMicro
    }

    mutating func add(_ other: WeightedCount) {
      events += other.events
      weightMicro += other.weightMicro
      weightSquaredMicro += other.weightSquaredMicro
    }
  }

  /// One event's weight and squared weight in units of 10⁻⁶.
  struct EventWeight {
    var micro: Int64
    var squaredMicro: Int64
    init(_ weight: Double) {
      micro = TriggerTallies.micro(weight)
      squaredMicro = TriggerTallies.micro(weight * weight)
    }
  }

  /// One line's counts in a run: before its prescale, after it, and after it with no other line
  /// accepting the event (the line's pure, or unique, share).
  public struct LineCounts: Equatable, Sendable {
    public var raw = WeightedCount()
    public var accepted = WeightedCount()
    public var pure = WeightedCount()

    mutating func add(_ other: LineCounts) {
      raw.add(other.raw)
      accepted.add(other.accepted)
      pure.add(other.pure)
    }
  }

  /// Counts of one run.
  public struct Run: Equatable, Sendable {
    public var run: UInt32
    public var experiment: UInt16
    /// The firmware model the run was emulated with.
    public var firmware: String
    public var events = 0
    public var weightMicro: Int64 = 0
    /// Fires per bit, in menu order.
    public var bits: [Int]
    public var lines: [LineCounts]
    /// Events any line fired on before its prescale (`raw`) and accepted (`accepted`): the menu's
    /// total (`pure` unused).
    public var anyLine = LineCounts()
    /// Events with both lines of a pair accepted (and both raw), for i < j, row by row; and the
    /// sum of the weights of the accepted ones (10⁻⁶ units).
    public var acceptedOverlaps: [Int]
    public var rawOverlaps: [Int]
    public var acceptedOverlapWeightMicro: [Int64]
    /// The HLT lines on the events L1 accepted: raw (the cut held), accepted (after the HLT
    /// prescale) and pure (accepted by no other HLT line); and the events the HLT kept.
    public var hltLines: [LineCounts] = []
    public var hltKept = WeightedCount()

    init(run: UInt32, experiment: UInt16, firmware: String, bitCount: Int, lineCount: Int, hltLineCount: Int = 0) {
      self.run = run
      self.experiment = experiment
      self.firmware = firmware
      bits = Array(repeating: 0, count: bitCount)
      lines = Array(repeating: LineCounts(), count: lineCount)
      acceptedOverlaps = Array(repeating: 0, count: lineCount * (lineCount - 1) / 2)
      rawOverlaps = acceptedOverlaps
      acceptedOverlapWeightMicro = Array(repeating: 0, count: acceptedOverlaps.count)
      hltLines = Array(repeating: LineCounts(), count: hltLineCount)
    }

    /// The index in the overlap arrays of the pair (i, j), i < j.
    public static func pairIndex(_ i: Int, _ j: Int, lineCount n: Int) -> Int { i * (2 * n - i - 1) / 2 + (j - i - 1) }

    /// Counts one event in the overlaps of every pair of lines that fired (raw), and of every
    /// pair that accepted it.
    mutating func countOverlaps(raw: UnsafeBufferPointer<UInt64>, accepted: UnsafeBufferPointer<UInt64>, weight: EventWeight) {
      let n = lines.count
      raw.forEachFlag { i in
        let bothAccept = accepted.flag(i)
        raw.forEachFlag(from: i + 1) { j in
          let pair = Self.pairIndex(i, j, lineCount: n)
          rawOverlaps[pair] += 1
          if bothAccept && accepted.flag(j) {
            acceptedOverlaps[pair] += 1
            acceptedOverlapWeightMicro[pair] += weight.micro
          }
        }
      }
    }

    mutating func add(_ other: Run) {
      events += other.events
      weightMicro += other.weightMicro
      for k in bits.indices { bits[k] += other.bits[k] }
      for k in lines.indices { lines[k].add(other.lines[k]) }
      anyLine.add(other.anyLine)
      for k in hltLines.indices { hltLines[k].add(other.hltLines[k]) }
      hltKept.add(other.hltKept)
      for k in acceptedOverlaps.indices {
        acceptedOverlaps[k] += other.acceptedOverlaps[k]
        rawOverlaps[k] += other.rawOverlaps[k]
        acceptedOverlapWeightMicro[k] += other.acceptedOverlapWeightMicro[k]
      }
    }
  }

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
  public private(set) var runs: [Run] = []
  /// Where the last event's run is in `runs` (events come run by run).
  private var lastRun: Int?

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

  /// Counts one event's decision.
  public mutating func add(_ decision: TriggerPipeline.Decision) {
    let header = decision.header
    let slot: Int
    if let last = lastRun, runs[last].run == header.run {
      slot = last
    } else {
      slot =
        self.slot(of: header.run)
        ?? insert(Run(
          run: header.run, experiment: header.experiment, firmware: firmwareNames[decision.firmwareModel], bitCount: bitNames.count,
          lineCount: lineNames.count, hltLineCount: hltLineNames.count))
    }
    lastRun = slot
    let weight = EventWeight(header.weight)
    runs[slot].events += 1
    runs[slot].weightMicro += weight.micro
    decision.bits.forEachFlag { runs[slot].bits[$0] += 1 }
    let acceptedLines = Self.count(&runs[slot].lines, raw: decision.raw, accepted: decision.accepted, weight: weight)
    runs[slot].countOverlaps(raw: decision.raw, accepted: decision.accepted, weight: weight)
    if decision.raw.anyFlag { runs[slot].anyLine.raw.add(weight) }
    if acceptedLines > 0 { runs[slot].anyLine.accepted.add(weight) }
    guard acceptedLines > 0, !hltLineNames.isEmpty else { return }
    _ = Self.count(&runs[slot].hltLines, raw: decision.hltRaw, accepted: decision.hltAccepted, weight: weight)
    if decision.hltKept { runs[slot].hltKept.add(weight) }
  }

  /// Counts one event in the lines of one stage (L1 or HLT): each line before and after its
  /// prescale, and its pure count when it is the only line that accepted the event. Returns the
  /// number of lines that accepted it.
  private static func count(
    _ lines: inout [LineCounts], raw: UnsafeBufferPointer<UInt64>, accepted: UnsafeBufferPointer<UInt64>, weight: EventWeight
  ) -> Int {
    var acceptedLines = 0, lastAccepted = 0
    for line in lines.indices where raw.flag(line) {
      lines[line].raw.add(weight)
      if accepted.flag(line) {
        lines[line].accepted.add(weight)
        acceptedLines += 1
        lastAccepted = line
      }
    }
    if acceptedLines == 1 { lines[lastAccepted].pure.add(weight) }
    return acceptedLines
  }

  /// The index of `run` in `runs`, if it is there.
  private func slot(of run: UInt32) -> Int? { runs.firstIndex { $0.run == run } }

  /// Inserts a run in run-number order and returns its index.
  @discardableResult
  private mutating func insert(_ run: Run) -> Int {
    let position = runs.firstIndex { $0.run > run.run } ?? runs.count
    runs.insert(run, at: position)
    lastRun = nil
    return position
  }

  /// All runs added together.
  public var total: Run {
    var sum = Run(run: 0, experiment: 0, firmware: "", bitCount: bitNames.count, lineCount: lineNames.count, hltLineCount: hltLineNames.count)
    for run in runs { sum.add(run) }
    return sum
  }

  /// The tallies of `self` and `other` together, as one pass over both inputs would give.
  /// Both must come from the same menu (same SHA-256), firmware and prescale mode.
  public func merged(with other: TriggerTallies) throws -> TriggerTallies {
    func differ(_ what: String, _ a: String, _ b: String) -> LocatedError {
      LocatedError("cannot merge tallies of different \(what): \(a) and \(b)")
    }
    guard provenance.menuSHA256 == other.provenance.menuSHA256, bitNames == other.bitNames, lineNames == other.lineNames else {
      throw differ("menus", "\(provenance.menuName) (\(provenance.menuSHA256.prefix(12)))", "\(other.provenance.menuName) (\(other.provenance.menuSHA256.prefix(12)))")
    }
    guard provenance.firmwareSHA256 == other.provenance.firmwareSHA256 else { throw differ("firmware models", provenance.firmware, other.provenance.firmware) }
    guard provenance.prescaleMode == other.provenance.prescaleMode else { throw differ("prescale modes", provenance.prescaleMode, other.provenance.prescaleMode) }
    guard provenance.trigemuVersion == other.provenance.trigemuVersion else { throw differ("trigemu versions", provenance.trigemuVersion, other.provenance.trigemuVersion) }
    var result = self
    result.provenance.inputs += other.provenance.inputs
    for run in other.runs {
      if let slot = result.slot(of: run.run) {
        guard result.runs[slot].firmware == run.firmware else {
          throw LocatedError("cannot merge tallies of run \(run.run) emulated with different firmware models: \(result.runs[slot].firmware) and \(run.firmware)")
        }
        result.runs[slot].add(run)
      } else {
        result.insert(run)
      }
    }
    return result
  }

  public static func == (a: TriggerTallies, b: TriggerTallies) -> Bool {
    a.provenance == b.provenance && a.bitNames == b.bitNames && a.lineNames == b.lineNames && a.prescales == b.prescales && a.runs == b.runs
      && a.hltLineNames == b.hltLineNames && a.hltKinds == b.hltKinds && a.hltPrescales == b.hltPrescales
  }
}

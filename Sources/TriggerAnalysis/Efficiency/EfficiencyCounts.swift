import TriggerEmulation
import TriggerEvents

/// What one efficiency measurement asks: a probe line measured against a reference line on
/// events passing an offline selection, in bins of some variables.
public struct EfficiencyQuestion: Sendable {
  /// The line measured, taken before its prescale.
  public var line: String
  /// The orthogonal reference line, taken after its prescale.
  public var reference: String
  public var selection: OfflineSelection
  public var binnings: [Binning]

  public init(line: String, reference: String, selection: OfflineSelection, binnings: [Binning] = Binning.defaults) {
    self.line = line
    self.reference = reference
    self.selection = selection
    self.binnings = binnings
  }
}

/// The event counts of one efficiency measurement, per run and per bin: enough to compute the
/// orthogonal-method efficiency k / n and the true efficiency of the probe line.
public struct EfficiencyCounts: Sendable {
  /// Counts of one run, or of one bin of a run.
  public struct Cell: Equatable, Sendable {
    /// Events passing the offline selection: the truth denominator.
    public var selected = 0
    /// Selected events on which the probe line fired (before prescale; an HLT line's cut held,
    /// whatever L1 did): the truth numerator.
    public var probeFired = 0
    /// Selected events the reference line accepted (after prescale): n.
    public var reference = 0
    /// Of those, events on which the probe line also fired: k.
    public var both = 0

    public init(selected: Int = 0, probeFired: Int = 0, reference: Int = 0, both: Int = 0) {
      self.selected = selected
      self.probeFired = probeFired
      self.reference = reference
      self.both = both
    }

    /// Counts one selected event: `probe` as the data see the probe line, `truth` whether it
    /// fired whatever else did (the same for an L1 line; an HLT line's cut on any event).
    mutating func add(probe: Bool, truth: Bool, reference accepted: Bool) {
      selected += 1
      if truth { probeFired += 1 }
      if accepted {
        reference += 1
        if probe { both += 1 }
      }
    }

    static func + (a: Cell, b: Cell) -> Cell {
      Cell(selected: a.selected + b.selected, probeFired: a.probeFired + b.probeFired, reference: a.reference + b.reference, both: a.both + b.both)
    }
  }

  /// One run's counts, in total and per bin (`bins[binning][bin]`).
  public struct Run: Equatable, Sendable {
    public var run: UInt32
    public var experiment: UInt16
    /// The firmware model the run was emulated with.
    public var firmware = FirmwareModel.ideal.name
    public var total = Cell()
    public var bins: [[Cell]]
  }

  public let question: EfficiencyQuestion
  /// Runs in increasing run number.
  public internal(set) var runs: [Run] = []

  public init(question: EfficiencyQuestion) { self.question = question }

  /// The index in `runs` of `run`, added (with zero counts) when first seen, so every run of
  /// the input is listed even when none of its events passes the selection.
  mutating func runIndex(run: UInt32, experiment: UInt16, firmware: @autoclosure () -> String) -> Int {
    if let last = runs.indices.last, runs[last].run == run { return last }
    if let found = runs.firstIndex(where: { $0.run == run }) { return found }
    let index = runs.firstIndex { $0.run > run } ?? runs.count
    runs.insert(
      Run(run: run, experiment: experiment, firmware: firmware(), bins: question.binnings.map { Array(repeating: Cell(), count: $0.binCount) }), at: index)
    return index
  }

  /// Counts one selected event of the run at `index` (`track` is its binning track).
  mutating func add(at index: Int, track: Track, probe: Bool, truth: Bool, reference: Bool) {
    runs[index].total.add(probe: probe, truth: truth, reference: reference)
    for (variable, binning) in question.binnings.enumerated() {
      if let bin = binning.bin(of: binning.variable.value(of: track)) {
        runs[index].bins[variable][bin].add(probe: probe, truth: truth, reference: reference)
      }
    }
  }
}

/// A firmware model: the trigger firmware that ran (or is proposed) for some runs, as a list of
/// faults on top of the ideal algorithm. Loaded from YAML in `firmware-models/`
/// (docs/firmware-models.md) and fully validated before any event is read.
public struct FirmwareModel: Sendable {
  /// One fault of the model: a fault kind and its parameters as the file gives them.
  public struct Fault: Sendable {
    public var kind: String
    public var stage: FaultKind.Stage
    /// Every parameter of the kind, in the kind's order, defaults filled in.
    public var parameters: [TriggerMenu.Bit.Parameter]
    public var description: String?
    public var line: Int
  }

  /// The file it was read from (empty for the built-in ideal model).
  public var path: String
  /// The SHA-256 (hex) of the model's text as read, for provenance (empty for the ideal model).
  public var sha256 = ""
  public var name: String
  public var description: String
  /// The runs it applies to when no run list names a model for them (may be empty).
  public var runRanges: [RunRange]
  /// Where each run range is written (line, column), for errors about overlaps.
  var runRangePlaces: [(line: Int, column: Int)]
  public var faults: [Fault]
  /// The faults compiled into the values the processors read.
  public var compiled: FirmwareFaults

  /// The ideal firmware, built in: no faults, no run ranges (the run list tag `ideal`).
  public static let ideal = FirmwareModel(
    path: "", name: "ideal", description: "The ideal algorithm as designed, no faults.", runRanges: [], runRangePlaces: [], faults: [],
    compiled: .ideal)

  /// Whether the model's run ranges hold the run.
  public func applies(experiment: UInt16, run: UInt32) -> Bool { runRanges.contains { $0.contains(experiment: experiment, run: run) } }
}

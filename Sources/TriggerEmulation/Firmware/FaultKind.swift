/// A kind of firmware fault: its name as model files write it, the stage it acts at, what it
/// means, its parameters, and how it changes the `FirmwareFaults` of a model.
public struct FaultKind: Sendable {
  /// Where in the chain a fault acts.
  public enum Stage: String, Sendable {
    /// On the detector hits before any processor sees them.
    case inputHits = "input hits"
    /// Inside a processor or the firmware's constants (segments, Hough plane, windows, thresholds).
    case processor = "processor internals"
    /// On the output bits after the conditions, before the lines.
    case outputBits = "output bits"
  }

  public var name: String
  public var stage: Stage
  public var summary: String
  public var parameters: [PluginParameter]
  /// Adds the fault, with validated parameters, to `faults`; throws when the parameters are
  /// inconsistent with each other or with the condition kinds they name.
  let apply: @Sendable (PluginParameters, inout FirmwareFaults) throws(ParameterError) -> Void
}

/// Runs of one experiment a firmware model applies to, as model files write them:
/// `"8:1001-1003"`, `"8:1001"` or `"8:*"` (every run of experiment 8).
public struct RunRange: Sendable, Equatable, CustomStringConvertible {
  public var experiment: UInt16
  public var runs: ClosedRange<UInt32>

  public init(experiment: UInt16, runs: ClosedRange<UInt32>) {
    self.experiment = experiment
    self.runs = runs
  }

  /// Parses `text`; nil when it is not of the forms above or the range runs backwards.
  public init?(_ text: String) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, let experiment = UInt16(parts[0]) else { return nil }
    self.experiment = experiment
    if parts[1] == "*" {
      runs = 0...UInt32.max
      return
    }
    let bounds = parts[1].split(separator: "-", omittingEmptySubsequences: false)
    guard (1...2).contains(bounds.count), let first = UInt32(bounds[0]), let last = UInt32(bounds[bounds.count - 1]), first <= last else { return nil }
    runs = first...last
  }

  public func contains(experiment: UInt16, run: UInt32) -> Bool { experiment == self.experiment && runs.contains(run) }

  public func overlaps(_ other: RunRange) -> Bool { experiment == other.experiment && runs.overlaps(other.runs) }

  public var description: String {
    if runs == 0...UInt32.max { return "\(experiment):*" }
    return runs.lowerBound == runs.upperBound ? "\(experiment):\(runs.lowerBound)" : "\(experiment):\(runs.lowerBound)-\(runs.upperBound)"
  }
}

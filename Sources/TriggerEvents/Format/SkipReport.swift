import TriggerSupport
/// What a reader skipped with `skipCorrupt`.
public struct SkipReport: Equatable, Sendable {
  public var chunks = 0
  public var events = 0
  /// False when a damaged chunk header hid its event count and no end marker told the total.
  public var eventCountIsExact = true
  /// True when the file had no end-of-stream marker (cut short).
  public var endMarkerMissing = false
  /// Each problem met, located, in file order.
  public var problems: [LocatedError] = []

  public var isEmpty: Bool { chunks == 0 && problems.isEmpty }

  public var summary: String {
    let events = eventCountIsExact ? "\(self.events)" : "at least \(self.events)"
    var text = "skipped \(chunks) damaged chunk\(chunks == 1 ? "" : "s") holding \(events) event\(self.events == 1 ? "" : "s")"
    if endMarkerMissing { text += "; the end-of-stream marker is missing, so events after the damage may be lost" }
    return text
  }
}

import TriggerEvents

extension TriggerProcessor {
  /// Where the L1 chain can be cut, for timing it stage by stage (`trigemu bench emulate`).
  public enum Stage: Int, CaseIterable, Sendable, CustomStringConvertible {
    case segments, hough, fits, everything
    public var description: String {
      switch self {
      case .segments: "+ CDC segment finder"
      case .hough: "+ 2D Hough finder"
      case .fits: "+ 2D/3D fits, vertices"
      case .everything: "+ ECL and KLM (full chain)"
      }
    }
  }

  /// Runs the chain on `event` up to and including `stage`. The CDC stages fill `scratch`
  /// (emptied first); the full chain fills `summary` as `process(_:)` does.
  public func process(_ event: EventView, upTo stage: Stage, scratch: inout TriggerSummary) {
    switch stage {
    case .segments:
      scratch.removeAll()
      cdc.segmentFinder.find(event.cdcHits, into: &scratch.segments)
    case .hough:
      scratch.removeAll()
      cdc.segmentFinder.find(event.cdcHits, into: &scratch.segments)
      cdc.houghFinder.find(scratch.segments, into: &scratch.tracks)
    case .fits:
      scratch.removeAll()
      cdc.process(event.cdcHits, header: event.header, into: &scratch)
    case .everything:
      process(event)
    }
  }
}

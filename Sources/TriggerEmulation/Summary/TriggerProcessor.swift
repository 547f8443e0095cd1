import TriggerEvents

/// The whole L1 processor chain for one thread: CDC, ECL and KLM processors filling one reused
/// `TriggerSummary` per event.
public final class TriggerProcessor {
  public let cdc = CDCTriggerProcessor()
  public let ecl = ECLTriggerProcessor()
  public let klm = KLMTriggerProcessor()
  /// The summary of the last event processed (its arrays are reused by the next).
  public private(set) var summary = TriggerSummary()

  public init() {}

  /// Runs every processor on `event`, refilling `summary`.
  public func process(_ event: EventView) {
    summary.removeAll()
    cdc.process(event.cdcHits, into: &summary)
    ecl.process(event.eclHits, into: &summary)
    klm.process(event.klmHits, into: &summary)
  }
}

import TriggerEvents

/// The whole L1 processor chain for one thread: CDC, ECL and KLM processors filling one reused
/// `TriggerSummary` per event, as a firmware model makes them (the ideal firmware by default).
public final class TriggerProcessor {
  public let firmware: FirmwareFaults
  public let cdc: CDCTriggerProcessor
  public let ecl: ECLTriggerProcessor
  public let klm: KLMTriggerProcessor
  /// The summary of the last event processed (its arrays are reused by the next).
  public private(set) var summary = TriggerSummary()

  public init(firmware: FirmwareFaults = .ideal) {
    self.firmware = firmware
    cdc = CDCTriggerProcessor(firmware: firmware)
    ecl = ECLTriggerProcessor(firmware: firmware)
    klm = KLMTriggerProcessor(firmware: firmware)
  }

  /// Runs every processor on `event`, refilling `summary`.
  public func process(_ event: EventView) {
    summary.removeAll()
    cdc.process(event.cdcHits, header: event.header, into: &summary)
    ecl.process(event.eclHits, into: &summary)
    klm.process(event.klmHits, into: &summary)
  }
}

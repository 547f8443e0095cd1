import TriggerEmulation
import TriggerEvents

extension TriggerTallies {
  /// Counts one event's decision. Returns false when one of its run's weight sums no longer
  /// fits 64 bits in 10⁻⁶ units (Σw or Σw² above `maximumWeightSum`); the tallies are then
  /// wrong and must not be used.
  public mutating func add(_ decision: TriggerPipeline.Decision) -> Bool {
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
    // Every other sum of the run is at most the run's own Σw or its any-line Σw², so checking
    // these two (and each line's, below) keeps them all in range.
    var fits = Self.checkedAdd(&runs[slot].weightMicro, weight.micro)
    decision.bits.forEachFlag { runs[slot].bits[$0] += 1 }
    let acceptedLines = Self.count(&runs[slot].lines, raw: decision.raw, accepted: decision.accepted, weight: weight, fits: &fits)
    runs[slot].countOverlaps(raw: decision.raw, accepted: decision.accepted, weight: weight)
    if decision.raw.anyFlag { fits = runs[slot].anyLine.raw.add(weight) && fits }
    if acceptedLines > 0 { fits = runs[slot].anyLine.accepted.add(weight) && fits }
    guard acceptedLines > 0, !hltLineNames.isEmpty else { return fits }
    _ = Self.count(&runs[slot].hltLines, raw: decision.hltRaw, accepted: decision.hltAccepted, weight: weight, fits: &fits)
    if decision.hltKept { fits = runs[slot].hltKept.add(weight) && fits }
    return fits
  }

  /// Counts one event in the lines of one stage (L1 or HLT): each line before and after its
  /// prescale, and its pure count when it is the only line that accepted the event. Returns the
  /// number of lines that accepted it.
  static func count(
    _ lines: inout [LineCounts], raw: UnsafeBufferPointer<UInt64>, accepted: UnsafeBufferPointer<UInt64>, weight: EventWeight, fits: inout Bool
  ) -> Int {
    var acceptedLines = 0, lastAccepted = 0
    for line in lines.indices where raw.flag(line) {
      if !lines[line].raw.add(weight) { fits = false }
      if accepted.flag(line) {
        if !lines[line].accepted.add(weight) { fits = false }
        acceptedLines += 1
        lastAccepted = line
      }
    }
    if acceptedLines == 1, !lines[lastAccepted].pure.add(weight) { fits = false }
    return acceptedLines
  }
}

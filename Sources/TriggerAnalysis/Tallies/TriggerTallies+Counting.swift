import TriggerEmulation
import TriggerEvents

extension TriggerTallies {
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
  static func count(
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
}

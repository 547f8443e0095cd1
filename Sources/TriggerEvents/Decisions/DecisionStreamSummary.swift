import TriggerSupport
/// Counts over a decision stream: events and runs, how often each bit and line fired, and what
/// L1 accepted and the HLT kept (`trigemu decisions`).
public struct DecisionStreamSummary: Sendable {
  public let stream: DecisionStream
  public private(set) var events = 0
  public private(set) var runs: [UInt32] = []
  public private(set) var l1Accepted = 0
  public private(set) var hltKept = 0
  public private(set) var bitFired: [Int]
  public private(set) var lineRaw: [Int]
  public private(set) var lineAccepted: [Int]
  public private(set) var hltRaw: [Int]
  public private(set) var hltAccepted: [Int]

  public init(stream: DecisionStream) {
    self.stream = stream
    bitFired = Array(repeating: 0, count: stream.bitNames.count)
    lineRaw = Array(repeating: 0, count: stream.lineNames.count)
    lineAccepted = lineRaw
    hltRaw = Array(repeating: 0, count: stream.hltLineNames.count)
    hltAccepted = hltRaw
  }

  /// Counts one record.
  public mutating func add(_ record: DecisionRecord) {
    events += 1
    if runs.last != record.run && !runs.contains(record.run) { runs.append(record.run) }
    if record.l1Accepted { l1Accepted += 1 }
    if record.hltKept { hltKept += 1 }
    func count(_ counts: inout [Int], _ words: [UInt64]) {
      for index in counts.indices where words.flag(index) { counts[index] += 1 }
    }
    count(&bitFired, record.bits)
    count(&lineRaw, record.raw)
    count(&lineAccepted, record.accepted)
    count(&hltRaw, record.hltRaw)
    count(&hltAccepted, record.hltAccepted)
  }

  /// Per L1 and HLT line: its stage, events before and after its prescale.
  public var lineTable: TextTable {
    var table = TextTable(["line", "stage", "raw", "accepted"])
    for (index, name) in stream.lineNames.enumerated() { table.add([name, "L1", "\(lineRaw[index])", "\(lineAccepted[index])"]) }
    for (index, name) in stream.hltLineNames.enumerated() { table.add([name, "HLT", "\(hltRaw[index])", "\(hltAccepted[index])"]) }
    return table
  }

  /// The summary for the terminal.
  public var text: String {
    let hlt = stream.hltLineNames.isEmpty ? "no HLT" : "HLT kept \(hltKept)"
    return """
      menu \(stream.menuName) (SHA-256 \(stream.menuSHA256.prefix(12))…), firmware \(stream.firmwareNames.joined(separator: ", "))
      \(events) events in \(runs.count) runs; L1 accepted \(l1Accepted), \(hlt)

      \(lineTable.rendered)
      """
  }
}

extension DecisionStream {
  /// The CSV header of `csvRow`.
  public static let csvHeader = "run,event,experiment,firmware,l1_accepted,hlt_kept,bits,raw_lines,accepted_lines,hlt_raw,hlt_accepted"

  /// One record as a CSV row: fired bits and lines as names separated by spaces.
  public func csvRow(_ record: DecisionRecord) -> String {
    func names(_ words: [UInt64], _ names: [String]) -> String {
      names.indices.filter { words.flag($0) }.map { names[$0] }.joined(separator: " ")
    }
    return [
      "\(record.run)", "\(record.eventNumber)", "\(record.experiment)", firmwareNames[record.firmwareModel], record.l1Accepted ? "1" : "0",
      record.hltKept ? "1" : "0", names(record.bits, bitNames), names(record.raw, lineNames), names(record.accepted, lineNames),
      names(record.hltRaw, hltLineNames), names(record.hltAccepted, hltLineNames),
    ].joined(separator: ",")
  }
}

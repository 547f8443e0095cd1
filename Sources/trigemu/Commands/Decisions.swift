import ArgumentParser
import Foundation
import TriggerSupport
import TriggerEvents

/// `trigemu decisions`: reads a decision stream written by `trigemu run --decisions`.
struct Decisions: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Read a decision stream (trigemu run --decisions): check it, count it, or write it as CSV.",
    discussion: """
      Prints the menu, the events and runs, and per L1 and HLT line the events before (raw) and \
      after (accepted) its prescale. --csv writes one row per event: run, event, experiment, \
      firmware model, whether L1 accepted and the HLT kept it, and the fired bits and lines as \
      names separated by spaces. Format: docs/decision-stream.md.
      """)

  @Argument(help: "Decision stream written by trigemu run --decisions.")
  var file: String

  @Option(help: "Write every event's decisions as CSV.")
  var csv: String?

  func run() throws {
    try AtomicOutputFile.checkCanCreate([csv])
    let reader = try DecisionStreamReader(path: file)
    var summary = DecisionStreamSummary(stream: reader.stream)
    let output = try csv.map { try AtomicOutputFile(path: $0) }
    var buffer = Array((DecisionStream.csvHeader + "\n").utf8)
    try reader.forEach { record in
      summary.add(record)
      guard let output else { return }
      buffer.append(contentsOf: (reader.stream.csvRow(record) + "\n").utf8)
      if buffer.count > 1 << 20 {
        try output.write(buffer)
        buffer.removeAll(keepingCapacity: true)
      }
    }
    if let output {
      try output.write(buffer)
      try output.commit()
    }
    print("\(file): \(summary.text)")
    if let csv { print("\nwrote \(csv)") }
  }
}

import ArgumentParser
import TriggerEvents

/// `trigemu inspect FILE`: what an event file holds.
struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show an event file's metadata, runs, processes, records per event, and its first events.",
    discussion: """
      Reads the whole file (checking every chunk and record) and prints the events per run and per \
      process with their summed weights, and the distribution of CDC hits, ECL trigger-cell hits, \
      KLM hits, tracks, clusters and MC particles per event.
      """)

  @Argument(help: "Event file (.trg or .jsonl).")
  var file: String

  @Option(name: .customLong("events"), help: "Print the first N events in detail.")
  var eventsToPrint = 3

  @Flag(help: "Skip damaged chunks of a .trg file instead of stopping, and report what was skipped.")
  var skipCorrupt = false

  func validate() throws {
    guard eventsToPrint >= 0 else { throw ValidationError("--events must be 0 or more, not \(eventsToPrint)") }
  }

  func run() throws {
    let source = try EventFileFormat.openSource(file, skipCorrupt: skipCorrupt)
    print("file: \(file)")
    print("chunk capacity: \(source.streamInfo.chunkCapacityBytes / 1024) KiB")
    for key in source.streamInfo.metadata.keys.sorted() { print("metadata \(key): \(source.streamInfo.metadata[key]!)") }
    var summary = StreamSummary()
    var shown: [String] = []
    var progress = Progress(label: "reading")
    try source.forEachEvent { event in
      if shown.count < eventsToPrint { shown.append(event.rendered) }
      summary.add(event)
      progress.update(summary.events)
    }
    progress.finish()
    if !shown.isEmpty {
      print("\nfirst \(shown.count) event\(shown.count == 1 ? "" : "s"):")
      shown.forEach { print($0) }
    }
    print("\n" + summary.rendered)
    if !source.skipReport.isEmpty { printSkipReport(source.skipReport) }
  }
}

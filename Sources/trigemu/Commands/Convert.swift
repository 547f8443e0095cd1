import ArgumentParser
import TriggerSupport
import TriggerEvents

/// `trigemu convert IN OUT`: between `.trg` and JSON Lines, losslessly.
struct Convert: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Convert an event file between .trg (binary) and .jsonl (JSON Lines).",
    discussion: """
      The formats are told apart by the file extensions. The conversion is lossless: metadata, \
      every record and the chunk layout are kept, so .trg → .jsonl → .trg gives the same bytes. \
      OUT is written under a temporary name and appears only when complete.
      """)

  @Argument(help: "Input event file (.trg or .jsonl).")
  var input: String

  @Argument(help: "Output event file (.trg or .jsonl).")
  var output: String

  @Flag(help: "Skip damaged chunks of a .trg input instead of stopping, and report what was skipped.")
  var skipCorrupt = false

  func run() throws {
    try AtomicOutputFile.checkCanCreate([output])
    let source = try EventFileFormat.openSource(input, skipCorrupt: skipCorrupt)
    let sink = try EventFileFormat.openSink(output, streamInfo: source.streamInfo)
    var progress = Progress(label: "converting")
    var events = 0
    try source.forEachEvent { event in
      try sink.append(event)
      events += 1
      progress.update(events)
    }
    try sink.finish()
    progress.finish()
    print("wrote \(events) event\(events == 1 ? "" : "s") to \(output)")
    if !source.skipReport.isEmpty { printSkipReport(source.skipReport) }
  }
}

/// Prints what a reader skipped, to standard error.
func printSkipReport(_ report: SkipReport) {
  printError("warning: \(report.summary)")
  for problem in report.problems { printError("  \(problem)") }
}

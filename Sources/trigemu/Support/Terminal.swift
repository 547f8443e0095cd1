import Foundation

/// Prints a line to standard error.
func printError(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// A one-line progress counter on standard error, shown only when it is a terminal.
struct Progress {
  let label: String
  private let enabled = isatty(STDERR_FILENO) != 0
  private var lastUpdate = Date.distantPast
  /// The event count at the last clock check: the clock is read at most every 1024 events.
  private var lastChecked = Int.min / 2
  private var shown = false

  init(label: String) { self.label = label }

  /// Shows `events` done (of `total`, when known), at most four times a second; `stage`
  /// replaces the label when given.
  mutating func update(_ events: Int, of total: Int? = nil, stage: String? = nil) {
    // A count below the last one is a new stage counting from 0.
    guard enabled, events - lastChecked >= 1024 || events < lastChecked || events == total else { return }
    lastChecked = events
    let now = Date()
    guard now.timeIntervalSince(lastUpdate) >= 0.25 else { return }
    lastUpdate = now
    shown = true
    let label = stage ?? self.label
    let text = total.map { total in
      let filled = min(24, 24 * events / max(1, total))
      let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 24 - filled)
      return "\r\(label) \(bar) \(100 * events / max(1, total)) %  \(events) of \(total) events\u{1B}[K"
    } ?? "\r\(label): \(events) events"
    FileHandle.standardError.write(Data(text.utf8))
  }

  func finish() {
    if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }
}

/// CPU model and core count, for benchmark output.
enum MachineDescription {
  static var current: String {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
      .map { $0.split(separator: ":", maxSplits: 1).last!.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
    return "\(model), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB"
  }
}

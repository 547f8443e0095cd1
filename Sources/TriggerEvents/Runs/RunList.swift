import Foundation
import TriggerSupport
/// The runs of a data set with their luminosities: a CSV file, one run per line.
///
/// Format (docs/run-lists.md):
///
///     # comment lines and blank lines are ignored
///     run,experiment,luminosity_pb,firmware,beam_background
///     1001,8,2.5,ideal,1.0
///
/// `beam_background` may be left out (nominal, 1.0). Runs are unique; luminosities are numbers
/// ≥ 0 in pb⁻¹; the firmware tag must name a known model.
public struct RunList: Equatable, Sendable {
  public var runs: [RunInfo]

  public init(runs: [RunInfo]) { self.runs = runs }

  /// The column names of the header line, in order.
  public static let columns = ["run", "experiment", "luminosity_pb", "firmware", "beam_background"]
  /// The largest luminosity of one run, pb⁻¹: 50 ab⁻¹, SuperKEKB's whole goal (docs/physics.md).
  public static let maximumLuminosityPb = 5e7

  /// The firmware model that needs no file: the ideal algorithm, no faults.
  public static let idealFirmware = "ideal"

  /// Total integrated luminosity in pb⁻¹.
  public var totalLuminosityPb: Double { runs.reduce(0) { $0 + $1.luminosityPb } }

  /// The run with number `run`, if listed.
  public func info(for run: UInt32) -> RunInfo? { runs.first { $0.run == run } }

  /// Reads the run-list file at `path`; `knownFirmware` lists the valid firmware tags.
  public init(path: String, knownFirmware: Set<String> = [RunList.idealFirmware]) throws {
    let data = try InputFile.contents(of: path, limitBytes: InputFile.configurationLimitBytes)
    try self.init(parsing: String(decoding: data, as: UTF8.self), path: path, knownFirmware: knownFirmware)
  }

  /// Parses run-list text; `path` names the file in errors, `knownFirmware` lists the valid tags.
  public init(parsing text: String, path: String, knownFirmware: Set<String> = [RunList.idealFirmware]) throws {
    var runs: [RunInfo] = []
    var firstLine: [UInt32: Int] = [:]
    var sawHeader = false
    // Split on any line break ("\r\n" is one Character in Swift, so CRLF files work too).
    for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
      let lineNumber = index + 1
      func fail(_ message: String) -> LocatedError { LocatedError(file: path, line: lineNumber, message: message) }
      let line = trimmed(rawLine)
      if line.isEmpty || line.hasPrefix("#") { continue }
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { String(trimmed($0)) }
      guard sawHeader else {
        guard fields == Self.columns || fields == Array(Self.columns.prefix(4)) else {
          throw fail("expected the header line \"\(Self.columns.joined(separator: ","))\", found \"\(line)\"")
        }
        sawHeader = true
        continue
      }
      guard fields.count == 4 || fields.count == 5 else {
        throw fail(
          "malformed line: expected 4 or 5 comma-separated fields (\(Self.columns.joined(separator: ","))), found \(fields.count)")
      }
      for (column, field) in zip(Self.columns, fields) where field.isEmpty && column != "beam_background" {
        throw fail("\(column) is missing")
      }
      guard let run = UInt32(fields[0]) else { throw fail("run \"\(fields[0])\" is not a whole number 0–\(UInt32.max)") }
      guard let experiment = UInt16(fields[1]) else {
        throw fail("experiment \"\(fields[1])\" is not a whole number 0–\(UInt16.max)")
      }
      guard let luminosity = Double(fields[2]), luminosity.isFinite else {
        throw fail("luminosity_pb \"\(fields[2])\" is not a number (pb⁻¹)")
      }
      guard luminosity >= 0 else { throw fail("luminosity_pb \(fields[2]) is negative") }
      guard luminosity <= Self.maximumLuminosityPb else {
        throw fail("luminosity_pb \(fields[2]) is more than \(Self.maximumLuminosityPb) pb⁻¹ (50 ab⁻¹, all SuperKEKB is to deliver) for one run")
      }
      guard knownFirmware.contains(fields[3]) else {
        throw fail("unknown firmware model \"\(fields[3])\" (known: \(knownFirmware.sorted().joined(separator: ", ")))")
      }
      var background = 1.0
      if fields.count == 5 && !fields[4].isEmpty {
        guard let level = Double(fields[4]), level.isFinite, level >= 0 else {
          throw fail("beam_background \"\(fields[4])\" is not a number ≥ 0 (1 = nominal)")
        }
        background = level
      }
      if let first = firstLine[run] { throw fail("duplicate run \(run) (first on line \(first))") }
      firstLine[run] = lineNumber
      runs.append(RunInfo(run: run, experiment: experiment, luminosityPb: luminosity, firmware: fields[3], beamBackground: background))
    }
    guard sawHeader else { throw LocatedError(file: path, line: 1, message: "no header line and no runs: the run list is empty") }
    self.runs = runs
  }

  /// The list as CSV text, readable by `init(parsing:)`.
  public var csv: String {
    var lines = [Self.columns.joined(separator: ",")]
    for run in runs {
      lines.append("\(run.run),\(run.experiment),\(run.luminosityPb),\(run.firmware),\(run.beamBackground)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// `text` without leading and trailing spaces and tabs.
private func trimmed(_ text: Substring) -> Substring {
  let blank: Set<Character> = [" ", "\t"]
  guard let first = text.firstIndex(where: { !blank.contains($0) }), let last = text.lastIndex(where: { !blank.contains($0) }) else {
    return ""
  }
  return text[first...last]
}


extension RunList {
  /// Each run's experiment, number and firmware tag, as `FirmwarePlan` takes them.
  public var firmwareTags: [(experiment: UInt16, run: UInt32, firmware: String)] { runs.map { ($0.experiment, $0.run, $0.firmware) } }
}

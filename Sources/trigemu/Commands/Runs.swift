import ArgumentParser
import Foundation
import TriggerSimulation
import TriggerEvents

/// `trigemu runs`: show and check run lists.
struct Runs: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the embedded default run list, or check and print a run-list file.",
    discussion: """
      A run list is a CSV file with the header run,experiment,luminosity_pb,firmware,beam_background \
      (docs/run-lists.md). Errors name the file and line.
      """)

  @Flag(name: .customLong("default"), help: "Print the embedded default run list.")
  var printDefault = false

  @Argument(help: "A run-list file to check and print.")
  var file: String?

  @Option(help: "Directory of firmware-model files whose names are valid firmware tags.")
  var firmwareDir = "firmware-models"

  func validate() throws {
    guard printDefault != (file != nil) else { throw ValidationError("give either --default or a run-list FILE") }
  }

  func run() throws {
    let list: RunList
    if let file {
      list = try RunList(parsing: try readText(file), path: file, knownFirmware: knownFirmwareTags(in: firmwareDir))
      print(list.csv, terminator: "")
    } else {
      list = RunList.default
      print(RunList.defaultText, terminator: "")
    }
    print("# \(list.runs.count) runs, \(list.totalLuminosityPb) pb^-1")
  }
}

/// The whole text of `path`, or an error naming it.
func readText(_ path: String) throws -> String {
  guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("\(path): cannot read the file") }
  return String(decoding: data, as: UTF8.self)
}

/// `ideal` and the names of the `.yaml` files in `directory` (if it exists).
func knownFirmwareTags(in directory: String) -> Set<String> {
  let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
  return Set(files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }).union([RunList.idealFirmware])
}

/// The run list of a `--runs` file, its firmware tags checked against the models in
/// `firmwareDir`; the embedded one without a file.
func loadRunList(_ path: String?, firmwareDir: String) throws -> RunList {
  try path.map { try RunList(parsing: readText($0), path: $0, knownFirmware: knownFirmwareTags(in: firmwareDir)) } ?? .default
}

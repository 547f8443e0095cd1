import ArgumentParser
import Foundation
import TriggerEmulation
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

  @OptionGroup var folder: FirmwareFolderOption

  func validate() throws {
    guard printDefault != (file != nil) else { throw ValidationError("give either --default or a run-list FILE") }
  }

  func run() throws {
    let list: RunList
    if let file {
      list = try folder.runList(file)
      print(list.csv, terminator: "")
    } else {
      list = RunList.default
      print(RunList.defaultText, terminator: "")
    }
    print("# \(list.runs.count) runs, \(list.totalLuminosityPb) pb^-1")
  }
}

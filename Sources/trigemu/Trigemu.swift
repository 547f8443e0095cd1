import ArgumentParser
import TriggerEvents

/// The `trigemu` command: a thin layer that parses arguments, calls the libraries and prints.
@main
struct Trigemu: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Trigger emulator for e⁺e⁻ collider experiments such as Belle II.",
    discussion: """
      Replays raw-like detector records (.trg or .jsonl event files) through emulated Level-1 trigger \
      processors and menus, and measures trigger efficiencies with the orthogonal-line method.
      """,
    version: TrigemuVersion.current,
    subcommands: [Measure.self, Simulate.self, Run.self, Decisions.self, Efficiency.self, Rates.self, CompareMenus.self, Signal.self, Report.self, CompareFirmware.self, Merge.self, MenuCommand.self, FirmwareCommand.self, Runs.self, Conditions.self, Convert.self, Inspect.self, Bench.self])
}

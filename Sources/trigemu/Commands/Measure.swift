import ArgumentParser

/// The main job: per-run orthogonal-line efficiencies on the embedded default sample.
///
/// It needs the simulation, the L1 emulation, menus and the efficiency method, which arrive with
/// later issues; until then it says so and fails, rather than printing numbers it cannot have.
struct Measure: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure trigger efficiencies on the embedded default sample (not available yet).",
    discussion: """
      The main job of trigemu: simulate the default run list, emulate the L1 trigger, and measure \
      ε_CDC = N(CDC ∧ ECL)/N(ECL) and ε_ECL per run, luminosity-weighted. This build has the event \
      format and tools only (convert, inspect, bench io); measure arrives with the simulation, \
      emulation and efficiency stages.
      """)

  func run() throws {
    throw CLIError(
      "trigemu measure is not available in this build: it needs the simulation, L1 emulation, menus and "
        + "efficiency stages, which are not built yet. Available now: trigemu convert, inspect, bench io.")
  }
}

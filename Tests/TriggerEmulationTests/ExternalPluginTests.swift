import Foundation
import TestSupport
import Testing
import TriggerEmulation
import TriggerEvents
import TriggerSupport

/// A condition plugin built outside the package (docs/examples/energetic_pair_plugin.c) loads at
/// run time through the C ABI and works like a built-in.
@Suite struct ExternalPluginTests {
  static let root = RepositoryFiles.root

  /// Compiles the example plugin with the system C compiler into `directory`.
  func build(_ directory: TemporaryDirectory, _ name: String, flags: [String] = []) throws -> String {
    let library = directory.file(name)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["cc", "-shared", "-fPIC", "-O2", "-I", Self.root.appendingPathComponent("Sources/TriggerPluginABI/include").path]
      + flags + [Self.root.appendingPathComponent("docs/examples/energetic_pair_plugin.c").path, "-o", library]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "the example plugin must compile")
    return library
  }

  func menu(_ library: String, minClusters: Int = 2) -> String {
    """
    name: with-plugin
    plugins: [\(library)]
    bits:
      pair: {kind: example.energetic_pair, parameters: {minEnergyCM: 500 MeV, minClusters: \(minClusters)}}
      energy: {kind: ecl.energy_sum}
    lines:
      pair_line: {expression: pair}
      energy_line: {expression: energy && !pair}
    """
  }

  @Test func theExamplePluginLoadsValidatesAndFiresOnEnergeticPairs() throws {
    let directory = TemporaryDirectory()
    let library = try build(directory, "energetic_pair.so")
    let registry = PluginRegistry()
    let menu = try TriggerMenu(text: menu(library), path: "p.yaml", registry: registry)
    #expect(menu.bit(named: "pair")!.parameters.map(\.value) == [.number(0.5), .number(2), .number(0)])
    #expect(registry.kind(named: "example.energetic_pair")!.parameters.map(\.unit) == ["GeV", "", ""])
    // Out-of-range values are checked against the plugin's own table, like a built-in's.
    #expect(throws: LocatedError.self) { try TriggerMenu(text: self.menu(library, minClusters: 30), path: "p.yaml", registry: registry) }

    // On Bhabhas, the plugin's decision equals the same condition computed here from the summary.
    let bhabhas = try SimulatedSamples.events(["ee"], luminosityPb: 0.002, seed: 11)
    let evaluator = try MenuEvaluator(menu: menu, registry: registry)
    let processor = TriggerProcessor()
    var fired = 0
    var bits: UInt64 = 0, lines: UInt64 = 0
    for event in bhabhas {
      processor.process(event.view)
      evaluator.evaluate(processor.summary, header: event.header, bits: &bits, lines: &lines)
      let expected = processor.summary.clusters.filter { $0.energyCMGeV > 0.5 }.count >= 2
      #expect((lines & 1 != 0) == expected)
      if lines & 1 != 0 { fired += 1 }
      #expect(lines & 0b11 != 0b11, "energy_line excludes pair_line")
    }
    #expect(bhabhas.count > 50)
    #expect(fired > 20, "Bhabhas with both electrons in the ECL fire it")
  }

  @Test func aWrongABIVersionIsAClearError() throws {
    let directory = TemporaryDirectory()
    let library = try build(directory, "wrong.so", flags: ["-DTRIGEMU_EXAMPLE_WRONG_ABI"])
    #expect(throws: LocatedError(
      file: "p.yaml", line: 2, column: 11,
      message: "plugin library \(library): built for plugin ABI version 99, but this trigemu speaks version 1; rebuild it against this trigemu's trigemu_plugin.h")) {
      try TriggerMenu(text: self.menu(library), path: "p.yaml", registry: PluginRegistry())
    }
  }

  @Test func aMissingSymbolIsAClearError() throws {
    let directory = TemporaryDirectory()
    let library = try build(directory, "missing.so", flags: ["-DTRIGEMU_EXAMPLE_MISSING_SYMBOL"])
    #expect(throws: LocatedError(
      file: "p.yaml", line: 2, column: 11,
      message: "plugin library \(library): missing symbol trigemu_plugin_conditions (see docs/plugins.md)")) {
      try TriggerMenu(text: self.menu(library), path: "p.yaml", registry: PluginRegistry())
    }
    #expect(throws: LocatedError(file: "p.yaml", line: 2, column: 11, message: "plugin library \(directory.file("nowhere.so")): no such file")) {
      try TriggerMenu(text: self.menu(directory.file("nowhere.so")), path: "p.yaml", registry: PluginRegistry())
    }
  }

  @Test func aFileThatIsNotASharedLibraryFailsToLoadWithTheLoadersReason() throws {
    let directory = TemporaryDirectory()
    let notALibrary = directory.file("text.so")
    try "not a shared library\n".write(toFile: notALibrary, atomically: true, encoding: .utf8)
    do {
      _ = try TriggerMenu(text: menu(notALibrary), path: "p.yaml", registry: PluginRegistry())
      Issue.record("a text file was loaded as a plugin library")
    } catch let error as LocatedError {
      #expect(error.file == "p.yaml" && error.place == .lineColumn(2, 11))
      #expect(error.message.hasPrefix("plugin library \(notALibrary): cannot be loaded: \(notALibrary): "))
      #expect(error.message.contains("invalid ELF header") || error.message.contains("file too short"))
    }
  }
}

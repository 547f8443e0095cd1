import Foundation
import TestSupport
import Testing
import TriggerEvents

@testable import trigemu

/// The CLI as a user meets it: arguments, exit codes, and what appears on screen.
@Suite struct CommandLineTests {
  /// Runs the built `trigemu` binary (beside the test bundle) and returns exit code, stdout, stderr.
  func run(_ arguments: [String], in directory: String? = nil) throws -> (status: Int32, output: String, error: String) {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("trigemu")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let output = Pipe(), error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
  }

  @Test func convertRoundTripsThroughJSONLinesToTheSameBytes() throws {
    let directory = TemporaryDirectory()
    let original = directory.file("in.trg"), text = directory.file("mid.jsonl"), again = directory.file("out.trg")
    try EventFiles.write(HandBuiltEvents.synthetic(count: 40, runs: 2), to: original)
    var first = try Trigemu.parseAsRoot(["convert", original, text])
    try first.run()
    var second = try Trigemu.parseAsRoot(["convert", text, again])
    try second.run()
    #expect(try Data(contentsOf: URL(fileURLWithPath: original)) == Data(contentsOf: URL(fileURLWithPath: again)))
  }

  @Test func inspectPrintsRunsProcessesAndHitDistributions() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("sample.trg")
    try EventFiles.write(
      [HandBuiltEvents.dimuon(run: 10, event: 1), HandBuiltEvents.dimuon(run: 11, event: 2), HandBuiltEvents.empty(run: 11, event: 3)],
      to: path, metadata: ["generator": "hand"])
    let result = try run(["inspect", path, "--events", "1"])
    #expect(result.status == 0)
    #expect(result.output.contains("metadata generator: hand"))
    #expect(result.output.contains("first 1 event:\nrun 10 event 1 (experiment 7, process mumu, weight 1.0): 3 CDC hits"))
    #expect(result.output.contains("3 events in 2 runs"))
    #expect(result.output.contains(" 11           7       2         2"))
    #expect(result.output.contains("CDC hits "))
  }

  @Test func aDamagedFileFailsWithTheLocatedMessageAndANonZeroExit() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("broken.trg")
    try "not an event file at all".write(toFile: path, atomically: true, encoding: .utf8)
    let result = try run(["inspect", path])
    #expect(result.status != 0)
    #expect(result.error.contains("Error: \(path): byte 0: wrong magic: expected 89 54 52 47 0D 0A 1A 0A, found 6E 6F 74 20 61 6E 20 65 (not a .trg file)"))
  }

  @Test func convertWithSkipCorruptReportsWhatItSkipped() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("damaged.trg"), output = directory.file("kept.jsonl")
    try EventFiles.write([HandBuiltEvents.dimuon(run: 1, event: 1), HandBuiltEvents.dimuon(run: 2, event: 2)], to: path)
    var file = try TRGSurgery(path: path)
    let second = file.chunkOffsets[1]
    file.put(file.bytes[second + 40] ^ 1, at: second + 40)
    try file.save(to: path)
    let failing = try run(["convert", path, output])
    #expect(failing.status != 0 && failing.error.contains("payload checksum mismatch"))
    #expect(!FileManager.default.fileExists(atPath: output))  // nothing half-written
    let skipping = try run(["convert", path, output, "--skip-corrupt"])
    #expect(skipping.status == 0)
    #expect(skipping.output.contains("wrote 1 event to \(output)"))
    #expect(skipping.error.contains("warning: skipped 1 damaged chunk holding 1 event"))
  }

  @Test func measureWithAMissingMenuFileNamesItBeforeSimulating() throws {
    let result = try run(["measure", "--menu", "nowhere/menu.yaml"])
    #expect(result.status != 0)
    #expect(result.error.contains("Error: nowhere/menu.yaml: cannot read the file"))
    #expect(!result.output.contains("simulat"))
  }

  @Test func badOptionsAreRejectedBeforeAnyWork() throws {
    #expect(throws: (any Error).self) { try Trigemu.parseAsRoot(["inspect", "x.trg", "--events", "-2"]) }
    let result = try run(["bench", "io", "--threads", "0"])
    #expect(result.status != 0 && result.error.contains("--threads must be 1–64"))
  }

  @Test func benchRunReportsEveryRowWithAPositiveValueForBothSamples() throws {
    let result = try run(["bench", "run", "--small-events", "1000", "--large-events", "2000", "--repetitions", "1"])
    #expect(result.status == 0, "\(result.error)")
    /// The value column of the row whose label starts with `label`.
    func value(_ label: String) -> Double? {
      guard let line = result.output.split(separator: "\n").first(where: { $0.hasPrefix(label) }) else { return nil }
      return line.dropFirst(label.count).split(separator: " ").lazy.compactMap { Double($0) }.first
    }
    for label in [
      "events/s, 1 thread", "events/s, 2 threads", "speed-up 2 / 1 threads", "CPU time per event, 1 thread (µs)",
      "CPU time per event, 2 threads (µs)", "of which the input's SHA-256 (µs)", "SHA-256 alone, this process (GB/s)",
    ] {
      let number = try #require(value(label), "row \(label)")
      #expect(number > 0, "\(label): \(number)")
    }
    // Both samples' memory rows, each named with the events the run actually read.
    let memoryRows = result.output.split(separator: "\n").filter { $0.hasPrefix("peak memory, ") }
    #expect(memoryRows.count == 2, "\(memoryRows)")
    for row in memoryRows {
      let megabytes = row.split(separator: ")").last.flatMap { $0.split(separator: " ").lazy.compactMap { Double($0) }.first }
      #expect((megabytes ?? 0) > 0, "\(row)")
    }
  }

  @Test func shippedMenusAndFirmwareModelsAreFoundFromAnyFolder() throws {
    let directory = TemporaryDirectory()
    let runs = directory.file("runs.csv"), sample = directory.file("s.trg"), tallies = directory.file("t.json")
    try "run,experiment,luminosity_pb,firmware\n5,8,0.05,cdc-merger-crate-off\n".write(toFile: runs, atomically: true, encoding: .utf8)
    let simulated = try run(["simulate", "--runs", runs, "--out", sample, "--processes", "mumu"], in: directory.path)
    #expect(simulated.status == 0, "\(simulated.error)")
    let ran = try run(["run", "--menu", "belle2-lowmult", "--runs", runs, "--input", sample, "--out", tallies], in: directory.path)
    #expect(ran.status == 0, "\(ran.error)")
    #expect(ran.output.contains("firmware by run: 5 cdc-merger-crate-off"))
    let written = try String(contentsOfFile: tallies, encoding: .utf8)
    #expect(written.contains(#""menu": "belle2-lowmult""#) || written.contains("belle2-lowmult"))
    let listed = try run(["menu", "list"], in: directory.path)
    #expect(listed.output.contains("belle2-lowmult") && listed.output.contains("belle2-2018-phase2"))
    let models = try run(["firmware", "list"], in: directory.path)
    #expect(models.output.contains("cdc-merger-crate-off") && models.output.contains("ideal"))
  }

  @Test func anUnknownMenuNameListsTheShippedMenusBeforeAnyWork() throws {
    let directory = TemporaryDirectory()
    let result = try run(["bench", "run", "--menu", "belle2-lowmul"], in: directory.path)
    #expect(result.status != 0)
    #expect(result.error.contains("Error: no menu file belle2-lowmul, and no shipped menu of that name (shipped: belle2-2018-phase2, belle2-lowmult)"))
    #expect(!result.output.contains("simulat"))
    let firmware = try run(["firmware", "show", "ideall"], in: directory.path)
    #expect(firmware.error.contains("Error: no firmware model file ideall, and no shipped firmware model of that name (shipped: belle2-2018-phase2, "))
  }

  @Test func simulateThenInspectShowsTheRunsAndProcesses() throws {
    let directory = TemporaryDirectory()
    let runs = directory.file("runs.csv"), out = directory.file("sample.trg")
    try "run,experiment,luminosity_pb,firmware\n11,8,0.05,ideal\n12,8,0.1,ideal\n".write(toFile: runs, atomically: true, encoding: .utf8)
    let simulated = try run(["simulate", "--runs", runs, "--out", out, "--processes", "mumu,tautau", "--seed", "3"])
    #expect(simulated.status == 0)
    #expect(simulated.output.contains("mumu (expected)"))
    let inspected = try run(["inspect", out, "--events", "0"])
    #expect(inspected.output.contains("metadata generator: trigemu simulate"))
    #expect(inspected.output.contains(" 11           8"))
    #expect(inspected.output.contains("mumu ") && inspected.output.contains("tautau "))
  }

  @Test func simulateRejectsUnknownProcessesBadScalesAndBadRunLists() throws {
    let directory = TemporaryDirectory()
    let out = directory.file("x.trg")
    let unknown = try run(["simulate", "--out", out, "--processes", "mumu,bhabha"])
    #expect(unknown.status != 0)
    #expect(unknown.error.contains(#"Error: process "bhabha": unknown process (known: ee, gg, mumu, tautau, eemumu, zprime@MASS, aprime@MASS, llp@MASS/CTAU)"#))
    let scale = try run(["simulate", "--out", out, "--scale", "ee=lots"])
    #expect(scale.error.contains("Error: --scale ee=lots: expected PROCESS=FRACTION with a positive number, e.g. ee=0.01"))
    let notSimulated = try run(["simulate", "--out", out, "--processes", "mumu", "--scale", "ee=0.1"])
    #expect(notSimulated.error.contains("Error: --scale ee=0.1: ee is not among the simulated processes (mumu)"))
    // A scale that would ask for more events than any count can hold is refused before simulating.
    let huge = try run(["simulate", "--out", out, "--processes", "zprime@1", "--scale", "zprime@1=1e30"])
    #expect(huge.status != 0 && huge.error.contains("Error: run 1001: zprime@1 would give 2e+30 events (σ × L × 1000 × scale = 0.001 nb × 2.0 pb⁻¹ × 1000 × 1e+30); at most 1e12 per run and process"), "\(huge.error)")
    let heavy = try run(["simulate", "--out", out, "--processes", "mumu", "--scale", "mumu=5e-7"])
    #expect(heavy.status != 0 && heavy.error.contains("Error: --scale mumu=5e-7: events kept at less than 1e-6 would weigh more than 10⁶, the most an event may stand for"))
    let runs = directory.file("bad.csv")
    try "run,experiment,luminosity_pb,firmware\n1,8,-3,ideal\n".write(toFile: runs, atomically: true, encoding: .utf8)
    let badRuns = try run(["simulate", "--runs", runs, "--out", out])
    #expect(badRuns.error.contains("Error: \(runs):2: luminosity_pb -3 is negative"))
    #expect(!FileManager.default.fileExists(atPath: out))
    let missing = try run(["runs", directory.file("nope.csv")])
    #expect(missing.error.contains("nope.csv: cannot read the file"))
  }

  @Test func runsDefaultPrintsTheEmbeddedList() throws {
    let result = try run(["runs", "--default"])
    #expect(result.status == 0)
    #expect(result.output.contains("run,experiment,luminosity_pb,firmware,beam_background\n1001,8,2.0,ideal,0.8"))
    #expect(result.output.contains("# 6 runs, 22.5 pb^-1"))
  }

  @Test func helpListsEverySubcommandWithItsAbstract() throws {
    let result = try run(["--help"])
    #expect(result.status == 0)
    let listing = result.output.components(separatedBy: "SUBCOMMANDS:").last ?? ""
    let lines = listing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    for command in Trigemu.configuration.subcommands {
      let name = command._commandName
      let firstWords = command.configuration.abstract.split(separator: " ").prefix(3).joined(separator: " ")
      #expect(lines.contains { $0.hasPrefix(name + " ") && $0.contains(firstWords) }, "\(name): \(firstWords)")
    }
    #expect(Trigemu.configuration.subcommands.count >= 18)
  }

  @Test func conditionsListsKindsAndWithHLTTheVariablesWithUnits() throws {
    let kinds = try run(["conditions", "cdc.two_track"])
    #expect(kinds.status == 0 && kinds.output.hasPrefix("cdc.two_track: "))
    let unknown = try run(["conditions", "cdc.three_track"])
    #expect(unknown.status != 0 && unknown.error.contains("unknown condition kind \"cdc.three_track\" (known: "))
    let variables = try run(["conditions", "--hlt"])
    #expect(variables.status == 0)
    let lines = variables.output.split(separator: "\n")
    #expect(lines.count == 2 + 16 && lines[0].hasPrefix("variable") && lines[2].hasPrefix("n_tracks "))
    #expect(variables.output.contains("e1_cm               GeV   the highest cluster energy in the CM frame"))
    #expect(variables.output.contains("n_tracks_displaced  –     displaced tracks"))
    let both = try run(["conditions", "--hlt", "cdc.two_track"])
    #expect(both.status != 0 && both.error.contains("--hlt lists the HLT variables; give no condition kind with it"))
  }
}

/// `trigemu run`, `merge` and `menu` on files.
@Suite struct RunCommandTests {
  let cli = CommandLineTests()

  /// The shipped low-multiplicity menu.
  static let menu = RepositoryFiles.path("trigger-menus/belle2-lowmult.yaml")

  /// A small simulated sample of two runs, written as one file and as one file per run.
  func sample(_ directory: TemporaryDirectory) throws -> (all: String, first: String, second: String) {
    let one = try SimulatedSamples.events(["mumu", "ee", "gg"], luminosityPb: 0.05, background: 1, scales: ["ee": 0.01], seed: 3)
    var two = try SimulatedSamples.events(["mumu", "ee", "gg"], luminosityPb: 0.05, background: 1, scales: ["ee": 0.01], seed: 4)
    for index in two.indices { two[index].header.run = 43 }
    let all = directory.file("all.trg"), first = directory.file("first.trg"), second = directory.file("second.trg")
    try EventFiles.write(one + two, to: all)
    try EventFiles.write(one, to: first)
    try EventFiles.write(two, to: second)
    return (all, first, second)
  }

  @Test func runGivesByteIdenticalTalliesWithOneAndTwoThreads() throws {
    let directory = TemporaryDirectory()
    let files = try sample(directory)
    let one = directory.file("one.json"), two = directory.file("two.json")
    #expect(try cli.run(["run", "--menu", Self.menu, "--input", files.all, "--out", one, "--threads", "1"]).status == 0)
    let result = try cli.run(["run", "--menu", Self.menu, "--input", files.all, "--out", two, "--threads", "2"])
    #expect(result.status == 0)
    #expect(result.output.contains("ffo "))
    #expect(try Data(contentsOf: URL(fileURLWithPath: one)) == Data(contentsOf: URL(fileURLWithPath: two)))
  }

  @Test func mergedTalliesOfARunSplitByRunEqualOnePassByteForByte() throws {
    let directory = TemporaryDirectory()
    let files = try sample(directory)
    let whole = directory.file("whole.json"), a = directory.file("a.json"), b = directory.file("b.json"), merged = directory.file("merged.json")
    for mode in ["counter", "random"] {
      #expect(try cli.run(["run", "--menu", Self.menu, "--input", files.first, "--input", files.second, "--out", whole, "--prescale-mode", mode]).status == 0)
      #expect(try cli.run(["run", "--menu", Self.menu, "--input", files.first, "--out", a, "--prescale-mode", mode]).status == 0)
      #expect(try cli.run(["run", "--menu", Self.menu, "--input", files.second, "--out", b, "--prescale-mode", mode]).status == 0)
      #expect(try cli.run(["merge", a, b, "-o", merged]).status == 0)
      #expect(try Data(contentsOf: URL(fileURLWithPath: whole)) == Data(contentsOf: URL(fileURLWithPath: merged)))
    }
    let text = try String(contentsOfFile: merged, encoding: .utf8)
    #expect(text.contains("\"run\": 42") && text.contains("\"run\": 43") && text.contains("\"menu_sha256\": \""))
  }

  @Test func mergingTalliesOfDifferentMenusIsRefused() throws {
    let directory = TemporaryDirectory()
    let files = try sample(directory)
    let a = directory.file("a.json"), b = directory.file("b.json")
    let phase2 = Self.menu.replacingOccurrences(of: "belle2-lowmult", with: "belle2-2018-phase2")
    #expect(try cli.run(["run", "--menu", Self.menu, "--input", files.first, "--out", a]).status == 0)
    #expect(try cli.run(["run", "--menu", phase2, "--input", files.second, "--out", b]).status == 0)
    let result = try cli.run(["merge", a, b, "-o", directory.file("m.json")])
    #expect(result.status != 0)
    #expect(result.error.contains("cannot merge tallies of different menus: belle2-lowmult"))
  }

  @Test func aBadMenuStopsTheRunBeforeAnyEventWithFileLineAndColumn() throws {
    let directory = TemporaryDirectory()
    let menu = directory.file("bad.yaml"), out = directory.file("out.json")
    try "name: bad\nbits:\n  e: {kind: ecl.energy_sum, parameters: {threshold: -1}}\nlines:\n  l: {expression: e}\n"
      .write(toFile: menu, atomically: true, encoding: .utf8)
    let result = try cli.run(["run", "--menu", menu, "--input", directory.file("missing.trg"), "--out", out])
    #expect(result.status != 0)
    #expect(result.error.contains("bad.yaml:3:53: bit e: ecl.energy_sum.threshold: -1 GeV is outside the allowed range 0–20 GeV"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func menuValidateShowAndDiffWork() throws {
    let phase2 = Self.menu.replacingOccurrences(of: "belle2-lowmult", with: "belle2-2018-phase2")
    let validate = try cli.run(["menu", "validate", Self.menu, phase2])
    #expect(validate.status == 0 && validate.output.contains("belle2-lowmult.yaml: valid"))
    let show = try cli.run(["menu", "show", phase2])
    #expect(show.output.contains("      minPt: 0.3  # GeV"))
    let diff = try cli.run(["menu", "diff", phase2, Self.menu])
    #expect(diff.output.contains("+ line lml6: single_photon_1"))
    #expect(diff.output.contains("~ line lowe: prescale 50 → 100"))
  }

  /// Every command that writes checks its output folders first: before the menu, the run list
  /// or any input is read (here none of them exists, and the output folder is what is named).
  @Test(arguments: [
    ["simulate", "--runs", "none.csv", "--out", "/no/such/folder/x.trg"],
    ["run", "--menu", "none.yaml", "--input", "none.trg", "--out", "/no/such/folder/x.json"],
    ["run", "--menu", "none.yaml", "--input", "none.trg", "--out", "x.json", "--decisions", "/no/such/folder/x.trgd"],
    ["merge", "none.json", "--out", "/no/such/folder/x.json"],
    ["convert", "none.trg", "/no/such/folder/x.jsonl"],
    ["decisions", "none.trgd", "--csv", "/no/such/folder/x.csv"],
    ["efficiency", "--menu", "none.yaml", "--input", "none.trg", "--line", "a", "--reference", "b", "--json", "/no/such/folder/x.json"],
    ["measure", "--menu", "none.yaml", "--correctionlib", "/no/such/folder/x.json"],
    ["rates", "--menu", "none.yaml", "--input", "none.trg", "--overlap-csv", "/no/such/folder/x.csv"],
    ["compare-menus", "none-a.yaml", "none-b.yaml", "--input", "none.trg", "--markdown", "/no/such/folder/x.md"],
    ["compare-firmware", "--menu", "none.yaml", "--input", "none.trg", "--firmware", "a", "--firmware", "b", "--line", "a", "--csv", "/no/such/folder/x.csv"],
    ["signal", "--menu", "none.yaml", "--process", "zprime@2", "--json", "/no/such/folder/x.json"],
    ["report", "none.json", "--html", "/no/such/folder/x.html"],
  ])
  func everyWritingCommandChecksItsOutputFolderBeforeReadingAnything(arguments: [String]) throws {
    let directory = TemporaryDirectory()
    let result = try cli.run(arguments, in: directory.path)
    let output = arguments.last!
    #expect(result.status == 1)
    #expect(result.error == "Error: \(output): cannot write here: the folder /no/such/folder does not exist\n")
    #expect(result.output.isEmpty)
  }
}

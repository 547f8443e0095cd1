import Foundation
import TestSupport
import Testing
import TriggerEvents

/// `trigemu rates` on a small simulated sample.
@Suite struct RatesCommandTests {
  let cli = CommandLineTests()

  /// μμ, Bhabhas (kept at 1 %, weight 100) and γγ in run 42 of 0.05 pb⁻¹, with its run list.
  func sample(_ directory: TemporaryDirectory) throws -> (input: String, runs: String) {
    let events = try SimulatedSamples.events(["mumu", "ee", "gg"], luminosityPb: 0.05, background: 1, scales: ["ee": 0.01], seed: 3)
    let input = directory.file("sample.trg"), runs = directory.file("runs.csv")
    try EventFiles.write(events, to: input)
    try "run,experiment,luminosity_pb,firmware,beam_background\n42,8,0.05,ideal,1\n".write(toFile: runs, atomically: true, encoding: .utf8)
    return (input, runs)
  }

  @Test func ratesPrintsLinesTotalAndOverlapsAndTheSameFromRunTallies() throws {
    let directory = TemporaryDirectory()
    let files = try sample(directory)
    let json = directory.file("rates.json"), csv = directory.file("rates.csv"), tallies = directory.file("tallies.json")
    let result = try cli.run([
      "rates", "--menu", RunCommandTests.menu, "--input", files.input, "--runs", files.runs, "--luminosity", "6.5e35", "--json", json, "--csv", csv,
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("trigemu rates: menu belle2-lowmult at L = 6.5e+35 cm^-2 s^-1"))
    #expect(result.output.contains("(0.050 pb^-1)"))
    #expect(result.output.contains("L1 total: ") && result.output.contains("budget 30.00 kHz"))
    #expect(result.output.contains("overlap (% of the row line's accepted rate):"))
    let rows = try #require(JSONFiles.rows(try JSONFiles.object(json), "rates"))
    let bhabha = try #require(rows.first { $0["line"] as? String == "bhabha" })
    // Barrel Bhabhas: tens of kHz before the prescale of 1000 (σ ≈ 74 nb in the ECL × 6.5·10³⁵).
    let raw = try #require(bhabha["raw_rate_hz"] as? Double), accepted = try #require(bhabha["rate_hz"] as? Double)
    #expect((10_000...80_000).contains(raw))
    #expect(accepted < raw / 100)
    let header = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")[0]
    #expect(header == "line,prescale,raw_rate_hz,raw_error_hz,rate_hz,error_hz,pure_rate_hz,pure_error_hz,share_pct,raw_events,accepted_events")
    // The same rates from the tallies of 'trigemu run'.
    #expect(try cli.run(["run", "--menu", RunCommandTests.menu, "--input", files.input, "--out", tallies]).status == 0)
    let again = try cli.run(["rates", "--tallies", tallies, "--runs", files.runs, "--luminosity", "6.5e35"])
    #expect(again.status == 0 && again.output == result.output.components(separatedBy: "wrote ")[0])
  }

  @Test func ratesWithoutTheRunsLuminosityOrWithBothSourcesSaysWhatToGive() throws {
    let directory = TemporaryDirectory()
    let files = try sample(directory)
    let missing = try cli.run(["rates", "--menu", RunCommandTests.menu, "--input", files.input])
    #expect(missing.status != 0)
    #expect(missing.error.contains("run 42 (experiment 8) is in the input but not in the run list (embedded default), so it has no luminosity"))
    let both = try cli.run(["rates", "--menu", RunCommandTests.menu, "--input", files.input, "--tallies", "t.json"])
    #expect(both.status != 0 && both.error.contains("give either --tallies, or --menu with --input, not both"))
    let zero = try cli.run(["rates", "--menu", RunCommandTests.menu, "--input", files.input, "--luminosity", "0"])
    #expect(zero.status != 0 && zero.error.contains("--luminosity must be a positive number of cm^-2 s^-1"))
  }
}

/// `trigemu compare-menus` on the two shipped menus.
@Suite struct CompareMenusCommandTests {
  let cli = CommandLineTests()

  @Test func theShippedMenusSideBySideFlagLinesOfOneMenuAndShowTheChanges() throws {
    let directory = TemporaryDirectory()
    let files = try RatesCommandTests().sample(directory)
    let phase2 = RepositoryFiles.path("trigger-menus/belle2-2018-phase2.yaml"), json = directory.file("compare.json")
    let result = try cli.run([
      "compare-menus", phase2, RunCommandTests.menu, "--input", files.input, "--runs", files.runs, "--json", json, "--process", "llp@0.5/5,aprime@3",
      "--signal-events", "400", "--signal-csv", directory.file("signal.csv"),
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("A = belle2-2018-phase2, B = belle2-lowmult on the same"))
    #expect(result.output.contains("~ line lowe: prescale 50 → 100") && result.output.contains("+ line dv: displaced_vertex && !bhabha_veto"))
    let object = try JSONFiles.object(json)
    #expect(object["format"] as? String == "trigemu-menu-comparison-2")
    let rows = try #require(JSONFiles.rows(object, "rates"))
    func row(_ line: String) throws -> [String: Any] { try #require(rows.first { $0["line"] as? String == line }) }
    // ffo is defined alike in both: the same rate, no difference.
    let ffo = try row("ffo")
    #expect(ffo["in"] as? String == "both" && ffo["rate_a_hz"] as? Double == ffo["rate_b_hz"] as? Double && ffo["rate_difference_hz"] as? Double == 0)
    // dv exists only in B: no A columns, and the difference is B's rate.
    let dv = try row("dv")
    #expect(dv["in"] as? String == "only B" && dv["rate_a_hz"] is NSNull && dv["rate_difference_hz"] as? Double == dv["rate_b_hz"] as? Double)
    // lowe's prescale doubles from A to B.
    let lowe = try row("lowe")
    #expect(lowe["prescale_a"] as? Double == 50 && lowe["prescale_b"] as? Double == 100)
    let total = try row("any line")
    let a = try #require(JSONFiles.summary(object, "a") as? [String: Any]), b = try #require(JSONFiles.summary(object, "b") as? [String: Any])
    #expect(total["rate_a_hz"] as? Double == a["total_hz"] as? Double && total["rate_b_hz"] as? Double == b["total_hz"] as? Double)
    #expect(total["pure_difference_hz"] is NSNull)
    // The HLT lines follow, with their stage; the kept row is each menu's HLT output.
    #expect(rows.map { $0["stage"] as? String }.firstIndex { $0?.hasPrefix("HLT") == true } == rows.firstIndex { $0["line"] as? String == "any line" }! + 1)
    let singlePhoton = try row("hlt_single_photon"), mumu = try row("hlt_mumu_2trk"), kept = try row("kept (L1 and HLT)")
    #expect(singlePhoton["stage"] as? String == "HLT filter" && singlePhoton["in"] as? String == "only B" && mumu["in"] as? String == "both")
    #expect(kept["rate_a_hz"] as? Double == a["hlt_kept_hz"] as? Double && kept["rate_b_hz"] as? Double == b["hlt_kept_hz"] as? Double)
    #expect((kept["rate_b_hz"] as? Double ?? 0) > 0 && (kept["rate_b_hz"] as? Double ?? 0) < (total["rate_b_hz"] as? Double ?? 0))
    #expect(result.output.contains("B: HLT output: "))
    // The same LLP events through both menus: lines defined alike agree, B's displaced-vertex line is B's own.
    let signal = try #require(JSONFiles.rows(object, "signal_efficiency"))
    func signalRow(_ line: String) throws -> [String: Any] { try #require(signal.first { $0["line"] as? String == line }) }
    let hie = try signalRow("hie")
    #expect(hie["process"] as? String == "llp@0.5/5" && hie["selection"] as? String == "displaced-pair")
    #expect(hie["efficiency_a_pct"] as? Double == hie["efficiency_b_pct"] as? Double && hie["difference_pct"] as? Double == 0)
    let dvSignal = try signalRow("dv")
    #expect(dvSignal["in"] as? String == "only B" && dvSignal["efficiency_a_pct"] is NSNull)
    let signalHeader = try String(contentsOfFile: directory.file("signal.csv"), encoding: .utf8).split(separator: "\n")[0]
    #expect(signalHeader == "process,selection,line,in,n,efficiency_a_pct,efficiency_b_pct,difference_pct")
    let menuRow = try signalRow("menu (any line, after prescales)")
    #expect((menuRow["efficiency_b_pct"] as? Double ?? 0) >= (menuRow["efficiency_a_pct"] as? Double ?? 100), "B adds lines that keep LLP decays")
    // Dark photons pass L1 in both menus, but only B's HLT has a single-photon filter to keep them.
    let keptPhotons = try #require(signal.first { $0["line"] as? String == "menu and HLT (kept)" && $0["process"] as? String == "aprime@3" })
    #expect(keptPhotons["efficiency_a_pct"] as? Double == 0 && (keptPhotons["efficiency_b_pct"] as? Double ?? 0) >= 90)
  }
}

/// `trigemu run` with the menu's HLT section.
@Suite struct HLTRunCommandTests {
  let cli = CommandLineTests()

  @Test func runShowsTheHLTLinesAndWhatTheHLTKeptPerRunAndTalliesThem() throws {
    let directory = TemporaryDirectory()
    let files = try RatesCommandTests().sample(directory)
    let out = directory.file("tallies.json")
    let result = try cli.run(["run", "--menu", RunCommandTests.menu, "--input", files.input, "--out", out])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("HLT on the ") && result.output.contains("hlt_mumu_2trk      filter"))
    #expect(result.output.contains("run  events  L1 accepted  HLT kept  HLT kept % of L1"))
    let object = try JSONFiles.object(out)
    #expect(object["format"] as? String == "trigemu-tallies-4")
    #expect((object["hlt_lines"] as? [String])?.first == "hlt_single_photon")
    let total = try #require(object["total"] as? [String: Any])
    let kept = try #require((total["hlt_kept"] as? [String: Any])?["events"] as? Int)
    let l1 = try #require(((total["any_line"] as? [String: Any])?["accepted"] as? [String: Any])?["events"] as? Int)
    let mumu = try #require(JSONFiles.lineEvents(total, "hlt_mumu_2trk", "accepted", hlt: true))
    let rejected = try #require(JSONFiles.lineEvents(total, "reject_empty", "accepted", hlt: true))
    // The HLT keeps no more than L1 accepted, and at least what the μμ filter accepted minus what the reject line threw away.
    #expect(kept <= l1 && mumu > 0 && kept >= mumu - rejected)
  }
}

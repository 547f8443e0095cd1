import Foundation
import TestSupport
import Testing
import TriggerEvents

/// `trigemu efficiency` and `trigemu measure` as a user runs them.
@Suite struct EfficiencyCommandTests {
  let cli = CommandLineTests()
  static let menu = RepositoryFiles.path("trigger-menus/belle2-lowmult.yaml")

  /// A μμ sample of run 42 and a run list giving it 1.5 pb⁻¹.
  func sample(_ directory: TemporaryDirectory) throws -> (events: String, runs: String) {
    let events = directory.file("mumu.trg"), runs = directory.file("runs.csv")
    try EventFiles.write(try SimulatedSamples.events(["mumu"], luminosityPb: 1.5, background: 1, seed: 9), to: events)
    try "run,experiment,luminosity_pb,firmware\n42,8,1.5,ideal\n".write(toFile: runs, atomically: true, encoding: .utf8)
    return (events, runs)
  }

  @Test func efficiencyPrintsTheReportAndWritesEveryRequestedFile() throws {
    let directory = TemporaryDirectory()
    let files = try sample(directory)
    let yields = directory.file("yields.csv")
    try "process,recoil_mass_low_gev,recoil_mass_high_gev,yield,yield_error\nzprime@2,1.5,2.5,120,11\n".write(toFile: yields, atomically: true, encoding: .utf8)
    let out = ["md", "csv", "json", "corr", "yields"].map { directory.file("out.\($0)") }
    let result = try cli.run([
      "efficiency", "--menu", Self.menu, "--input", files.events, "--runs", files.runs, "--line", "ffo", "--reference", "hie",
      "--bins", "theta:37,60,90,120", "--bins", "pt", "--interval", "wilson", "--markdown", out[0], "--csv", out[1], "--json", out[2],
      "--correctionlib", out[3], "--yields", yields, "--yields-out", out[4],
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("ffo measured against hie on zprime-mumu events"))
    #expect(result.output.contains("wilson intervals at 68.27 % CL"))
    #expect(result.output.contains("good runs: 1 of 1, 1.50 pb^-1"))
    #expect(result.output.contains("ε(ffo) = "))
    #expect(result.output.contains("truth: ε(ffo) on all selected events = "))
    #expect(result.output.contains("expected yields × trigger efficiency"))
    let csv = try String(contentsOfFile: out[1], encoding: .utf8).components(separatedBy: "\n")
    #expect(csv[0] == "line,reference,run,experiment,firmware,luminosity_pb,k,n,efficiency,lower,upper,truth_k,truth_n,truth_efficiency,status")
    #expect(csv[1].hasPrefix("ffo,hie,42,8,ideal,1.5,") && csv[1].hasSuffix(",good"))
    let json = try JSONFiles.object(out[2])
    #expect(json["format"] as? String == "trigemu-efficiency-2" && JSONFiles.summary(json, "interval") as? String == "wilson")
    let bins = try #require(JSONFiles.rows(json, "bins"))
    #expect(bins.count == 3 + 7)
    let markdown = try String(contentsOfFile: out[0], encoding: .utf8)
    #expect(markdown.contains("| line | reference | run |") && markdown.contains("### Systematic"))
    let corrections = try String(contentsOfFile: out[3], encoding: .utf8)
    #expect(corrections.contains("\"schema_version\": 2") && corrections.contains("\"name\": \"ffo_efficiency_theta\""))
    let scaled = try String(contentsOfFile: out[4], encoding: .utf8)
    #expect(scaled.hasPrefix("process,recoil_mass_low_gev,recoil_mass_high_gev,yield,yield_error,trigger_line,trigger_efficiency,scaled_yield,"))
  }

  @Test func anHLTLineIsMeasuredAgainstAnL1ReferenceAndAnL1LineAgainstAnHLTReference() throws {
    let directory = TemporaryDirectory()
    let files = try sample(directory)
    let json = directory.file("hlt.json")
    let hlt = try cli.run([
      "efficiency", "--menu", Self.menu, "--input", files.events, "--runs", files.runs, "--line", "hlt_mumu_2trk", "--reference", "stt", "--json", json,
    ])
    #expect(hlt.status == 0, "\(hlt.error)")
    #expect(hlt.output.contains("hlt_mumu_2trk measured against stt on zprime-mumu events"))
    let summary = try #require(
      JSONFiles.rows(try JSONFiles.object(json), "summary"))
    let measured = try #require(summary.first?["efficiency"] as? Double), truth = try #require(summary.first?["truth_efficiency"] as? Double)
    #expect(measured > 0.95 && abs(measured - truth) < 0.02, "measured \(measured), truth \(truth)")
    let l1 = try cli.run(["efficiency", "--menu", Self.menu, "--input", files.events, "--runs", files.runs, "--line", "ffo", "--reference", "hlt_mumu_2trk"])
    #expect(l1.status == 0 && l1.output.contains("ffo measured against hlt_mumu_2trk") && l1.output.contains("ε(ffo) = "))
    let unknown = try cli.run(["efficiency", "--menu", Self.menu, "--input", files.events, "--runs", files.runs, "--line", "hlt_ee", "--reference", "hie"])
    #expect(unknown.status != 0 && unknown.error.contains("--line 'hlt_ee' is not a line of menu belle2-lowmult") && unknown.error.contains("; HLT: hlt_single_photon, "))
  }

  @Test func aRunWithoutLuminosityStopsWithItsNumberAndWritesNothing() throws {
    let directory = TemporaryDirectory()
    let files = try sample(directory)
    let csv = directory.file("out.csv")
    let arguments = ["efficiency", "--menu", Self.menu, "--input", files.events, "--line", "ffo", "--reference", "hie", "--csv", csv]
    let result = try cli.run(arguments)
    #expect(result.status != 0)
    #expect(result.error.contains(
      "Error: run 42 (experiment 8) is in the input but not in the run list (embedded default), so it has no luminosity; add it to the run list, or exclude such runs with --exclude-unlisted-runs"))
    #expect(!FileManager.default.fileExists(atPath: csv))
    let excluded = try cli.run(arguments + ["--exclude-unlisted-runs"])
    #expect(excluded.status == 0)
    #expect(excluded.output.contains("good runs: 0 of 1, 0.00 pb^-1; dropped: 42 (not in the run list)"))
    #expect(excluded.output.contains("ε(ffo) is undefined: no good run"))
    // Nothing to export or scale by when the efficiency is undefined; no file is left behind.
    let corrections = directory.file("out.corr.json"), yields = directory.file("yields.csv")
    try "process,recoil_mass_low_gev,recoil_mass_high_gev,yield\nmumu,1,2,5\n".write(toFile: yields, atomically: true, encoding: .utf8)
    let export = try cli.run(arguments + ["--exclude-unlisted-runs", "--correctionlib", corrections])
    #expect(export.status != 0)
    #expect(export.error.contains("Error: --correctionlib: the efficiency of ffo is undefined (no good runs); nothing to export"))
    #expect(!FileManager.default.fileExists(atPath: corrections))
    let scaled = try cli.run(arguments + ["--exclude-unlisted-runs", "--yields", yields])
    #expect(scaled.status != 0)
    #expect(scaled.error.contains("Error: cannot scale yields: the efficiency of ffo is undefined (no good runs)"))
  }

  @Test func badOptionsAreRefusedWithTheReason() throws {
    let directory = TemporaryDirectory()
    let files = try sample(directory)
    let base = ["efficiency", "--menu", Self.menu, "--input", files.events, "--runs", files.runs, "--line", "ffo", "--reference", "hie"]
    let cases: [([String], String)] = [
      (["--interval", "bayes"], "The value 'bayes' is invalid for '--interval <interval>'. Please provide one of 'clopper-pearson', 'wilson' or 'jeffreys'."),
      (["--cl", "1.5"], "--cl must be between 0 and 1 (exclusive), not 1.5"),
      (["--bins", "eta:0,1"], "--bins eta:0,1: unknown variable 'eta'; the variables are theta, pt, phi, cdc_hits"),
      (["--selection", "mumu"], "The value 'mumu' is invalid for '--selection <selection>'. Please provide one of 'zprime-mumu', 'emu', 'mumu-gamma', 'two-track' or 'all'."),
      (["--yields-out", directory.file("y.csv")], "--yields-out needs --yields, the table of expected yields to scale"),
      (["--min-efficiency", "1.5"], "--min-efficiency must be a fraction in 0–1, not 1.5"),
      (["--min-reference", "0"], "--min-reference and --min-bin-reference must be at least 1"),
    ]
    for (extra, message) in cases {
      let result = try cli.run(base + extra)
      #expect(result.status != 0)
      #expect(result.error.contains(message), "\(extra): \(result.error)")
    }
  }

  @Test func measureRunsTheWholeChainOnARunListAndDropsTheRunWithDegradedFirmware() throws {
    let directory = TemporaryDirectory()
    let runs = directory.file("runs.csv")
    try "run,experiment,luminosity_pb,firmware\n7,8,0.6,ideal\n8,8,0.4,cdc-merger-crate-off\n9,8,0.4,ideal\n".write(toFile: runs, atomically: true, encoding: .utf8)
    let result = try cli.run([
      "measure", "--menu", Self.menu, "--runs", runs, "--threads", "2", "--json", directory.file("m.json"), "--firmware-dir", RepositoryFiles.path("firmware-models"),
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("trigemu measure: "))
    #expect(result.output.contains("ffo measured against hie on zprime-mumu events"))
    #expect(result.output.contains("hie measured against ffo on mumu-gamma events"))
    // Run 8 ran with half the CDC trigger off: dropped by good-run selection, for both lines.
    #expect(result.output.contains("good runs: 2 of 3, 1.00 pb^-1; dropped: 8 (ε = "))
    #expect(result.output.contains("dropped: 8 (not a good run of ffo)"))
    #expect(result.output.contains(" 8           8  cdc-merger-crate-off "))
    #expect(result.output.contains("reference bias (orthogonal − truth)"))
    let json = try JSONFiles.object(directory.file("m.json"))
    #expect(JSONFiles.rows(json, "summary")?.map { $0["line"] as? String } == ["ffo", "hie"])
  }
}

/// `trigemu firmware`, `trigemu run --firmware` and `trigemu compare-firmware` as a user runs them.
@Suite struct FirmwareCommandTests {
  let cli = CommandLineTests()
  static let models = RepositoryFiles.path("firmware-models")
  static let menu = RepositoryFiles.path("trigger-menus/belle2-2018-phase2.yaml")

  @Test func firmwareValidateAcceptsTheShippedModelsAndNamesTheProblemInABadOne() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.models).filter { $0.hasSuffix(".yaml") }.sorted().map { Self.models + "/" + $0 }
    let good = try cli.run(["firmware", "validate", "--menu", Self.menu] + files)
    #expect(good.status == 0, "\(good.error)")
    #expect(good.output.contains("belle2-2018-phase2.yaml: valid (belle2-2018-phase2: 3 faults, runs 3:*, fits menu belle2-2018-phase2)"))
    let directory = TemporaryDirectory()
    let bad = directory.file("bad.yaml")
    try "name: bad\nfaults:\n  - {kind: cdc.dead_segments, parameters: {phiMax: 400 deg}}\n".write(toFile: bad, atomically: true, encoding: .utf8)
    let result = try cli.run(["firmware", "validate", bad])
    #expect(result.status != 0)
    #expect(result.error.contains("bad.yaml:3:52: fault 1 (cdc.dead_segments): cdc.dead_segments.phiMax: 400 deg is outside the allowed range 0–360 deg"))
    let faults = try cli.run(["firmware", "faults", "klm.dead_sectors"])
    #expect(faults.output.contains("klm.dead_sectors [processor internals]") && faults.output.contains("barrel | forward | backward"))
  }

  @Test func runAppliesTheModelAndRecordsItPerRunWithItsHash() throws {
    let directory = TemporaryDirectory()
    let sample = directory.file("mumu.trg"), out = directory.file("t.json"), ideal = directory.file("i.json")
    try EventFiles.write(try SimulatedSamples.events(["mumu"], luminosityPb: 0.5, background: 1, seed: 2), to: sample)
    let result = try cli.run(["run", "--menu", Self.menu, "--input", sample, "--out", out, "--firmware", "belle2-2018-phase2", "--firmware-dir", Self.models])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("firmware by run: 42 belle2-2018-phase2"))
    #expect(try cli.run(["run", "--menu", Self.menu, "--input", sample, "--out", ideal, "--firmware-dir", Self.models]).status == 0)
    let tallies = try JSONFiles.object(out)
    let provenance = try #require(tallies["provenance"] as? [String: Any])
    #expect(provenance["firmware"] as? String == "belle2-2018-phase2")
    #expect(provenance["firmware_sha256"] as? String == (try SHA256.hex(ofFile: Self.models + "/belle2-2018-phase2.yaml")))
    #expect((tallies["runs"] as? [[String: Any]])?.first?["firmware"] as? String == "belle2-2018-phase2")
    func ffo(_ path: String) throws -> Int {
      let total = try #require(try JSONFiles.object(path)["total"] as? [String: Any])
      return try #require(JSONFiles.lineEvents(total, "ffo", "raw"))
    }
    #expect(try ffo(out) < ffo(ideal))
    let missing = try cli.run(["run", "--menu", Self.menu, "--input", sample, "--out", out, "--firmware", "phase9", "--firmware-dir", Self.models])
    #expect(missing.status != 0 && missing.error.contains("Error: --firmware phase9: no firmware model file \(Self.models)/phase9.yaml (known: belle2-2018-phase2,"))
  }

  @Test func compareFirmwarePrintsBothModelsAndWritesItsTables() throws {
    let directory = TemporaryDirectory()
    let sample = directory.file("mumu.trg"), json = directory.file("c.json"), csv = directory.file("c.csv")
    try EventFiles.write(try SimulatedSamples.events(["mumu"], luminosityPb: 0.5, background: 1, seed: 2), to: sample)
    let result = try cli.run([
      "compare-firmware", "--menu", Self.menu, "--input", sample, "--firmware", "ideal", "--firmware", "belle2-2018-phase2",
      "--firmware-dir", Self.models, "--selection", "ffo=zprime-mumu", "--selection", "hie=mumu-gamma", "--json", json, "--csv", csv,
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("firmware ideal vs belle2-2018-phase2"))
    #expect(result.output.contains("ffo on zprime-mumu events: events it fired on by the leading track's φ (deg)"))
    #expect(result.output.contains("ratio belle2-2018-phase2/ideal"))
    let csvLines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
    #expect(csvLines.first == "line,reference,selection,firmware,k,n,efficiency_pct,lower_pct,upper_pct,truth_k,truth_n,truth_efficiency_pct,truth_lower_pct,truth_upper_pct")
    #expect(csvLines.count == 5)
    let parsed = try JSONFiles.object(json)
    #expect((JSONFiles.summary(parsed, "firmware") as? [[String: Any]])?.map { $0["name"] as? String } == ["ideal", "belle2-2018-phase2"])
    let one = try cli.run(["compare-firmware", "--menu", Self.menu, "--input", sample, "--firmware", "ideal"])
    #expect(one.status != 0 && one.error.contains("give --firmware at least twice"))
  }
}

import Foundation
import TestSupport
import Testing
import TriggerAnalysis
import TriggerEmulation
import TriggerEvents
import TriggerSimulation
import TriggerSupport

/// Efficiencies measured through the whole chain on simulated samples: prescales, truth, export.
@Suite struct EfficiencyPipelineTests {
  /// A μμ sample (3 pb⁻¹, nominal background) in a .trg file, shared by the tests.
  static let sample: (directory: TemporaryDirectory, path: String) = {
    let directory = TemporaryDirectory()
    let path = directory.file("mumu.trg")
    try! EventFiles.write(try! SimulatedSamples.events(["mumu"], luminosityPb: 3, background: 1), to: path)
    return (directory, path)
  }()

  static let shippedMenu = RepositoryFiles.path("trigger-menus/belle2-lowmult.yaml")

  /// The shipped menu with `line`'s prescale replaced, written next to the sample.
  func menu(prescaling line: String, by prescale: String) throws -> String {
    var lines = try String(contentsOfFile: Self.shippedMenu, encoding: .utf8).components(separatedBy: "\n")
    let start = try #require(lines.firstIndex(of: "  \(line):"))
    let prescaleLine = try #require(lines[start...].firstIndex { $0.hasPrefix("    prescale:") })
    lines[prescaleLine] = "    prescale: \(prescale)"
    let path = Self.sample.directory.file("menu-\(line)-\(prescale).yaml")
    try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func counts(menu path: String, mode: PrescaleMode = .counter, question: EfficiencyQuestion? = nil) throws -> EfficiencyCounts {
    let registry = PluginRegistry()
    let menu = try TriggerMenu(path: path, registry: registry)
    let question = question ?? EfficiencyQuestion(line: "ffo", reference: "hie", selection: .zPrimeDimuon)
    return try EfficiencyCounts.collect([question], menu: menu, registry: registry, inputs: [Self.sample.path], mode: mode, threads: 2)[0]
  }

  @Test func theProbeIsCountedBeforeItsPrescaleAndTheReferenceAfterIts() throws {
    let plain = try counts(menu: Self.shippedMenu).runs[0].total
    #expect(plain.reference > 200)
    // A prescaled probe changes nothing: it is read before its prescale.
    for mode in [PrescaleMode.counter, .random(seed: 3)] {
      #expect(try counts(menu: menu(prescaling: "ffo", by: "3"), mode: mode).runs[0].total == plain)
    }
    // A prescaled reference keeps about half of the reference events (and only those), and
    // leaves the truth counts alone.
    for mode in [PrescaleMode.counter, .random(seed: 3)] {
      let halved = try counts(menu: menu(prescaling: "hie", by: "2"), mode: mode).runs[0].total
      #expect(halved.selected == plain.selected && halved.probeFired == plain.probeFired)
      let fraction = Double(halved.reference) / Double(plain.reference)
      #expect(fraction > 0.4 && fraction < 0.6, "kept \(fraction) of the reference events with prescale 2 (\(mode))")
      #expect(halved.both <= plain.both && halved.both >= halved.reference - (plain.reference - plain.both))
    }
  }

  @Test func theOrthogonalMethodAgreesWithTheTruthOnSimulatedDimuons() throws {
    let registry = PluginRegistry()
    let menu = try TriggerMenu(path: Self.shippedMenu, registry: registry)
    let runList = RunList(runs: [RunInfo(run: 42, experiment: 8, luminosityPb: 3)])
    let questions = [
      EfficiencyQuestion(line: "ffo", reference: "hie", selection: .zPrimeDimuon),
      EfficiencyQuestion(line: "hie", reference: "ffo", selection: .dimuonPhoton),
    ]
    let results = try EfficiencyJob.measure(
      questions, menu: menu, registry: registry, inputs: [Self.sample.path], runList: runList, runListName: "test", options: EfficiencyOptions(),
      goodRunsFromFirst: true, threads: 2)
    for result in results {
      let measured = try #require(result.weighted), truth = try #require(result.weightedTruth)
      print("\(result.line) vs \(result.reference) on \(result.selection.name): measured \(measured.efficiency) (n = \(result.pooled.n)), truth \(truth.efficiency) (n = \(result.pooledTruth.n))")
      #expect(result.pooled.n > 100)
      #expect(abs(measured.efficiency - truth.efficiency) < 0.02, "the reference bias is small for orthogonal lines")
      #expect(truth.efficiency > 0.95, "ideal firmware: docs/physics.md's lines fire on ≥ 95 % of these events")
    }
  }

  @Test func anHLTLineAgainstAnL1ReferenceAgreesWithItsTruthOnSimulatedDimuons() throws {
    let registry = PluginRegistry()
    let menu = try TriggerMenu(path: Self.shippedMenu, registry: registry)
    let runList = RunList(runs: [RunInfo(run: 42, experiment: 8, luminosityPb: 3)])
    let result = try EfficiencyJob.measure(
      [EfficiencyQuestion(line: "hlt_mumu_2trk", reference: "stt", selection: .zPrimeDimuon)], menu: menu, registry: registry,
      inputs: [Self.sample.path], runList: runList, runListName: "test", options: EfficiencyOptions(), goodRunsFromFirst: false, threads: 2)[0]
    let measured = try #require(result.weighted), truth = try #require(result.weightedTruth)
    print("hlt_mumu_2trk vs stt: measured \(measured.efficiency) (n = \(result.pooled.n)), truth \(truth.efficiency) (n = \(result.pooledTruth.n))")
    #expect(result.pooled.n > 100 && result.pooledTruth.n > result.pooled.n)
    #expect(abs(measured.efficiency - truth.efficiency) < 0.02)
    #expect(truth.efficiency > 0.95, "the μμ filter keeps radiative μμ too (one energetic cluster allowed)")
  }

  @Test func unknownLinesAreNamedWithTheMenusLines() throws {
    let question = EfficiencyQuestion(line: "cdc2", reference: "hie", selection: .zPrimeDimuon)
    #expect(throws: LocatedError.self) { try counts(menu: Self.shippedMenu, question: question) }
    do {
      _ = try counts(menu: Self.shippedMenu, question: question)
    } catch let error as LocatedError {
      #expect(error.message.hasPrefix("--line 'cdc2' is not a line of menu belle2-lowmult (\(Self.shippedMenu)); its lines are L1: ffo, ff, hie"))
    }
    #expect(throws: LocatedError("the reference line must differ from the measured line (both are 'hie')")) {
      try counts(menu: Self.shippedMenu, question: EfficiencyQuestion(line: "hie", reference: "hie", selection: .all))
    }
  }

  /// Whether Python's correctionlib is importable; CI installs it and sets TRIGEMU_REQUIRE_CORRECTIONLIB=1.
  static let correctionlibRequired = ProcessInfo.processInfo.environment["TRIGEMU_REQUIRE_CORRECTIONLIB"] == "1"
  static let correctionlibAvailable = Python.hasModule("correctionlib")

  @Test(.enabled(if: correctionlibRequired || correctionlibAvailable, "needs Python's correctionlib (pip install correctionlib)"))
  func correctionlibLoadsTheExportAndEvaluatesTheSameEfficiencies() throws {
    let registry = PluginRegistry()
    let menu = try TriggerMenu(path: Self.shippedMenu, registry: registry)
    let runList = RunList(runs: [RunInfo(run: 42, experiment: 8, luminosityPb: 3)])
    let result = try EfficiencyJob.measure(
      [EfficiencyQuestion(line: "ffo", reference: "hie", selection: .zPrimeDimuon)], menu: menu, registry: registry, inputs: [Self.sample.path],
      runList: runList, runListName: "test", options: EfficiencyOptions(), goodRunsFromFirst: false, threads: 2)[0]
    let path = Self.sample.directory.file("ffo.corr.json")
    try Data(CorrectionlibExport.jsonBytes([result], description: "test")).write(to: URL(fileURLWithPath: path))
    let theta = try #require(result.binned.first { $0.binning.variable == .theta })
    let centres = theta.bins.map { ($0.low + $0.high) / 2 }
    let script = """
      import correctionlib, json, sys
      cset = correctionlib.CorrectionSet.from_file(sys.argv[1])
      out = {"names": sorted(cset.keys())}
      for side in ["nominal", "up", "down"]:
          out[side] = cset["ffo_efficiency"].evaluate(side)
          out["theta_" + side] = [cset["ffo_efficiency_theta"].evaluate(x, side) for x in \(centres)]
      try:
          cset["ffo_efficiency_theta"].evaluate(10.0, "nominal")
          out["outside"] = "value"
      except Exception as error:
          out["outside"] = "error"
      print(json.dumps(out))
      """
    let python = try Python.run(script, arguments: [path])
    #expect(python.status == 0, "\(python.error)")
    let values = try #require(try JSONSerialization.jsonObject(with: Data(python.output.utf8)) as? [String: Any])
    #expect(values["names"] as? [String] == ["ffo_efficiency", "ffo_efficiency_cdc_hits", "ffo_efficiency_phi", "ffo_efficiency_pt", "ffo_efficiency_theta"])
    let nominal = try #require(values["nominal"] as? Double), up = try #require(values["up"] as? Double), down = try #require(values["down"] as? Double)
    let weighted = try #require(result.weighted)
    #expect(abs(nominal - weighted.efficiency) < 1e-12)
    let syst = result.relativeSystematic! * weighted.efficiency
    #expect(abs(up - min(1, weighted.efficiency + (weighted.statUp * weighted.statUp + syst * syst).squareRoot())) < 1e-12)
    #expect(abs(down - (weighted.efficiency - (weighted.statDown * weighted.statDown + syst * syst).squareRoot())) < 1e-12)
    let binned = try #require(values["theta_nominal"] as? [Double])
    for (value, bin) in zip(binned, theta.bins) { #expect(abs(value - (bin.measured.efficiency ?? weighted.efficiency)) < 1e-12) }
    let binnedUp = try #require(values["theta_up"] as? [Double]), binnedDown = try #require(values["theta_down"] as? [Double])
    #expect(zip(zip(binnedDown, binned), binnedUp).allSatisfy { $0.0 <= $0.1 && $0.1 <= $1 })
    #expect(values["outside"] as? String == "error", "θ outside the edges is an error, not a silent value")
  }
}

/// Hand-built events through the whole chain, with k and n counted by hand.
@Suite struct HandBuiltEfficiencyTests {
  /// An event of `run` with one track (so the `all` selection keeps it, unless `track` is false)
  /// and `energyGeV` in one barrel trigger cell.
  func event(run: UInt32, number: UInt32, energyGeV: Float, track: Bool = true, d0Cm: Float = 0) -> Event {
    var event = Event(header: EventHeader(experiment: 8, run: run, eventNumber: number, process: .data, weight: 1))
    event.eclHits = [ECLTriggerCellHit(cellId: 200, energyGeV: energyGeV, timeNs: 0)]
    if track { event.tracks = [Track(charge: 1, cdcHitCount: 54, pGeV: 2, thetaRad: 1.2, phiRad: 0.3, d0Cm: d0Cm, z0Cm: 0)] }
    return event
  }

  @Test func anHLTLineIsMeasuredOnTheEventsL1AcceptedAndItsTruthOnEveryEvent() throws {
    let directory = TemporaryDirectory()
    let menuPath = directory.file("menu.yaml"), input = directory.file("events.trg")
    try """
      name: energy-and-hlt
      bits:
        above_1: {kind: ecl.energy_sum, parameters: {threshold: 1 GeV}}
        above_0p5: {kind: ecl.energy_sum, parameters: {threshold: 500 MeV}}
      lines:
        e1: {expression: above_1, prescale: 1}
        e05: {expression: above_0p5, prescale: 1}
      hlt:
        lines:
          good_track: {kind: filter, cut: "n_tracks == 1"}
      """.write(toFile: menuPath, atomically: true, encoding: .utf8)
    // 3 events above 1 GeV with a good track, 2 at 0.7 GeV with a displaced track (|d0| = 5 cm,
    // not a good track), 4 at 0.2 GeV (no L1 line) with a good track.
    var events: [Event] = []
    for (energy, d0, count) in [(Float(1.6), Float(0), 3), (0.7, 5, 2), (0.2, 0, 4)] {
      for _ in 0..<count { events.append(event(run: 1, number: UInt32(events.count + 1), energyGeV: energy, d0Cm: d0)) }
    }
    try EventFiles.write(events, to: input)
    let registry = PluginRegistry()
    let menu = try TriggerMenu(path: menuPath, registry: registry)
    let counts = try EfficiencyCounts.collect(
      [
        EfficiencyQuestion(line: "good_track", reference: "e05", selection: .all),
        EfficiencyQuestion(line: "e1", reference: "good_track", selection: .all),
      ], menu: menu, registry: registry, inputs: [input], threads: 2)
    // The HLT line against an L1 reference: n = the 5 events e05 accepted, k = the 3 with a good
    // track; the truth counts the cut on all 9 selected events, the 4 L1 rejected included.
    #expect(counts[0].runs.map(\.total) == [EfficiencyCounts.Cell(selected: 9, probeFired: 7, reference: 5, both: 3)])
    // An L1 line against an HLT reference: only events L1 accepted can be HLT-accepted (3).
    #expect(counts[1].runs.map(\.total) == [EfficiencyCounts.Cell(selected: 9, probeFired: 3, reference: 3, both: 3)])
    #expect(throws: LocatedError("--line 'hlt_gg' is not a line of menu energy-and-hlt (\(menuPath)); its lines are L1: e1, e05; HLT: good_track")) {
      try EfficiencyCounts.collect(
        [EfficiencyQuestion(line: "hlt_gg", reference: "e05", selection: .all)], menu: menu, registry: registry, inputs: [input], threads: 1)
    }
  }

  @Test func kAndNCountTheEventsWhereTheLinesFire() throws {
    let directory = TemporaryDirectory()
    let menuPath = directory.file("menu.yaml"), input = directory.file("events.trg")
    try """
      name: energy-pair
      bits:
        above_1: {kind: ecl.energy_sum, parameters: {threshold: 1 GeV}}
        above_0p5: {kind: ecl.energy_sum, parameters: {threshold: 500 MeV}}
      lines:
        e1: {expression: above_1, prescale: 1}
        e05_only: {expression: above_0p5 && !above_1, prescale: 1}
        e05: {expression: above_0p5, prescale: 1}
      """.write(toFile: menuPath, atomically: true, encoding: .utf8)
    // Run 1: 3 events above 1 GeV, 2 between 0.5 and 1 GeV, 4 below 0.5 GeV, 1 above 1 GeV without a track.
    // Run 2: 1 event above 1 GeV, 5 between.
    var events: [Event] = []
    var number: UInt32 = 0
    func add(_ run: UInt32, _ energy: Float, _ count: Int, track: Bool = true) {
      for _ in 0..<count {
        number += 1
        events.append(event(run: run, number: number, energyGeV: energy, track: track))
      }
    }
    add(1, 1.6, 3); add(1, 0.7, 2); add(1, 0.2, 4); add(1, 2.0, 1, track: false)
    add(2, 1.3, 1); add(2, 0.8, 5)
    try EventFiles.write(events, to: input)
    let registry = PluginRegistry()
    let menu = try TriggerMenu(path: menuPath, registry: registry)
    let counts = try EfficiencyCounts.collect(
      [EfficiencyQuestion(line: "e1", reference: "e05", selection: .all), EfficiencyQuestion(line: "e05_only", reference: "e1", selection: .all)],
      menu: menu, registry: registry, inputs: [input], threads: 2)
    // e1 against e05: n = events above 0.5 GeV with a track, k = those above 1 GeV.
    #expect(counts[0].runs.map(\.total) == [
      EfficiencyCounts.Cell(selected: 9, probeFired: 3, reference: 5, both: 3), EfficiencyCounts.Cell(selected: 6, probeFired: 1, reference: 6, both: 1),
    ])
    // Lines that never fire together: k = 0 whatever n is.
    #expect(counts[1].runs.map(\.total.both) == [0, 0])
    #expect(counts[1].runs.map(\.total.reference) == [3, 1])
    let runList = RunList(runs: [RunInfo(run: 1, experiment: 8, luminosityPb: 1), RunInfo(run: 2, experiment: 8, luminosityPb: 3)])
    var options = EfficiencyOptions()
    options.minimumReferenceEvents = 1
    options.minimumRunEfficiency = 0
    let result = try EfficiencyMeasurement(counts: counts[0], runList: runList, runListName: "test", options: options)
    #expect(abs(result.weighted!.efficiency - (0.6 * 1 + (1.0 / 6) * 3) / 4) < 1e-15)
    #expect(result.pooled.k == 4 && result.pooled.n == 11)
  }
}

/// Weighted sums that no longer fit the tallies stop `trigemu run` with the run and event.
@Suite struct TallyLimitTests {
  @Test func aRunWhoseSquaredWeightsPassTheLimitStopsWithTheRunAndEvent() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("heavy.trg")
    // μ pairs at weight 10⁶, the most an event may carry: each event a line fires on adds 10¹²
    // to that line's Σw² (10¹⁸ in 10⁻⁶ units), so the tenth passes 2⁶³.
    let events = try SimulatedSamples.events(["mumu"], luminosityPb: 0.05).map { event -> Event in
      var heavy = event
      heavy.header.weight = 1e6
      return heavy
    }
    try #require(events.count > 20)
    try EventFiles.write(events, to: path)
    let registry = PluginRegistry()
    let menu = try TriggerMenu(named: "belle2-lowmult", registry: registry)
    do {
      _ = try TriggerTallies.collect(menu: menu, registry: registry, inputs: [path], mode: .counter, threads: 1)
      Issue.record("tallies of \(events.count) events of weight 10⁶ were taken as exact")
    } catch let error as LocatedError {
      #expect(error.message.hasPrefix("run 42 event "))
      #expect(error.message.hasSuffix(
        ": the run's sum of weights or of squared weights passed 9200000000000.0, the most the tallies hold (64 bits in 10⁻⁶ units); simulate with smaller event weights (a larger --scale)"))
    }
    // Nine such events fit.
    try EventFiles.write(Array(events.prefix(9)), to: path)
    _ = try TriggerTallies.collect(menu: menu, registry: registry, inputs: [path], mode: .counter, threads: 1)
  }
}

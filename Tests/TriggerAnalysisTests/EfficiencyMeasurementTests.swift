import Foundation
import Testing
import TriggerEvents
import TriggerSimulation

@testable import TriggerAnalysis
import TriggerSupport

/// Efficiencies from hand-filled counts, against values computed by hand.
@Suite struct EfficiencyMeasurementTests {
  static let theta = Binning(variable: .theta, edges: [40, 60, 80, 100])
  static let question = EfficiencyQuestion(line: "ffo", reference: "hie", selection: .zPrimeDimuon, binnings: [theta])

  /// Adds `n` reference events of which `k` fire the probe, and `extra` selected events without
  /// the reference of which `extraProbe` fire the probe, all with a track at `thetaDeg`.
  func fill(_ counts: inout EfficiencyCounts, run: UInt32, thetaDeg: Double = 50, k: Int, n: Int, extra: Int = 0, extraProbe: Int = 0) {
    let index = counts.runIndex(run: run, experiment: 8, firmware: "ideal")
    let track = Track(charge: 1, cdcHitCount: 54, pGeV: 3, thetaRad: Float(thetaDeg * .pi / 180), phiRad: 0, d0Cm: 0, z0Cm: 0)
    for event in 0..<n { counts.add(at: index, track: track, probe: event < k, truth: event < k, reference: true) }
    for event in 0..<extra { counts.add(at: index, track: track, probe: event < extraProbe, truth: event < extraProbe, reference: false) }
  }

  static let runList = RunList(runs: [1, 2, 3, 4, 5].map { RunInfo(run: $0, experiment: 8, luminosityPb: Double($0)) })

  @Test func goodRunsAreLuminosityWeightedWithTheirErrorsPropagated() throws {
    var counts = EfficiencyCounts(question: Self.question)
    fill(&counts, run: 1, k: 8, n: 10, extra: 10, extraProbe: 9)
    fill(&counts, run: 2, k: 18, n: 20)
    fill(&counts, run: 3, k: 2, n: 10)  // ε = 20 % < 50 %
    fill(&counts, run: 4, k: 5, n: 5)  // too few reference events
    fill(&counts, run: 5, k: 0, n: 0, extra: 3)  // no reference events
    let result = try EfficiencyMeasurement(counts: counts, runList: Self.runList, runListName: "test", options: EfficiencyOptions())
    #expect(result.runs.map(\.status.text) == ["good", "good", "ε = 20.0 % < 50 %", "n = 5 < 10 reference events", "no reference events"])
    #expect(result.runs[4].measured.efficiency == nil && result.runs[4].measured.interval == nil)
    #expect(result.goodLuminosityPb == 3)
    let weighted = try #require(result.weighted)
    #expect(abs(weighted.efficiency - (0.8 * 1 + 0.9 * 2) / 3) < 1e-15)
    // Weights L_i/ΣL = 1/3 and 2/3; Clopper–Pearson at 68.27 % CL from scipy.stats.beta:
    // 8/10 → [0.5945428685509857, 0.9280476729775657], 18/20 → [0.783026555349813, 0.964320862859015],
    // so σ_up = √((1/3)² 0.1280477² + (2/3)² 0.0643209²) and σ_down = √((1/3)² 0.2054571² + (2/3)² 0.1169734²).
    #expect(abs(weighted.statUp - 0.060502433514586326) < 1e-10 && abs(weighted.statDown - 0.10378598699919785) < 1e-10)
    #expect(result.pooled.k == 26 && result.pooled.n == 30)
    // Truth: run 1 has 17 of 20 selected events firing, run 2 18 of 20.
    #expect(result.runs[0].truth.k == 17 && result.runs[0].truth.n == 20)
    let truth = try #require(result.weightedTruth)
    #expect(abs(truth.efficiency - (0.85 * 1 + 0.9 * 2) / 3) < 1e-15)
    #expect(abs(result.referenceBias! - (weighted.efficiency - truth.efficiency)) < 1e-15)
  }

  @Test func theSystematicIsTheLargestRelativeVariationAcrossBinsWithEnoughEvents() throws {
    var counts = EfficiencyCounts(question: Self.question)
    fill(&counts, run: 1, thetaDeg: 50, k: 45, n: 50)
    fill(&counts, run: 1, thetaDeg: 70, k: 30, n: 40)
    fill(&counts, run: 1, thetaDeg: 90, k: 5, n: 10)  // below 20 reference events: not used
    let result = try EfficiencyMeasurement(counts: counts, runList: Self.runList, runListName: "test", options: EfficiencyOptions())
    let bins = try #require(result.binned.first)
    #expect(bins.bins.map(\.usedForSystematic) == [true, true, false])
    #expect(bins.bins.map(\.measured.k) == [45, 30, 5])
    let centre = 75.0 / 90
    #expect(abs(bins.centre! - centre) < 1e-15)
    #expect(abs(bins.maxRelativeVariation! - (centre - 0.75) / centre) < 1e-12)  // 0.1
    #expect(abs(bins.rmsRelativeVariation! - ((pow(0.9 - centre, 2) + pow(0.75 - centre, 2)) / 2).squareRoot() / centre) < 1e-12)
    #expect(abs(result.relativeSystematic! - 0.1) < 1e-12)
    #expect(abs(result.systematic! - 0.1 * result.weighted!.efficiency) < 1e-12)
  }

  @Test func aRunMissingFromTheRunListIsAnErrorNamingItUnlessExcluded() throws {
    var counts = EfficiencyCounts(question: Self.question)
    fill(&counts, run: 2, k: 18, n: 20)
    fill(&counts, run: 77, k: 9, n: 10)
    #expect(throws: LocatedError(
      "run 77 (experiment 8) is in the input but not in the run list runs.csv, so it has no luminosity; "
        + "add it to the run list, or exclude such runs with --exclude-unlisted-runs")) {
      try EfficiencyMeasurement(counts: counts, runList: Self.runList, runListName: "runs.csv", options: EfficiencyOptions())
    }
    var options = EfficiencyOptions()
    options.excludeUnlistedRuns = true
    let result = try EfficiencyMeasurement(counts: counts, runList: Self.runList, runListName: "runs.csv", options: options)
    #expect(result.runs.map(\.status.text) == ["good", "not in the run list"])
    #expect(result.weighted!.efficiency == 0.9)
  }

  @Test func goodRunsCanBeTakenFromAnotherLine() throws {
    var counts = EfficiencyCounts(question: Self.question)
    fill(&counts, run: 1, k: 10, n: 10)
    fill(&counts, run: 2, k: 10, n: 10)
    let result = try EfficiencyMeasurement(
      counts: counts, runList: Self.runList, runListName: "test", options: EfficiencyOptions(), goodRuns: ([2], "ffo"))
    #expect(result.runs.map(\.status.text) == ["not a good run of ffo", "good"])
  }

  @Test func binningsParseAndRejectBadEdgesWithTheirReason() throws {
    #expect(try Binning(parsing: "pt:0,1,2.5") == Binning(variable: .pt, edges: [0, 1, 2.5]))
    #expect(try Binning(parsing: "phi") == Binning(variable: .phi))
    #expect(throws: LocatedError("--bins eta:0,1: unknown variable 'eta'; the variables are theta, pt, phi, cdc_hits")) { try Binning(parsing: "eta:0,1") }
    #expect(throws: LocatedError("--bins pt:0,x: 'x' is not a number")) { try Binning(parsing: "pt:0,x") }
    #expect(throws: LocatedError("--bins pt:1: give at least two edges")) { try Binning(parsing: "pt:1") }
    #expect(throws: LocatedError("--bins pt:0,2,1: edges must increase, but 1.0 follows 2.0")) { try Binning(parsing: "pt:0,2,1") }
    let binning = Binning(variable: .theta, edges: [37, 50, 120])
    #expect([36.9, 37, 49.99, 50, 119.9, 120].map { binning.bin(of: $0) } == [nil, 0, 0, 1, 1, nil])
  }

  @Test func yieldsAreScaledByTheEfficiencyWithItsErrors() throws {
    var counts = EfficiencyCounts(question: Self.question)
    fill(&counts, run: 1, thetaDeg: 50, k: 45, n: 50)
    fill(&counts, run: 1, thetaDeg: 70, k: 30, n: 40)
    let result = try EfficiencyMeasurement(counts: counts, runList: Self.runList, runListName: "test", options: EfficiencyOptions())
    let table = try YieldTable(
      parsing: "# expected yields\nprocess,recoil_mass_low_gev,recoil_mass_high_gev,yield,yield_error\nzprime@2,1.5,2.5,100,10\nmumu,1.5,2.5,40\n",
      path: "y.csv")
    let scaled = try table.scaled(by: result)
    let epsilon = 75.0 / 90, stat = max(result.weighted!.statUp, result.weighted!.statDown), syst = 0.1 * epsilon
    #expect(scaled.rows[0][7] == .number(100 * epsilon, digits: 3))
    #expect(scaled.rows[0][8] == .number(100 * stat, digits: 3))
    guard case .number(let systError, _) = scaled.rows[0][9], case .number(let total, _) = scaled.rows[0][10] else {
      Issue.record("expected numbers")
      return
    }
    #expect(abs(systError - 100 * syst) < 1e-12)
    #expect(abs(total - (pow(100 * stat, 2) + pow(100 * syst, 2) + pow(10 * epsilon, 2)).squareRoot()) < 1e-12)
    #expect(scaled.rows[1][4] == .number(0, digits: 3))
  }

  @Test func badYieldTablesNameTheFileAndLine() {
    let header = "process,recoil_mass_low_gev,recoil_mass_high_gev,yield\n"
    #expect(throws: LocatedError(file: "y.csv", line: 1, message: "expected the header process,recoil_mass_low_gev,recoil_mass_high_gev,yield,yield_error (yield_error optional), found process,mass,yield")) {
      try YieldTable(parsing: "process,mass,yield\n", path: "y.csv")
    }
    #expect(throws: LocatedError(file: "y.csv", line: 2, message: "yield 'many' is not a number")) { try YieldTable(parsing: header + "mumu,1,2,many\n", path: "y.csv") }
    #expect(throws: LocatedError(file: "y.csv", line: 3, message: "recoil_mass_low_gev 3 must be below recoil_mass_high_gev 2")) {
      try YieldTable(parsing: header + "mumu,1,2,5\nmumu,3,2,5\n", path: "y.csv")
    }
    #expect(throws: LocatedError(file: "y.csv", line: 2, message: "expected 4 or 5 fields, found 3")) { try YieldTable(parsing: header + "mumu,1,2\n", path: "y.csv") }
    #expect(throws: LocatedError(file: "y.csv", line: 2, message: "yield and yield_error must not be negative")) { try YieldTable(parsing: header + "mumu,1,2,-1\n", path: "y.csv") }
    #expect(throws: LocatedError(file: "y.csv", message: "no header line; expected process,recoil_mass_low_gev,recoil_mass_high_gev,yield,yield_error")) {
      try YieldTable(parsing: "# nothing\n", path: "y.csv")
    }
  }
}

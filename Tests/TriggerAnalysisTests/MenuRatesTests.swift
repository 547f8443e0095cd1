import Foundation
import TestSupport
import Testing
import TriggerEvents
import TriggerSimulation

@testable import TriggerAnalysis
@testable import TriggerEmulation
import TriggerSupport

/// Rates from hand-filled tallies, against values computed by hand.
@Suite struct MenuRatesTests {
  static let lines = ["a", "b", "c"]

  /// Empty tallies of a three-line menu (prescales 1, 2, 1).
  func emptyTallies() -> TriggerTallies {
    TriggerTallies(
      provenance: .init(trigemuVersion: "test", menuName: "test-menu", menuSHA256: "0", firmware: "", firmwareSHA256: "", prescaleMode: "counter"),
      bitNames: [], lineNames: Self.lines, prescales: [1, 2, 1], runs: [])
  }

  /// Counts one event of `run` with `weight`, the lines `raw` fired before prescale and `accepted`
  /// after, and the HLT lines `hltRaw` and `hltAccepted` with whether the HLT `kept` it.
  @discardableResult
  func add(
    _ tallies: inout TriggerTallies, run: UInt32, weight: Double, raw: [Int], accepted: [Int], hltRaw: [Int] = [], hltAccepted: [Int] = [],
    kept: Bool = false
  ) -> Bool {
    var fits = true
    let event = Event(header: EventHeader(experiment: 8, run: run, eventNumber: 1, process: .synthetic, weight: weight))
    func words(_ indices: [Int]) -> [UInt64] { [indices.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }] }
    let bits: [UInt64] = [0]
    bits.withUnsafeBufferPointer { bits in
      words(raw).withUnsafeBufferPointer { raw in
        words(accepted).withUnsafeBufferPointer { accepted in
          words(hltRaw).withUnsafeBufferPointer { hltRaw in
            words(hltAccepted).withUnsafeBufferPointer { hltAccepted in
              fits = tallies.add(
                TriggerPipeline.Decision(
                  event: event.view, bits: bits, raw: raw, accepted: accepted, firmwareModel: 0, hltRaw: hltRaw, hltAccepted: hltAccepted, hltKept: kept,
                  hltCuts: hltRaw))
            }
          }
        }
      }
    }
    return fits
  }

  static let runList = RunList(runs: [RunInfo(run: 1, experiment: 8, luminosityPb: 2), RunInfo(run: 2, experiment: 8, luminosityPb: 3)])

  /// Five events over runs of 2 + 3 pb⁻¹ at L = 10³⁶ cm⁻²s⁻¹ (1 pb⁻¹ per second): a rate in Hz
  /// is Σw / 5.
  func sample() -> TriggerTallies {
    var tallies = emptyTallies()
    add(&tallies, run: 1, weight: 2, raw: [0], accepted: [0])  // a alone: pure a
    add(&tallies, run: 1, weight: 3, raw: [0, 1], accepted: [0])  // b prescaled away: pure a
    add(&tallies, run: 2, weight: 4, raw: [0, 1, 2], accepted: [0, 1, 2])  // all three
    add(&tallies, run: 2, weight: 0.5, raw: [1], accepted: [1])  // b alone: pure b
    add(&tallies, run: 2, weight: 10, raw: [], accepted: [])  // nothing
    return tallies
  }

  @Test func ratesArePerLineWeightSumsOverIntegratedLuminosityTimesInstantaneous() throws {
    let rates = try MenuRates(tallies: sample(), runList: Self.runList, runListName: "test", instantaneousLuminosity: 1e36, budgetHz: 10)
    #expect(rates.integratedLuminosityPb == 5 && rates.events == 5 && rates.runs == [1, 2])
    let a = rates.lines[0], b = rates.lines[1], c = rates.lines[2]
    func expect(_ rate: MenuRates.Rate, _ weight: Double, _ squares: Double, _ events: Int, sourceLocation: SourceLocation = #_sourceLocation) {
      #expect(close(rate.hertz, weight / 5) && close(rate.errorHz, squares.squareRoot() / 5) && rate.events == events, sourceLocation: sourceLocation)
    }
    expect(a.raw, 9, 4 + 9 + 16, 3)
    #expect(a.accepted == a.raw)
    expect(a.pure, 5, 4 + 9, 2)
    expect(b.raw, 7.5, 9 + 16 + 0.25, 3)
    expect(b.accepted, 4.5, 16 + 0.25, 2)
    expect(b.pure, 0.5, 0.25, 1)
    expect(c.pure, 0, 0, 0)
    expect(rates.totalRaw, 9.5, 4 + 9 + 16 + 0.25, 4)
    #expect(rates.totalAccepted == rates.totalRaw)
    #expect(close(rates.headroomHz, 10 - 9.5 / 5))
    // Overlaps: a∧b, a∧c and b∧c all come from the weight-4 event.
    for (i, j) in [(0, 1), (1, 0), (0, 2), (2, 1)] { #expect(close(rates.overlapHz[i][j], 4.0 / 5)) }
    #expect(close(rates.overlapHz[1][1], 4.5 / 5))
  }

  /// Equal to 10⁻¹² relative (the luminosity conversion is not exact in binary).
  func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(b)) }

  @Test func ratesScaleWithInstantaneousLuminosityAndTablesShareColumns() throws {
    let rates = try MenuRates(tallies: sample(), runList: Self.runList, runListName: "test", instantaneousLuminosity: 6.5e35, budgetHz: 30e3)
    #expect(abs(rates.lines[0].accepted.hertz - 9.0 / 5 * 0.65) < 1e-12)
    let table = rates.lineTable
    #expect(table.columns.first == "line" && table.rows.count == 4 && table.rows[3][0] == .text("any line"))
    #expect(table.csv.hasPrefix(table.columns.joined(separator: ",") + "\n"))
    let overlap = rates.overlapTable
    #expect(overlap.columns == ["line", "a", "b", "c"])
    // Row b: b accepts 4.5; a and c accept 4 of it.
    #expect(overlap.rows[1].map(\.shown) == ["b", "88.9", "100.0", "88.9"])
    #expect(overlap.rows[2].map(\.shown) == ["c", "100.0", "100.0", "100.0"])
    let json = try ReportDocument<MenuRates.Summary>(data: Data(rates.jsonBytes()), file: "rates.json", format: "trigemu-rates-2")
    let rows = try json.table("rates", file: "rates.json")
    #expect(rows.columns == table.columns && Set(rows.keyedRows[0].keys) == Set(table.columns))
    #expect(rates.budgetLine.contains("budget 30.00 kHz, headroom 30.00 kHz (100.0 % of the budget): within budget"))
  }

  /// The sample's events with an HLT of a filter `f`, a skim `s` and a reject `r` line.
  func hltSample() -> TriggerTallies {
    var tallies = emptyTallies()
    tallies.hltLineNames = ["f", "s", "r"]
    tallies.hltKinds = ["filter", "skim", "reject"]
    tallies.hltPrescales = [1, 1, 1]
    add(&tallies, run: 1, weight: 2, raw: [0], accepted: [0], hltRaw: [0], hltAccepted: [0], kept: true)  // f alone: pure f
    add(&tallies, run: 1, weight: 3, raw: [0, 1], accepted: [0], hltRaw: [0, 1], hltAccepted: [0, 1], kept: true)  // f and s
    add(&tallies, run: 2, weight: 4, raw: [0, 1, 2], accepted: [0, 1, 2], hltRaw: [0, 2], hltAccepted: [0, 2])  // the reject wins
    add(&tallies, run: 2, weight: 0.5, raw: [1], accepted: [1])  // no HLT line
    add(&tallies, run: 2, weight: 10, raw: [], accepted: [])  // L1 rejects: no HLT
    return tallies
  }

  @Test func hltRatesArePerHLTLineAndTheOutputIsTheKeptEvents() throws {
    let rates = try MenuRates(tallies: hltSample(), runList: Self.runList, runListName: "test", instantaneousLuminosity: 1e36, budgetHz: 10)
    func expect(_ rate: MenuRates.Rate, _ weight: Double, _ squares: Double, _ events: Int, sourceLocation: SourceLocation = #_sourceLocation) {
      #expect(close(rate.hertz, weight / 5) && close(rate.errorHz, squares.squareRoot() / 5) && rate.events == events, sourceLocation: sourceLocation)
    }
    let f = rates.hltLines[0], s = rates.hltLines[1], r = rates.hltLines[2]
    #expect(rates.hltLines.map(\.kind) == ["filter", "skim", "reject"])
    expect(f.raw, 9, 4 + 9 + 16, 3)
    expect(f.pure, 2, 4, 1)
    expect(s.accepted, 3, 9, 1)
    expect(s.pure, 0, 0, 0)
    expect(r.accepted, 4, 16, 1)
    expect(rates.hltKept, 5, 4 + 9, 2)
    let table = rates.hltTable
    #expect(table.rows.map { $0[0].shown } == ["f", "s", "r", MenuRates.hltKeptName])
    // Shares of the HLT output (1 Hz): f accepts 1.8 Hz, of which the reject removed 0.8 Hz.
    #expect(table.rows.map { $0[table.columns.firstIndex(of: "share_pct")!].shown } == ["180.0", "–", "–", "100.0"])
    #expect(rates.hltLine == "HLT output: 0.00 ± 0.00 kHz kept of the 0.00 kHz L1 accepted (52.6 %)")
    #expect(rates.text.contains(table.text) && rates.markdown.contains("## Online selection (HLT)"))
    let json = try ReportDocument<MenuRates.Summary>(data: Data(rates.jsonBytes()), file: "rates.json", format: MenuRates.format)
    #expect(close(json.summary.hltKeptHz, 1))
    #expect(Set(try #require(json.tables["hlt_rates"]?.keyedRows.first).keys) == Set(table.columns))
    // Without an hlt section: no HLT table rows and no HLT line in the report.
    let plain = try MenuRates(tallies: sample(), runList: Self.runList, runListName: "test", instantaneousLuminosity: 1e36, budgetHz: 10)
    #expect(plain.hltTable.rows.isEmpty && plain.hltLine == nil && !plain.text.contains("HLT"))
  }

  @Test func overBudgetIsSaid() throws {
    let rates = try MenuRates(tallies: sample(), runList: Self.runList, runListName: "test", instantaneousLuminosity: 1e36, budgetHz: 1)
    #expect(rates.headroomHz < 0 && rates.budgetLine.hasSuffix("OVER BUDGET"))
  }

  @Test func aRunMissingFromTheRunListAndBadSettingsAreErrors() {
    let partial = RunList(runs: [RunInfo(run: 1, experiment: 8, luminosityPb: 2)])
    #expect(throws: LocatedError(
      "run 2 (experiment 8) is in the input but not in the run list short.csv, so it has no luminosity; "
        + "give the run list the events were simulated or recorded with (--runs)")
    ) { try MenuRates(tallies: sample(), runList: partial, runListName: "short.csv", instantaneousLuminosity: 1e36, budgetHz: 1) }
    #expect(throws: LocatedError("the instantaneous luminosity must be a positive number of cm^-2 s^-1, e.g. 6.5e35")) {
      try MenuRates(tallies: sample(), runList: Self.runList, runListName: "t", instantaneousLuminosity: 0, budgetHz: 1)
    }
    #expect(throws: LocatedError("no events: the tallies hold no runs")) {
      try MenuRates(tallies: emptyTallies(), runList: Self.runList, runListName: "t", instantaneousLuminosity: 1e36, budgetHz: 1)
    }
  }

  @Test func talliesKeepPureAnyLineAndWeightedOverlapsThroughJSON() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("tallies.json")
    let tallies = sample()
    try Data(tallies.jsonBytes()).write(to: URL(fileURLWithPath: path))
    let read = try TriggerTallies(path: path)
    #expect(read == tallies)
    #expect(try read.total().lines[0].pure.weightSquaredMicro == 13_000_000)
    #expect(try read.total().anyLine.accepted.events == 4)
  }

  @Test func talliesWithCountsOrWeightsOutOfRangeAreRefusedNamingTheField() throws {
    let text = String(decoding: try sample().jsonBytes(), as: UTF8.self)
    func message(_ from: String, _ to: String) -> String? {
      precondition(text.contains(from), from)
      do {
        _ = try TriggerTallies(data: Data(text.replacingOccurrences(of: from, with: to).utf8), file: "t.json")
        return nil
      } catch { return error.description }
    }
    /// Whether `message` names a field of a run or of the total, then says `problem`.
    func names(_ message: String?, _ problem: String) -> Bool {
      guard let message, let range = message.range(of: #"^t\.json: field "(runs\[[0-9]+\]|total)(\.[a-z_0-9]+)+": "#, options: .regularExpression) else { return false }
      return message[range.upperBound...].hasPrefix(problem)
    }
    let weight = try #require(text.range(of: #""weight_sum": [0-9.]+"#, options: .regularExpression)).map { String(text[$0]) }!
    #expect(names(message(weight, "\"weight_sum\": 3.4e38"), "weight sum 3.4e+38 is not a number in 0–9200000000000.0"))
    #expect(names(message("\"events\": 4,", "\"events\": -4,"), "count -4 is not a whole number in 0–9007199254740992"))
    #expect(message("\"events\": 4,", "\"events\": 18446744073709551616,") == "t.json: a number does not fit its field (a fraction where a whole number belongs, or a number too large for it)")
  }

  @Test func squaredWeightSumsPastSixtyFourBitsAreReportedNotWrappedOrTrapped() {
    var tallies = emptyTallies()
    // Weight 10⁶, the most an event may carry, adds 10¹² to Σw²: 10¹⁸ in 10⁻⁶ units. Nine fit
    // 64 bits (9·10¹⁸ < 2⁶³ ≈ 9.22·10¹⁸), the tenth does not.
    for _ in 1...9 { #expect(add(&tallies, run: 1, weight: 1e6, raw: [0], accepted: [0])) }
    #expect(!add(&tallies, run: 1, weight: 1e6, raw: [0], accepted: [0]))
  }

  @Test func mergingSumsPastSixtyFourBitsIsAnErrorNamingTheRun() throws {
    var tallies = emptyTallies()
    for _ in 1...5 { add(&tallies, run: 2, weight: 1e6, raw: [0], accepted: [0]) }  // Σw² = 5·10¹², 5·10¹⁸ units
    let twice = try tallies.merged(with: emptyTallies())
    #expect(twice == tallies)
    #expect(throws: LocatedError(
      "cannot merge the tallies of run 2: a count or weight sum no longer fits 64 bits (weight sums are held in 10⁻⁶ units, at most 9200000000000.0)")) {
      try tallies.merged(with: tallies)
    }
  }
}

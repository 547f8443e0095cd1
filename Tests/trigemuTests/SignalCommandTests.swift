import Foundation
import TestSupport
import Testing

/// `trigemu signal`.
@Suite struct SignalCommandTests {
  let cli = CommandLineTests()

  @Test func signalPrintsEfficiencyBySignalPointAndWritesTheTables() throws {
    let directory = TemporaryDirectory()
    let json = directory.file("signal.json"), curves = directory.file("curves.csv")
    let result = try cli.run([
      "signal", "--menu", RunCommandTests.menu, "--process", "zprime@2,aprime@3", "--events", "400", "--json", json, "--curve-csv", curves,
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("trigemu signal: menu belle2-lowmult on 2 signal sample(s)"))
    #expect(result.output.contains("pass zprime-mumu") && result.output.contains("pass single-photon"))
    #expect(try String(contentsOfFile: curves, encoding: .utf8).hasPrefix("line,zprime@2,aprime@3\n"))
    let rows = try #require(JSONFiles.rows(try JSONFiles.object(json), "signal_efficiency"))
    let ffo = try #require(rows.first { $0["process"] as? String == "zprime@2" && $0["line"] as? String == "ffo" })
    #expect((ffo["efficiency_pct"] as? Double ?? 0) >= 95 && ffo["mass_gev"] as? Double == 2)
    let lml6 = try #require(rows.first { $0["process"] as? String == "aprime@3" && $0["line"] as? String == "lml6" })
    #expect((lml6["efficiency_pct"] as? Double ?? 0) >= 90)
  }

  @Test func anUnknownProcessOrSelectionIsAnErrorThatListsWhatIsKnown() throws {
    let process = try cli.run(["signal", "--menu", RunCommandTests.menu, "--process", "wprime@2", "--events", "10"])
    #expect(process.status != 0 && process.error.contains("process \"wprime@2\": unknown process (known: ee, gg, mumu"))
    let selection = try cli.run(["signal", "--menu", RunCommandTests.menu, "--selection", "photon", "--events", "10"])
    #expect(selection.status != 0 && selection.error.contains("The value 'photon' is invalid for '--selection <selection>'. Please provide one of the following:\n  - single-photon\n  - displaced-pair\n"))
  }
}

/// `trigemu report`.
@Suite struct ReportCommandTests {
  let cli = CommandLineTests()

  @Test func reportTurnsRatesAndSignalJSONIntoOneHTMLPage() throws {
    let directory = TemporaryDirectory()
    let files = try RatesCommandTests().sample(directory)
    let rates = directory.file("rates.json"), signal = directory.file("signal.json"), html = directory.file("report.html")
    #expect(try cli.run(["rates", "--menu", RunCommandTests.menu, "--input", files.input, "--runs", files.runs, "--json", rates]).status == 0)
    #expect(try cli.run(["signal", "--menu", RunCommandTests.menu, "--process", "zprime@2,zprime@4", "--events", "200", "--json", signal]).status == 0)
    let result = try cli.run(["report", rates, signal, "--html", html])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("2 sections with 4 plots from 2 file(s)"))
    let page = try String(contentsOfFile: html, encoding: .utf8)
    #expect(page.contains("<h2>Rates: menu belle2-lowmult</h2>") && page.contains("<h2>Signal efficiencies: menu belle2-lowmult</h2>"))
    #expect(page.contains(">HLT rates per line (on the events L1 accepted)</text>") && page.contains(">HLT line</text>"))
    #expect(page.contains(">Signal efficiency: Z′ → invisible (μμ + invisible)</text>") && page.contains(">mass (GeV)</text>"))
  }

  @Test func aFileThatIsNotJSONIsNamed() throws {
    let directory = TemporaryDirectory()
    let bad = directory.file("bad.json")
    try "not json".write(toFile: bad, atomically: true, encoding: .utf8)
    let result = try cli.run(["report", bad, "--html", directory.file("r.html")])
    #expect(result.status != 0 && result.error.contains("\(bad):1:2: not valid JSON"))
    #expect(!FileManager.default.fileExists(atPath: directory.file("r.html")))
  }
}

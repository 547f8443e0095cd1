import Foundation
import TestSupport
import Testing
import TriggerEvents

/// `trigemu run --decisions` and `trigemu decisions`.
@Suite struct DecisionsCommandTests {
  let cli = CommandLineTests()

  @Test func theDecisionStreamHoldsEveryEventAgreesWithTheTalliesAndIsTheSameForAnyThreadCount() throws {
    let directory = TemporaryDirectory()
    let files = try RatesCommandTests().sample(directory)
    let one = directory.file("one.trgd"), two = directory.file("two.trgd"), tallies = directory.file("t.json"), csv = directory.file("d.csv")
    for (path, threads) in [(one, "1"), (two, "2")] {
      let result = try cli.run(["run", "--menu", RunCommandTests.menu, "--input", files.input, "--out", tallies, "--decisions", path, "--threads", threads])
      #expect(result.status == 0, "\(result.error)")
      #expect(result.output.contains("wrote \(path) (decision stream of "))
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: one)) == Data(contentsOf: URL(fileURLWithPath: two)))
    // The stream's counts are the tallies' counts.
    let object = try JSONFiles.object(tallies)
    let run = try #require((object["runs"] as? [[String: Any]])?.first)
    let events = try #require(run["events"] as? Int)
    let kept = try #require((run["hlt_kept"] as? [String: Any])?["events"] as? Int)
    let ffo = try #require(JSONFiles.lineEvents(run, "ffo", "accepted"))
    let reader = try DecisionStreamReader(path: one)
    #expect(reader.recordCount == events && reader.stream.menuName == "belle2-lowmult" && reader.stream.hltLineNames.first == "hlt_single_photon")
    var summary = DecisionStreamSummary(stream: reader.stream)
    try reader.forEach { summary.add($0) }
    let ffoIndex = try #require(reader.stream.lineNames.firstIndex(of: "ffo"))
    #expect(summary.hltKept == kept && summary.lineAccepted[ffoIndex] == ffo)
    // HLT lines are only ever on where L1 accepted.
    try reader.forEach { record in #expect(record.l1Accepted || (!record.hltKept && record.hltRaw.allSatisfy { $0 == 0 })) }
    let shown = try cli.run(["decisions", one, "--csv", csv])
    #expect(shown.status == 0, "\(shown.error)")
    #expect(shown.output.contains("\(events) events in 1 runs; L1 accepted ") && shown.output.contains("HLT kept \(kept)"))
    #expect(shown.output.contains("hlt_mumu_2trk      HLT"))
    let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
    #expect(rows.count == events + 1 && rows[0] == "run,event,experiment,firmware,l1_accepted,hlt_kept,bits,raw_lines,accepted_lines,hlt_raw,hlt_accepted")
    // An event file is not a decision stream.
    let wrong = try cli.run(["decisions", files.input])
    #expect(wrong.status != 0 && wrong.error.contains("\(files.input): byte 0: this is a .trg event file, not a decision stream"))
  }
}

import TestSupport
import Testing
import TriggerEvents
import TriggerSupport

@Suite struct StreamSummaryTests {
  @Test func countDistributionGivesExactQuantiles() {
    var distribution = CountDistribution()
    for count in [5, 1, 3, 3, 10, 2, 7, 3, 8, 4] { distribution.add(count) }
    #expect(distribution.minimum == 1 && distribution.maximum == 10)
    #expect(distribution.mean == 4.6)
    #expect(distribution.quantile(0.5) == 3)  // 5 of 10 events have ≤ 3
    #expect(distribution.quantile(0.9) == 8)
    #expect(distribution.quantile(1) == 10)
    #expect(distribution.binned(2) == [7, 3])  // 1–5 and 6–10
  }

  @Test func summariesMergeToTheSinglePassResult() {
    let events = HandBuiltEvents.synthetic(count: 120, runs: 3) + [HandBuiltEvents.dimuon(run: 9, event: 1)]
    var whole = StreamSummary()
    events.forEach { whole.add($0.view) }
    var first = StreamSummary(), second = StreamSummary()
    events.prefix(50).forEach { first.add($0.view) }
    events.dropFirst(50).forEach { second.add($0.view) }
    first.merge(second)
    #expect(first == whole)
    #expect(whole.events == 121)
    #expect(whole.runs.keys.sorted() == [1, 2, 3, 9])
    #expect(whole.runs[9]?.events == 1 && whole.runs[9]?.experiment == 7)
    #expect(whole.processes[.dimuon]?.events == 1 && whole.processes[.synthetic]?.events == 120)
    #expect(whole.perEvent[.cdcHit]?.total == events.reduce(0) { $0 + $1.cdcHits.count })
  }

  @Test func renderedSummaryListsRunsProcessesAndCounts() {
    var summary = StreamSummary()
    summary.add(HandBuiltEvents.dimuon(run: 10, event: 1).view)
    summary.add(HandBuiltEvents.empty(run: 11, event: 2).view)
    let text = summary.rendered
    #expect(text.hasPrefix("2 events in 2 runs"))
    #expect(text.contains("run  experiment  events  Σ weight"))
    #expect(text.contains(" 10           7       1         1"))
    #expect(text.contains("mumu          1         1"))
    let cdcRow = text.split(separator: "\n").first { $0.hasPrefix("CDC hits") }?.split(separator: " ").prefix(7)
    #expect(cdcRow.map(Array.init) == ["CDC", "hits", "0", "1.5", "0", "3", "3"])
  }
}

@Suite struct TextTableTests {
  @Test func numbersAlignRightAndWordsLeftEvenWhenTheyLookLikeExponents() {
    var table = TextTable(["process", "events"])
    table.add(["ee", "13514"])
    table.add(["eemumu", "8"])
    table.add(["e2", "1e-3"])
    #expect(table.rendered == """
      process  events
      ───────  ──────
      ee        13514
      eemumu        8
      e2         1e-3
      """)
  }
}

import Foundation
import TriggerSupport
import TriggerEmulation
import TriggerEvents

extension TriggerTallies {
  /// What `trigemu run` prints: events and runs, each run's firmware model, per line its prescale
  /// and raw and accepted events; with an HLT, per HLT line the same against the events L1
  /// accepted, and per run what L1 accepted and the HLT kept.
  public func summaryText(inputCount: Int) throws(LocatedError) -> String {
    let total = try self.total()
    var table = TextTable(["line", "prescale", "raw", "accepted", "accepted %"])
    for (index, name) in lineNames.enumerated() {
      let line = total.lines[index]
      table.add([
        name, PluginValue.number(prescales[index]).description, "\(line.raw.events)", "\(line.accepted.events)",
        String(format: "%.2f", 100 * Double(line.accepted.events) / Double(max(1, total.events))),
      ])
    }
    var text = """
      \(provenance.menuName): \(total.events) events in \(runs.count) runs from \(inputCount) input(s)
      firmware by run: \(runs.map { "\($0.run) \($0.firmware)" }.joined(separator: ", "))

      \(table.rendered)
      """
    guard !hltLineNames.isEmpty else { return text }
    let l1 = total.anyLine.accepted.events
    var hlt = TextTable(["HLT line", "kind", "prescale", "raw", "accepted", "accepted % of L1"])
    for (index, name) in hltLineNames.enumerated() {
      let line = total.hltLines[index]
      hlt.add([
        name, hltKinds[index], PluginValue.number(hltPrescales[index]).description, "\(line.raw.events)", "\(line.accepted.events)",
        String(format: "%.2f", 100 * Double(line.accepted.events) / Double(max(1, l1))),
      ])
    }
    var byRun = TextTable(["run", "events", "L1 accepted", "HLT kept", "HLT kept % of L1"])
    for run in runs + [total] {
      byRun.add([
        run.run == 0 ? "all" : "\(run.run)", "\(run.events)", "\(run.anyLine.accepted.events)", "\(run.hltKept.events)",
        String(format: "%.2f", 100 * Double(run.hltKept.events) / Double(max(1, run.anyLine.accepted.events))),
      ])
    }
    text += "\n\nHLT on the \(l1) events L1 accepted (filters keep, reject lines win):\n" + hlt.rendered + "\n\n" + byRun.rendered
    return text
  }
}

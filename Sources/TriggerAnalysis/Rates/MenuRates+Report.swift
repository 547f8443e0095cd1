import Foundation
import TriggerEvents

extension MenuRates {
  /// Per line: prescale, rates before and after the prescale and pure, with errors, in Hz, the
  /// share of the menu's accepted rate, and the events behind them; then the menu as a whole
  /// (`any line`).
  public var lineTable: ReportTable {
    var table = ReportTable(
      name: "rates",
      columns: [
        "line", "prescale", "raw_rate_hz", "raw_error_hz", "rate_hz", "error_hz", "pure_rate_hz", "pure_error_hz", "share_pct", "raw_events",
        "accepted_events",
      ])
    func share(_ rate: Rate) -> ReportTable.Cell {
      totalAccepted.hertz > 0 ? .number(100 * rate.hertz / totalAccepted.hertz, digits: 1) : .missing
    }
    for line in lines {
      table.add([
        .text(line.name), .number(line.prescale, digits: 0), .number(line.raw.hertz, digits: 1), .number(line.raw.errorHz, digits: 1),
        .number(line.accepted.hertz, digits: 1), .number(line.accepted.errorHz, digits: 1), .number(line.pure.hertz, digits: 1),
        .number(line.pure.errorHz, digits: 1), share(line.accepted), .integer(line.raw.events), .integer(line.accepted.events),
      ])
    }
    table.add([
      .text(Self.anyLineName), .missing, .number(totalRaw.hertz, digits: 1), .number(totalRaw.errorHz, digits: 1),
      .number(totalAccepted.hertz, digits: 1), .number(totalAccepted.errorHz, digits: 1), .missing, .missing, share(totalAccepted),
      .integer(totalRaw.events), .integer(totalAccepted.events),
    ])
    return table
  }

  /// The name of the menu-total row.
  public static let anyLineName = "any line"

  /// The overlap matrix: row line A, column line B, the percentage of A's accepted rate that B
  /// also accepts (100 on the diagonal; empty when A accepts nothing).
  public var overlapTable: ReportTable {
    var table = ReportTable(name: "overlap_pct", columns: ["line"] + lines.map(\.name))
    for (i, line) in lines.enumerated() {
      table.add(
        [.text(line.name)]
          + lines.indices.map { j in overlapHz[i][i] > 0 ? .number(100 * overlapHz[i][j] / overlapHz[i][i], digits: 1) : .missing })
    }
    return table
  }

  /// The menu's total after prescales against the budget.
  public var budgetLine: String {
    let verdict = headroomHz >= 0 ? "within budget" : "OVER BUDGET"
    return String(
      format: "L1 total: %.2f ± %.2f kHz before prescales, %.2f ± %.2f kHz after; budget %.2f kHz, headroom %.2f kHz (%.1f %% of the budget): %@",
      totalRaw.hertz / 1e3, totalRaw.errorHz / 1e3, totalAccepted.hertz / 1e3, totalAccepted.errorHz / 1e3, budgetHz / 1e3, headroomHz / 1e3,
      100 * headroomHz / budgetHz, verdict)
  }

  /// What the rates are of: menu, luminosities, events.
  public var title: String {
    String(
      format: "trigemu rates: menu %@ at L = %.3g cm^-2 s^-1, from %d events of %d runs (%.3f pb^-1)", menuName, instantaneousLuminosity, events,
      runs.count, integratedLuminosityPb)
  }

  static let legend =
    "rate = Σw / L_int × L_inst, error √(Σw²) / L_int × L_inst (statistical); raw before the line's prescale, rate after it, "
    + "pure: accepted by no other line; share of the menu's accepted rate; overlap: % of the row line's accepted rate the column line also accepts"

  /// The report for the terminal.
  public var text: String {
    [title, "", Self.legend, "", lineTable.text, "", budgetLine, "", "overlap (% of the row line's accepted rate):", overlapTable.text]
      .joined(separator: "\n")
  }

  /// The report as Markdown.
  public var markdown: String {
    ["# \(title)", "", Self.legend + ".", "", lineTable.markdown, "", budgetLine, "", "## Overlaps", "", overlapTable.markdown, ""]
      .joined(separator: "\n")
  }

  /// JSON: settings and totals, then both tables keyed by column name.
  public var jsonBytes: [UInt8] {
    var out = ReportTable.openJSONReport(format: "trigemu-rates-1", title: title)
    out.raw(",\n  \"menu\": ")
    out.string(menuName)
    for (key, value) in [
      ("instantaneous_luminosity_cm2s", instantaneousLuminosity), ("integrated_luminosity_pb", integratedLuminosityPb),
      ("budget_hz", budgetHz), ("total_raw_hz", totalRaw.hertz), ("total_raw_error_hz", totalRaw.errorHz),
      ("total_hz", totalAccepted.hertz), ("total_error_hz", totalAccepted.errorHz), ("headroom_hz", headroomHz),
    ] {
      out.raw(",\n  ")
      out.string(key)
      out.raw(": ")
      out.number(value)
    }
    out.raw(",\n  \"events\": ")
    out.number(events)
    ReportTable.appendJSONMembers([lineTable, overlapTable], to: &out)
    out.raw("\n}\n")
    return out.bytes
  }
}

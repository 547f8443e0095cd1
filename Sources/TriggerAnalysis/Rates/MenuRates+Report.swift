import TriggerSupport
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
    for line in lines { table.add([.text(line.name)] + Self.rateCells(line) + [share(line.accepted), .integer(line.raw.events), .integer(line.accepted.events)]) }
    table.add([
      .text(Self.anyLineName), .missing, .number(totalRaw.hertz, digits: 1), .number(totalRaw.errorHz, digits: 1),
      .number(totalAccepted.hertz, digits: 1), .number(totalAccepted.errorHz, digits: 1), .missing, .missing, share(totalAccepted),
      .integer(totalRaw.events), .integer(totalAccepted.events),
    ])
    return table
  }

  /// A line's prescale and its rates before, after its prescale and pure, each with its error.
  static func rateCells(_ line: Line) -> [ReportTable.Cell] {
    [
      .number(line.prescale, digits: 0), .number(line.raw.hertz, digits: 1), .number(line.raw.errorHz, digits: 1), .number(line.accepted.hertz, digits: 1),
      .number(line.accepted.errorHz, digits: 1), .number(line.pure.hertz, digits: 1), .number(line.pure.errorHz, digits: 1),
    ]
  }

  /// The name of the menu-total row.
  public static let anyLineName = "any line"

  /// The name of the HLT output row.
  public static let hltKeptName = "kept (L1 and HLT)"

  /// Per HLT line: kind, prescale, rates of its cut on the events L1 accepted (raw), after its
  /// prescale and pure, in Hz, and a filter line's share of the HLT output; then the HLT output
  /// (the events kept). Empty without an hlt section.
  public var hltTable: ReportTable {
    var table = ReportTable(
      name: "hlt_rates",
      columns: [
        "line", "kind", "prescale", "raw_rate_hz", "raw_error_hz", "rate_hz", "error_hz", "pure_rate_hz", "pure_error_hz", "share_pct", "raw_events",
        "accepted_events",
      ])
    guard !hltLines.isEmpty else { return table }
    for line in hltLines {
      let share: ReportTable.Cell =
        line.kind == "filter" && hltKept.hertz > 0 ? .number(100 * line.accepted.hertz / hltKept.hertz, digits: 1) : .missing
      table.add(
        [.text(line.name), .text(line.kind ?? "")] + Self.rateCells(line) + [share, .integer(line.raw.events), .integer(line.accepted.events)])
    }
    table.add([
      .text(Self.hltKeptName), .missing, .missing, .missing, .missing, .number(hltKept.hertz, digits: 1), .number(hltKept.errorHz, digits: 1),
      .missing, .missing, hltKept.hertz > 0 ? .number(100, digits: 1) : .missing, .missing, .integer(hltKept.events),
    ])
    return table
  }

  /// The HLT output against the L1 output; nil without an hlt section.
  public var hltLine: String? {
    guard !hltLines.isEmpty else { return nil }
    let fraction = totalAccepted.hertz > 0 ? String(format: "%.1f %%", 100 * hltKept.hertz / totalAccepted.hertz) : "–"
    return String(
      format: "HLT output: %.2f ± %.2f kHz kept of the %.2f kHz L1 accepted (%@)", hltKept.hertz / 1e3, hltKept.errorHz / 1e3,
      totalAccepted.hertz / 1e3, fraction)
  }

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

  static let hltLegend =
    "HLT lines on the events L1 accepted: raw when the cut holds, rate after the line's prescale, pure: accepted by no other HLT line; "
    + "share: % of the HLT output (filter lines); filters keep an event, reject lines win"

  /// The report for the terminal.
  public var text: String {
    var parts = [title, "", Self.legend, "", lineTable.text, "", budgetLine, "", "overlap (% of the row line's accepted rate):", overlapTable.text]
    if let hltLine { parts += ["", Self.hltLegend, "", hltTable.text, "", hltLine] }
    return parts.joined(separator: "\n")
  }

  /// The report as Markdown.
  public var markdown: String {
    var parts = ["# \(title)", "", Self.legend + ".", "", lineTable.markdown, "", budgetLine, "", "## Overlaps", "", overlapTable.markdown, ""]
    if let hltLine { parts += ["## Online selection (HLT)", "", Self.hltLegend + ".", "", hltTable.markdown, "", hltLine, ""] }
    return parts.joined(separator: "\n")
  }

  /// The `format` of the JSON report (which `trigemu report` reads; docs/json-formats.md).
  public static let format = "trigemu-rates-2"

  /// The settings and totals of a rates report.
  public struct Summary: Codable, Sendable {
    public var menu: String
    public var instantaneousLuminosityCm2s: Double
    public var integratedLuminosityPb: Double
    public var events: Int
    public var budgetHz: Double
    public var totalRawHz: Double
    public var totalRawErrorHz: Double
    public var totalHz: Double
    public var totalErrorHz: Double
    public var headroomHz: Double
    public var hltKeptHz: Double
    public var hltKeptErrorHz: Double

    enum CodingKeys: String, CodingKey {
      case menu, events
      case instantaneousLuminosityCm2s = "instantaneous_luminosity_cm2s", integratedLuminosityPb = "integrated_luminosity_pb"
      case budgetHz = "budget_hz", totalRawHz = "total_raw_hz", totalRawErrorHz = "total_raw_error_hz", totalHz = "total_hz"
      case totalErrorHz = "total_error_hz", headroomHz = "headroom_hz", hltKeptHz = "hlt_kept_hz", hltKeptErrorHz = "hlt_kept_error_hz"
    }
  }

  /// The JSON document: settings and totals, and the tables `rates`, `overlap_pct` and
  /// `hlt_rates` (empty without an hlt section).
  public var document: ReportDocument<Summary> {
    let summary = Summary(
      menu: menuName, instantaneousLuminosityCm2s: instantaneousLuminosity, integratedLuminosityPb: integratedLuminosityPb, events: events,
      budgetHz: budgetHz, totalRawHz: totalRaw.hertz, totalRawErrorHz: totalRaw.errorHz, totalHz: totalAccepted.hertz,
      totalErrorHz: totalAccepted.errorHz, headroomHz: headroomHz, hltKeptHz: hltKept.hertz, hltKeptErrorHz: hltKept.errorHz)
    return ReportDocument(format: Self.format, title: title, summary: summary, tables: [lineTable, overlapTable, hltTable])
  }

  public func jsonBytes() throws(LocatedError) -> [UInt8] { try document.jsonBytes() }
}

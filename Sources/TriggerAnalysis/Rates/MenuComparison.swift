import TriggerSupport
import Foundation
import TriggerEvents

/// Two menus on the same events, side by side: rates per line (the lines of both, flagged when
/// only one menu has them) and for the menu as a whole, with the differences B − A; signal
/// efficiencies on the same signal samples; and what changed in their definitions.
public struct MenuComparison: Sendable {
  /// The rates of menu A and menu B, on the same events.
  public var a: MenuRates
  public var b: MenuRates
  /// What changed from A to B (`TriggerMenu.differences`): bits and lines added, removed, changed.
  public var definitionChanges: [String]
  /// Both menus' efficiencies on the same signal samples, when measured.
  public var signal: (a: SignalEfficiency, b: SignalEfficiency)?

  public init(a: MenuRates, b: MenuRates, definitionChanges: [String], signal: (a: SignalEfficiency, b: SignalEfficiency)? = nil) {
    self.a = a
    self.b = b
    self.definitionChanges = definitionChanges
    self.signal = signal
  }

  /// Per signal sample and row (the lines of both, then the menu and the HLT's kept events): the efficiency in A
  /// and in B in percent and the difference B − A (a line a menu lacks counts as 0 %).
  public var signalTable: ReportTable? {
    guard let signal else { return nil }
    var table = ReportTable(
      name: "signal_efficiency", columns: ["process", "selection", "line", "in", "n", "efficiency_a_pct", "efficiency_b_pct", "difference_pct"])
    for (index, sample) in signal.a.samples.enumerated() {
      let menuRows = [SignalEfficiency.menuRowName] + (signal.a.hasHLT || signal.b.hasHLT ? [SignalEfficiency.keptRowName] : [])
      for name in lineNames + menuRows {
        let inA = signal.a.count(row: name, in: signal.a.samples[index]) != nil, inB = signal.b.count(row: name, in: signal.b.samples[index]) != nil
        let efficiencyA = signal.a.efficiency(line: name, sample: index), efficiencyB = signal.b.efficiency(line: name, sample: index)
        let difference: ReportTable.Cell =
          sample.selected > 0 ? .number(100 * ((efficiencyB ?? 0) - (efficiencyA ?? 0)), digits: 1) : .missing
        table.add([
          .text(sample.process), .text(sample.selection), .text(name), .text(Self.place(inA: inA, inB: inB)),
          .integer(sample.selected), efficiencyA.map { .number(100 * $0, digits: 1) } ?? .missing,
          efficiencyB.map { .number(100 * $0, digits: 1) } ?? .missing, difference,
        ])
      }
    }
    return table
  }

  /// The lines of A in its order, then those only B has.
  public var lineNames: [String] { Self.union(a.lines.map(\.name), b.lines.map(\.name)) }

  /// The HLT lines of A in its order, then those only B has.
  public var hltLineNames: [String] { Self.union(a.hltLines.map(\.name), b.hltLines.map(\.name)) }

  /// The names of `first` in its order, then those only `second` has.
  static func union(_ first: [String], _ second: [String]) -> [String] { first + second.filter { !first.contains($0) } }

  /// Where a line or row is: "both", "only A" or "only B".
  static func place(inA: Bool, inB: Bool) -> String { inA ? (inB ? "both" : "only A") : "only B" }

  /// Per L1 line and for any line, then per HLT line and for the events the HLT kept: the stage,
  /// where the line is, prescales, rates and pure rates in Hz of A and B and their differences
  /// B − A (a line a menu lacks counts as 0 Hz there).
  public var rateTable: ReportTable {
    var table = ReportTable(
      name: "rates",
      columns: [
        "line", "stage", "in", "prescale_a", "prescale_b", "rate_a_hz", "error_a_hz", "rate_b_hz", "error_b_hz", "rate_difference_hz", "pure_a_hz",
        "pure_b_hz", "pure_difference_hz",
      ])
    func number(_ value: Double?, _ digits: Int) -> ReportTable.Cell { value.map { .number($0, digits: digits) } ?? .missing }
    /// A row; a rate a menu lacks counts as 0 Hz in the difference, which is empty when neither has one.
    func row(
      _ name: String, _ stage: String, _ place: String, prescales: (Double?, Double?), rates: (MenuRates.Rate?, MenuRates.Rate?),
      pure: (MenuRates.Rate?, MenuRates.Rate?)
    ) {
      func difference(_ pair: (MenuRates.Rate?, MenuRates.Rate?)) -> ReportTable.Cell {
        pair.0 == nil && pair.1 == nil ? .missing : .number((pair.1?.hertz ?? 0) - (pair.0?.hertz ?? 0), digits: 1)
      }
      table.add([
        .text(name), .text(stage), .text(place), number(prescales.0, 0), number(prescales.1, 0), number(rates.0?.hertz, 1), number(rates.0?.errorHz, 1),
        number(rates.1?.hertz, 1), number(rates.1?.errorHz, 1), difference(rates), number(pure.0?.hertz, 1), number(pure.1?.hertz, 1), difference(pure),
      ])
    }
    /// A row per line of one stage, named in `names`, from A's and B's lines.
    func lineRows(_ names: [String], _ linesA: [MenuRates.Line], _ linesB: [MenuRates.Line]) {
      for name in names {
        let lineA = linesA.first { $0.name == name }, lineB = linesB.first { $0.name == name }
        row(
          name, (lineA ?? lineB)!.kind.map { "HLT " + $0 } ?? "L1", Self.place(inA: lineA != nil, inB: lineB != nil),
          prescales: (lineA?.prescale, lineB?.prescale), rates: (lineA?.accepted, lineB?.accepted), pure: (lineA?.pure, lineB?.pure))
      }
    }
    lineRows(lineNames, a.lines, b.lines)
    row(MenuRates.anyLineName, "L1", "both", prescales: (nil, nil), rates: (a.totalAccepted, b.totalAccepted), pure: (nil, nil))
    guard !a.hltLines.isEmpty || !b.hltLines.isEmpty else { return table }
    lineRows(hltLineNames, a.hltLines, b.hltLines)
    row(
      MenuRates.hltKeptName, "HLT", Self.place(inA: !a.hltLines.isEmpty, inB: !b.hltLines.isEmpty), prescales: (nil, nil),
      rates: (a.hltLines.isEmpty ? nil : a.hltKept, b.hltLines.isEmpty ? nil : b.hltKept), pure: (nil, nil))
    return table
  }

  public var title: String {
    String(
      format: "trigemu compare-menus: A = %@, B = %@ on the same %d events at L = %.3g cm^-2 s^-1 (%.3f pb^-1)", a.menuName, b.menuName, a.events,
      a.instantaneousLuminosity, a.integratedLuminosityPb)
  }

  static let legend =
    "rates after prescale and pure rates (accepted by no other line of the same menu and stage), Hz, with statistical errors; "
    + "difference = B − A; in: both menus, or only A or only B; HLT lines on the events each menu's L1 accepted"

  /// The definition changes as report lines.
  var changeLines: [String] {
    definitionChanges.isEmpty ? ["definitions: no differences"] : ["definitions A → B (\(definitionChanges.count)):"] + definitionChanges.map { "  " + $0 }
  }

  /// Each menu's HLT output against its L1 output (none for a menu without an hlt section).
  var hltOutputLines: [String] {
    [("A", a), ("B", b)].compactMap { label, rates in rates.hltLine.map { "\(label): " + $0 } }
  }

  /// The signal part of the reports: which samples, and the table.
  var signalLines: [String] {
    guard let signal, let table = signalTable else { return [] }
    return ["", "signal efficiencies on the same samples (lines before prescale, the menu after):"] + signal.a.sampleLines + ["", table.text]
  }

  public var text: String {
    ([title, "", Self.legend, "", rateTable.text, "", "A: " + a.budgetLine, "B: " + b.budgetLine] + hltOutputLines + signalLines + [""] + changeLines)
      .joined(separator: "\n")
  }

  public var markdown: String {
    var parts = ["# \(title)", "", Self.legend + ".", "", rateTable.markdown, "", "- A: " + a.budgetLine, "- B: " + b.budgetLine]
    parts += hltOutputLines.map { "- " + $0 } + [""]
    if let signal, let table = signalTable {
      parts += ["## Signal efficiencies", ""] + signal.a.sampleLines.map { "- " + $0 } + ["", table.markdown, ""]
    }
    return (parts + ["## Definitions", "", "```"] + changeLines + ["```", ""]).joined(separator: "\n")
  }

  /// The `format` of the JSON report (which `trigemu report` reads; docs/json-formats.md).
  public static let format = "trigemu-menu-comparison-2"

  /// One menu's totals in a comparison.
  public struct MenuTotals: Codable, Sendable {
    public var menu: String
    public var totalHz: Double
    public var totalErrorHz: Double
    public var budgetHz: Double
    public var headroomHz: Double
    /// The HLT output; nil (absent) when the menu has no hlt section.
    public var hltKeptHz: Double?

    enum CodingKeys: String, CodingKey {
      case menu
      case totalHz = "total_hz", totalErrorHz = "total_error_hz", budgetHz = "budget_hz", headroomHz = "headroom_hz", hltKeptHz = "hlt_kept_hz"
    }

    init(_ rates: MenuRates) {
      menu = rates.menuName
      totalHz = rates.totalAccepted.hertz
      totalErrorHz = rates.totalAccepted.errorHz
      budgetHz = rates.budgetHz
      headroomHz = rates.headroomHz
      hltKeptHz = rates.hltLines.isEmpty ? nil : rates.hltKept.hertz
    }
  }

  /// Both menus' totals and what changed in the definitions.
  public struct Summary: Codable, Sendable {
    public var a: MenuTotals
    public var b: MenuTotals
    public var definitionChanges: [String]

    enum CodingKeys: String, CodingKey {
      case a, b
      case definitionChanges = "definition_changes"
    }
  }

  /// The JSON document: the totals and changes, the table `rates` and, with signal samples,
  /// `signal_efficiency`.
  public var document: ReportDocument<Summary> {
    ReportDocument(
      format: Self.format, title: title, summary: Summary(a: MenuTotals(a), b: MenuTotals(b), definitionChanges: definitionChanges),
      tables: [rateTable] + [signalTable].compactMap { $0 })
  }

  public func jsonBytes() throws(LocatedError) -> [UInt8] { try document.jsonBytes() }
}

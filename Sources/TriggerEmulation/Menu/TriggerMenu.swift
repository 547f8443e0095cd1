import Foundation

/// A trigger menu: named input bits (condition plugins with parameters) and named output lines
/// (boolean expressions over bits and other lines, each with a prescale), plus the orthogonal
/// reference pairs the efficiency commands use. Loaded from YAML (docs/menus.md) and fully
/// validated before any event is read.
public struct TriggerMenu: Sendable {
  /// An input bit: a condition kind and its parameters, defaults filled in.
  public struct Bit: Sendable {
    /// A parameter's value, in its `unit` (empty for counts and switches).
    public struct Parameter: Sendable, Equatable {
      public var name: String
      public var value: PluginValue
      public var unit: String
    }

    public var name: String
    public var kind: String
    /// Every parameter of the kind, in the kind's order, defaults filled in.
    public var parameters: [Parameter]
    public var line: Int
  }

  /// An output line.
  public struct Line: Sendable {
    public var name: String
    public var expression: String
    /// Accept one in `prescale` raw fires (≥ 1, fractional allowed); 0 disables the line.
    public var prescale: Double
    public var description: String?
    public var line: Int
    let parsed: LineExpression
  }

  /// A line of the online selection (HLT), run on the events L1 accepts: a cut over event
  /// variables (`HLTVariables`) with a prescale. Filter lines keep the event (any one is
  /// enough), reject lines throw it away and win over filters, skim lines only tag it.
  public struct HLTLine: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
      case filter, skim, reject
    }

    public var name: String
    public var kind: Kind
    public var cut: String
    public var prescale: Double
    public var description: String?
    public var line: Int
    let parsed: CutExpression
  }

  public var path: String
  /// The SHA-256 (hex) of the menu's text as read, for provenance.
  public var sha256 = ""
  public var name: String
  public var version: String
  public var description: String
  public var bits: [Bit]
  public var lines: [Line]
  /// Line → its orthogonal reference line, in file order.
  public var referencePairs: [(line: String, reference: String)]
  /// Shared libraries of external condition plugins, as paths resolved against the menu's folder.
  public var pluginLibraries: [String]
  /// The online selection's lines, in file order (empty when the menu has no `hlt` section).
  public var hltLines: [HLTLine] = []

  public func bit(named name: String) -> Bit? { bits.first { $0.name == name } }
  public func line(named name: String) -> Line? { lines.first { $0.name == name } }
  public func reference(of line: String) -> String? { referencePairs.first { $0.line == line }?.reference }
  public func hltLine(named name: String) -> HLTLine? { hltLines.first { $0.name == name } }

  /// Where a line is: an L1 line or an HLT line, by its index in `lines` or `hltLines`.
  public enum LineIndex: Equatable, Sendable {
    case l1(Int)
    case hlt(Int)
  }

  /// The L1 or HLT line called `name` (names are unique across both), or nil.
  public func lineIndex(named name: String) -> LineIndex? {
    if let index = lines.firstIndex(where: { $0.name == name }) { return .l1(index) }
    return hltLines.firstIndex { $0.name == name }.map { .hlt($0) }
  }

  /// The names of every L1 and HLT line, for error messages: "L1: a, b; HLT: c".
  public var lineNameList: String {
    let l1 = "L1: " + lines.map(\.name).joined(separator: ", ")
    return hltLines.isEmpty ? l1 : l1 + "; HLT: " + hltLines.map(\.name).joined(separator: ", ")
  }
}

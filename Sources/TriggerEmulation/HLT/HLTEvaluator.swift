import TriggerEvents

/// The online selection of one menu, applied to events L1 accepted, in input order: each HLT
/// line's cut (before its prescale: `raw`), its prescale (`accepted`), and whether the event is
/// kept: some filter line accepted it and no reject line did (reject lines win).
public struct HLTEvaluator: Sendable {
  public let lines: [TriggerMenu.HLTLine]
  private var prescaler: Prescaler
  private var variables = HLTVariables()

  public init(menu: TriggerMenu, mode: PrescaleMode) {
    lines = menu.hltLines
    prescaler = Prescaler(lines: menu.hltLines.map { ($0.name, $0.prescale) }, mode: mode)
  }

  /// The decisions for one event: per line raw and accepted, and whether the event is kept.
  public struct Decision: Equatable, Sendable {
    public var raw: [Bool]
    public var accepted: [Bool]
    public var kept: Bool
  }

  /// Evaluates every line on `event` into `decision` (its arrays are reused).
  public mutating func evaluate(_ event: EventView, into decision: inout Decision) {
    variables.compute(event)
    var filtered = false, rejected = false
    for (index, line) in lines.enumerated() {
      let raw = line.parsed.holds(variables.values)
      let accepted = raw && prescaler.keeps(line: index, header: event.header)
      decision.raw[index] = raw
      decision.accepted[index] = accepted
      switch line.kind {
      case .filter: filtered = filtered || accepted
      case .reject: rejected = rejected || accepted
      case .skim: break
      }
    }
    decision.kept = filtered && !rejected
  }

  /// An empty decision sized for this menu's lines.
  public var emptyDecision: Decision {
    Decision(raw: Array(repeating: false, count: lines.count), accepted: Array(repeating: false, count: lines.count), kept: false)
  }
}

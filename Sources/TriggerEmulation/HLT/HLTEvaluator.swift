import TriggerEvents

/// The cuts of a menu's HLT lines, evaluated on one event at a time (one per thread): which
/// lines' cuts hold, before any prescale.
public struct HLTCuts: Sendable {
  private let cuts: [CutExpression]
  private var variables = HLTVariables()
  /// 64-bit words per event of line bits.
  public let words: Int

  public init(menu: TriggerMenu) {
    cuts = menu.hltLines.map(\.parsed)
    words = max(1, FlagWords.count(menu.hltLines.count))
  }

  /// Sets bit k of `raw` (`words` words) when line k's cut holds on `event`.
  public mutating func evaluate(_ event: EventView, into raw: UnsafeMutablePointer<UInt64>) {
    for word in 0..<words { raw[word] = 0 }
    guard !cuts.isEmpty else { return }
    variables.compute(event)
    for (index, cut) in cuts.enumerated() where cut.holds(variables.values) { raw.setFlag(index) }
  }
}

/// The HLT's prescales and accept logic, applied in input order to the events L1 accepted: a
/// line is accepted when its cut held and its prescale keeps it; the event is kept when some
/// filter line accepted it and no reject line did (reject lines win; skim lines only tag).
public struct HLTAcceptance: Sendable {
  private let kinds: [TriggerMenu.HLTLine.Kind]
  private var prescaler: Prescaler

  public init(menu: TriggerMenu, mode: PrescaleMode) {
    kinds = menu.hltLines.map(\.kind)
    prescaler = Prescaler(lines: menu.hltLines.map { ($0.name, $0.prescale) }, mode: mode)
  }

  /// Fills `accepted` from `raw` and returns whether the event is kept.
  public mutating func accept(raw: UnsafeBufferPointer<UInt64>, header: EventHeader, into accepted: UnsafeMutablePointer<UInt64>) -> Bool {
    prescaler.apply(raw: raw, header: header, into: accepted)
    var filtered = false, rejected = false
    for (index, kind) in kinds.enumerated() where accepted.flag(index) {
      switch kind {
      case .filter: filtered = true
      case .reject: rejected = true
      case .skim: break
      }
    }
    return filtered && !rejected
  }
}

/// The HLT of one menu on a sequence of events, one at a time (cuts, then prescales and the
/// accept logic): for tests and tools that look at single events.
public struct HLTEvaluator: Sendable {
  public let lines: [TriggerMenu.HLTLine]
  private var cuts: HLTCuts
  private var acceptance: HLTAcceptance

  public init(menu: TriggerMenu, mode: PrescaleMode) {
    lines = menu.hltLines
    cuts = HLTCuts(menu: menu)
    acceptance = HLTAcceptance(menu: menu, mode: mode)
  }

  /// The decisions for one event: per line raw and accepted, and whether the event is kept.
  public struct Decision: Equatable, Sendable {
    public var raw: [Bool]
    public var accepted: [Bool]
    public var kept: Bool
  }

  /// Evaluates every line on `event` into `decision`.
  public mutating func evaluate(_ event: EventView, into decision: inout Decision) {
    var raw = [UInt64](repeating: 0, count: cuts.words), accepted = raw
    raw.withUnsafeMutableBufferPointer { cuts.evaluate(event, into: $0.baseAddress!) }
    decision.kept = raw.withUnsafeBufferPointer { raw in
      accepted.withUnsafeMutableBufferPointer { acceptance.accept(raw: raw, header: event.header, into: $0.baseAddress!) }
    }
    for index in lines.indices {
      decision.raw[index] = raw.flag(index)
      decision.accepted[index] = accepted.flag(index)
    }
  }

  /// An empty decision sized for this menu's lines.
  public var emptyDecision: Decision {
    Decision(raw: Array(repeating: false, count: lines.count), accepted: Array(repeating: false, count: lines.count), kept: false)
  }
}

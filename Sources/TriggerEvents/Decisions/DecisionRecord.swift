/// One event's decisions as the decision stream holds them: which event, which firmware model,
/// the menu's bits, its L1 lines before (raw) and after (accepted) their prescales, and the HLT
/// lines likewise, each as words of 64 (bit k of word k / 64 is the k-th name of the stream).
public struct DecisionRecord: Equatable, Sendable {
  public var run: UInt32
  public var eventNumber: UInt32
  public var experiment: UInt16
  /// Index into the stream's `firmwareNames`.
  public var firmwareModel: Int
  /// Some L1 line accepted the event (after its prescale).
  public var l1Accepted: Bool
  /// The HLT kept the event (false without an HLT, or when L1 rejected it).
  public var hltKept: Bool
  public var bits: [UInt64]
  public var raw: [UInt64]
  public var accepted: [UInt64]
  public var hltRaw: [UInt64]
  public var hltAccepted: [UInt64]

  public init(
    run: UInt32, eventNumber: UInt32, experiment: UInt16, firmwareModel: Int, l1Accepted: Bool, hltKept: Bool, bits: [UInt64], raw: [UInt64],
    accepted: [UInt64], hltRaw: [UInt64], hltAccepted: [UInt64]
  ) {
    self.run = run
    self.eventNumber = eventNumber
    self.experiment = experiment
    self.firmwareModel = firmwareModel
    self.l1Accepted = l1Accepted
    self.hltKept = hltKept
    self.bits = bits
    self.raw = raw
    self.accepted = accepted
    self.hltRaw = hltRaw
    self.hltAccepted = hltAccepted
  }
}

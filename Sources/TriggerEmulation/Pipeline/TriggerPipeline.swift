import TriggerEvents

/// The streaming pipeline: events from `.trg` inputs through the L1 processors (as each run's
/// firmware model makes them), the menu's bits and lines, and its prescales, in input order, on
/// several threads.
///
/// Each thread decodes a chunk and runs the processors and the menu on it (its own
/// `TriggerProcessor` and `MenuEvaluator`); prescales are applied afterwards, one event at a
/// time in input order, so the decisions are the same whatever the thread count.
public final class TriggerPipeline {
  /// One event's decisions: bits, lines before prescale (raw) and after (accepted), as words of
  /// 64 (bit k of word k / 64 is bit or line k of the menu).
  public struct Decision {
    /// The event the decision is about (a view into the decoded chunk, valid during the call).
    public var event: EventView
    public var header: EventHeader { event.header }
    public var bits: UnsafeBufferPointer<UInt64>
    public var raw: UnsafeBufferPointer<UInt64>
    public var accepted: UnsafeBufferPointer<UInt64>
    /// The firmware model the event was emulated with: an index into the pipeline's `firmware.models`.
    public var firmwareModel: Int
    /// The HLT on the events L1 accepted (any line after its prescale): per HLT line, its cut
    /// (`hltRaw`) and its prescale (`hltAccepted`), and whether the HLT kept the event. All
    /// empty or false when L1 rejected the event or the menu has no HLT.
    public var hltRaw: UnsafeBufferPointer<UInt64>
    public var hltAccepted: UnsafeBufferPointer<UInt64>
    public var hltKept: Bool
    /// Every HLT line's cut on this event, whatever L1 did, when the pipeline evaluates the HLT
    /// on every event (`hltOnEveryEvent`); otherwise as `hltRaw` on the events L1 accepted, and
    /// on some others. The truth an HLT line's measured efficiency is compared with.
    public var hltCuts: UnsafeBufferPointer<UInt64>

    /// Whether L1 accepted the event (some line after its prescale).
    @inlinable public var l1Accepted: Bool { accepted.anyFlag }
    @inlinable public func fired(bit index: Int) -> Bool { bits.flag(index) }
    @inlinable public func rawFired(line index: Int) -> Bool { raw.flag(index) }
    @inlinable public func accepted(line index: Int) -> Bool { accepted.flag(index) }
    @inlinable public func hltRawFired(line index: Int) -> Bool { hltRaw.flag(index) }
    @inlinable public func hltAccepted(line index: Int) -> Bool { hltAccepted.flag(index) }
    @inlinable public func hltCutHolds(line index: Int) -> Bool { hltCuts.flag(index) }

    /// Whether the L1 or HLT line fired before its prescale.
    public func rawFired(_ line: TriggerMenu.LineIndex) -> Bool {
      switch line {
      case .l1(let index): rawFired(line: index)
      case .hlt(let index): hltRawFired(line: index)
      }
    }

    /// Whether the line fired whatever the other stage did: an L1 line before its prescale, an
    /// HLT line's cut (`hltCuts`; on every event only with `hltOnEveryEvent`).
    public func firedAlone(_ line: TriggerMenu.LineIndex) -> Bool {
      switch line {
      case .l1(let index): rawFired(line: index)
      case .hlt(let index): hltCutHolds(line: index)
      }
    }

    /// Whether the L1 or HLT line accepted the event (after its prescale).
    public func accepted(_ line: TriggerMenu.LineIndex) -> Bool {
      switch line {
      case .l1(let index): accepted(line: index)
      case .hlt(let index): hltAccepted(line: index)
      }
    }
  }

  /// Per-thread processors and evaluators, one of each per firmware model of the plan, and the
  /// model of the run seen last.
  private final class Slot: @unchecked Sendable {
    let processors: [TriggerProcessor]
    let evaluators: [MenuEvaluator]
    var hltCuts: HLTCuts
    var lastRunKey = UInt64.max
    var model = 0
    init(menu: TriggerMenu, registry: PluginRegistry, plan: FirmwarePlan) throws {
      processors = plan.models.map { TriggerProcessor(firmware: $0.compiled) }
      evaluators = try plan.models.map { try MenuEvaluator(menu: menu, registry: registry, firmware: $0) }
      hltCuts = HLTCuts(menu: menu)
    }
  }

  /// The bits and raw lines of one chunk's events (filled by the thread that decoded it).
  private struct ChunkDecisions: @unchecked Sendable {
    var bits: [UInt64]
    var raw: [UInt64]
    var models: [Int]
    /// The HLT lines' cuts, for the events with some raw L1 line (zero otherwise).
    var hlt: [UInt64]
  }

  public let menu: TriggerMenu
  /// Which firmware model each run gets.
  public let firmware: FirmwarePlan
  public let threads: Int
  /// Whether the worker threads evaluate the HLT cuts on every event (for `Decision.hltCuts`),
  /// not only where L1 may accept.
  public let hltOnEveryEvent: Bool
  private var prescaler: Prescaler
  private var hltAcceptance: HLTAcceptance
  private let slots: [Slot]

  /// A pipeline for `menu` with the firmware of `firmware` (ideal by default). Every model is
  /// set up for the menu here, before any event is read. `hltOnEveryEvent` evaluates the HLT
  /// cuts on every event (slower; for the truth of HLT line efficiencies).
  public init(
    menu: TriggerMenu, registry: PluginRegistry, firmware: FirmwarePlan = .ideal, prescaleMode: PrescaleMode, threads: Int, hltOnEveryEvent: Bool = false
  ) throws {
    self.menu = menu
    self.firmware = firmware
    self.threads = max(1, threads)
    self.hltOnEveryEvent = hltOnEveryEvent
    prescaler = Prescaler(menu: menu, mode: prescaleMode)
    hltAcceptance = HLTAcceptance(menu: menu, mode: prescaleMode)
    slots = try (0..<max(1, threads)).map { _ in try Slot(menu: menu, registry: registry, plan: firmware) }
  }

  /// What the pipeline read from one input: its events, and with `hashingInputs` the file's
  /// SHA-256 (64 lowercase hex digits), taken as its chunks went by.
  public struct InputRead {
    public var events: Int
    public var sha256: String?
  }

  /// Streams the `.trg` files at `paths`, in order, as one stream through the chain, calling
  /// `body` with each event's decision; `progress` gets the events done so far and the total the
  /// chunk headers announce (nil when one cannot tell). Returns what was read from each file;
  /// `hashingInputs` hashes each file while it is read (for provenance; no second pass).
  public func run(
    paths: [String], hashingInputs: Bool = false, progress: (Int, Int?) -> Void = { _, _ in }, _ body: (Decision) throws -> Void
  ) throws -> [InputRead] {
    let readers = try paths.map { try TRGReader(path: $0, hashing: hashingInputs) }
    let total = TRGReader.announcedEventCount(of: readers)
    var events = 0
    var inputs: [InputRead] = []
    for reader in readers {
      let first = events
      try run(reader) { decision in
        try body(decision)
        events += 1
        progress(events, total)
      }
      inputs.append(InputRead(events: events - first, sha256: try reader.sha256Hex()))
    }
    return inputs
  }

  /// Streams `reader`'s events through the chain, calling `body` with each event's decision in
  /// input order. Prescale state carries over from earlier calls (several inputs, one pass).
  public func run(_ reader: TRGReader, _ body: (Decision) throws -> Void) throws {
    let slots = self.slots, plan = firmware, everyEvent = hltOnEveryEvent
    let bitWords = slots[0].evaluators[0].bitWords, lineWords = slots[0].evaluators[0].lineWords
    var accepted = [UInt64](repeating: 0, count: lineWords)
    let hltWords = slots[0].hltCuts.words, hasHLT = !menu.hltLines.isEmpty
    var hltAccepted = [UInt64](repeating: 0, count: hltWords)
    let noHLT = [UInt64](repeating: 0, count: hltWords)
    try reader.forEachChunk(threads: threads, process: { chunk, slot in
      let state = slots[slot]
      var decisions = ChunkDecisions(
        bits: [UInt64](repeating: 0, count: chunk.count * bitWords), raw: [UInt64](repeating: 0, count: chunk.count * lineWords),
        models: [Int](repeating: 0, count: chunk.count), hlt: [UInt64](repeating: 0, count: hasHLT ? chunk.count * hltWords : 0))
      decisions.bits.withUnsafeMutableBufferPointer { bits in
        decisions.raw.withUnsafeMutableBufferPointer { raw in
          decisions.hlt.withUnsafeMutableBufferPointer { hlt in
            for index in 0..<chunk.count {
              let event = chunk.event(at: index)
              let runKey = UInt64(event.header.experiment) << 32 | UInt64(event.header.run)
              if runKey != state.lastRunKey {
                state.lastRunKey = runKey
                state.model = plan.modelIndex(experiment: event.header.experiment, run: event.header.run)
              }
              // A run without its model (−1) is emulated as ideal here and refused in input order below.
              decisions.models[index] = state.model
              let model = max(0, state.model)
              let processor = state.processors[model]
              processor.process(event)
              let lines = raw.baseAddress! + index * lineWords
              state.evaluators[model].evaluate(processor.summary, header: event.header, bits: bits.baseAddress! + index * bitWords, lines: lines)
              // The HLT's cuts where L1 may accept (some raw line), or everywhere; its prescales come in input order below.
              if hasHLT && (everyEvent || UnsafeBufferPointer(start: lines, count: lineWords).anyFlag) {
                state.hltCuts.evaluate(event, into: hlt.baseAddress! + index * hltWords)
              }
            }
          }
        }
      }
      return decisions
    }) { chunk, decisions in
      try decisions.bits.withUnsafeBufferPointer { bits in
        try decisions.raw.withUnsafeBufferPointer { raw in
          try decisions.hlt.withUnsafeBufferPointer { hlt in
            try accepted.withUnsafeMutableBufferPointer { accepted in
              try hltAccepted.withUnsafeMutableBufferPointer { hltAccepted in
                try noHLT.withUnsafeBufferPointer { none in
                  for index in 0..<chunk.count {
                    let event = chunk.event(at: index)
                    guard decisions.models[index] >= 0 else {
                      throw plan.missingModelError(experiment: event.header.experiment, run: event.header.run)
                    }
                    let rawLines = raw.record(index, words: lineWords)
                    prescaler.apply(raw: rawLines, header: event.header, into: accepted.baseAddress!)
                    // The HLT runs on the events L1 accepted; for the others its lines are all off.
                    let runsHLT = hasHLT && UnsafeBufferPointer(accepted).anyFlag
                    let hltCuts = hasHLT ? hlt.record(index, words: hltWords) : none
                    let hltRaw = runsHLT ? hltCuts : none
                    let hltKept = runsHLT && hltAcceptance.accept(raw: hltRaw, header: event.header, into: hltAccepted.baseAddress!)
                    try body(Decision(
                      event: event, bits: bits.record(index, words: bitWords),
                      raw: rawLines, accepted: UnsafeBufferPointer(accepted), firmwareModel: decisions.models[index], hltRaw: hltRaw,
                      hltAccepted: runsHLT ? UnsafeBufferPointer(hltAccepted) : none, hltKept: hltKept, hltCuts: hltCuts))
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

extension UnsafeBufferPointer where Element == UInt64 {
  /// The `words` words of event `index` in a chunk's records laid end to end.
  fileprivate func record(_ index: Int, words: Int) -> UnsafeBufferPointer<UInt64> {
    UnsafeBufferPointer(rebasing: self[(index * words)..<((index + 1) * words)])
  }
}

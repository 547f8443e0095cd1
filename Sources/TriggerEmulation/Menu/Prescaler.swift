import TriggerEvents

/// How prescales pick the raw fires a line keeps.
public enum PrescaleMode: Sendable, Equatable, CustomStringConvertible {
  /// As the firmware does: a counter per line, started afresh for each run; the k-th raw
  /// fire of a line with prescale p is kept when ⌊k/p⌋ > ⌊(k−1)/p⌋ (so p = 1.5 keeps two in
  /// three). Reproducible whatever the thread count; inputs split at run boundaries merge exactly.
  case counter
  /// A seeded pseudo-random choice per (line, run, event number): keeps a raw fire with
  /// probability 1/p. Reproducible, and independent of how the input is split, even inside a run.
  case random(seed: UInt64)

  public var description: String {
    switch self {
    case .counter: "counter"
    case .random(let seed): "random (seed \(seed))"
    }
  }
}

/// Applies the menu's prescales to the raw line decisions, event by event in input order.
public struct Prescaler: Sendable {
  public let mode: PrescaleMode
  private let prescales: [Double]
  /// Hash of each line name (FNV-1a, stable across runs of the program) for the random mode.
  private let lineKeys: [UInt64]
  /// Raw fires so far of each line, per run.
  private var countsByRun: [UInt32: [UInt64]] = [:]
  private let lineCount: Int

  public init(menu: TriggerMenu, mode: PrescaleMode) {
    self.mode = mode
    prescales = menu.lines.map(\.prescale)
    lineKeys = menu.lines.map { line in
      line.name.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
    lineCount = menu.lines.count
  }

  /// Whether line `index`, which fired before its prescale in the event `header`, is kept.
  /// Call once per raw fire, in input order.
  public mutating func keeps(line index: Int, header: EventHeader) -> Bool {
    let prescale = prescales[index]
    if prescale == 0 { return false }
    if prescale == 1 { return true }
    switch mode {
    case .counter:
      let k = Double(countsByRun[header.run, default: Array(repeating: 0, count: lineCount)][index] + 1)
      countsByRun[header.run, default: Array(repeating: 0, count: lineCount)][index] += 1
      return (k / prescale).rounded(.down) > ((k - 1) / prescale).rounded(.down)
    case .random(let seed):
      // Seed, line and event mixed in turn through SplitMix64's finaliser.
      var seeded = SplitMix64(seed: seed)
      var perLine = SplitMix64(seed: seeded.next() ^ lineKeys[index])
      var perEvent = SplitMix64(seed: perLine.next() ^ (UInt64(header.run) << 32 | UInt64(header.eventNumber)))
      let uniform = Double(perEvent.next() >> 11) * 0x1p-53
      return uniform * prescale < 1
    }
  }
}

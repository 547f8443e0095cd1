import TriggerEvents
import TriggerSupport

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
  /// The random mode's seed of each line: the mode's seed mixed with a hash of the line's name
  /// (FNV-1a, stable across runs of the program) through SplitMix64.
  private let lineSeeds: [UInt64]
  /// Raw fires so far of each line, per run.
  private var countsByRun: [UInt32: [UInt64]] = [:]
  private let lineCount: Int

  public init(menu: TriggerMenu, mode: PrescaleMode) {
    self.init(lines: menu.lines.map { ($0.name, $0.prescale) }, mode: mode)
  }

  /// A prescaler of the named lines with their prescales (the L1 lines, or the HLT lines).
  public init(lines: [(name: String, prescale: Double)], mode: PrescaleMode) {
    self.mode = mode
    prescales = lines.map(\.prescale)
    var seeded = SplitMix64(seed: { if case .random(let seed) = mode { seed } else { 0 } }())
    let modeSeed = seeded.next()
    lineSeeds = lines.map { line in
      let nameHash = line.name.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
      var perLine = SplitMix64(seed: modeSeed ^ nameHash)
      return perLine.next()
    }
    lineCount = lines.count
  }

  /// Whether line `index`, which fired before its prescale in the event `header`, is kept.
  /// Call once per raw fire, in input order.
  public mutating func keeps(line index: Int, header: EventHeader) -> Bool {
    let prescale = prescales[index]
    if prescale == 0 { return false }
    if prescale == 1 { return true }
    switch mode {
    case .counter:
      let k = Double(Self.incremented(&countsByRun[header.run, default: Array(repeating: 0, count: lineCount)][index]))
      return (k / prescale).rounded(.down) > ((k - 1) / prescale).rounded(.down)
    case .random:
      // The line's seed and the event mixed through SplitMix64's finaliser.
      var perEvent = SplitMix64(seed: lineSeeds[index] ^ (UInt64(header.run) << 32 | UInt64(header.eventNumber)))
      let uniform = Double(perEvent.next() >> 11) * 0x1p-53
      return uniform * prescale < 1
    }
  }

  /// Applies the prescales to one event's lines in input order: the lines set in `raw` (words
  /// of 64) that their prescale keeps are set in `accepted` (as many words), the others cleared.
  public mutating func apply(raw: UnsafeBufferPointer<UInt64>, header: EventHeader, into accepted: UnsafeMutablePointer<UInt64>) {
    for word in 0..<raw.count { accepted[word] = 0 }
    for line in 0..<lineCount where raw.flag(line) && keeps(line: line, header: header) { accepted.setFlag(line) }
  }

  /// Adds one to `count` and returns the new value (one access to the dictionary entry).
  private static func incremented(_ count: inout UInt64) -> UInt64 {
    count += 1
    return count
  }
}

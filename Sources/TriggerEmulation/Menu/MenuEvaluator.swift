import TriggerEvents
import TriggerSupport

/// A menu made ready to evaluate: one condition per bit, and each line compiled to a short
/// postfix program over bit numbers (lines used inside other lines are expanded in place).
///
/// A firmware model acts here on the conditions' constants (`threshold.*`, `angle.wrong_unit`),
/// on comparisons that can never be true, and on the output bits before the lines read them
/// (stuck bits, random bit errors).
///
/// One per thread: external plugin conditions keep per-thread buffers. Evaluation is per event
/// (one dynamic call per bit), never per hit.
public final class MenuEvaluator: @unchecked Sendable {
  /// The operators of a line's program; an operand is a bit number (≥ 0).
  private static let notCode: Int32 = -1, andCode: Int32 = -2, orCode: Int32 = -3

  public let menu: TriggerMenu
  /// One condition per bit, each in a class box: a call is one virtual dispatch, with no copy
  /// of an existential box per event.
  private let conditions: [ConditionBox]
  /// Every line's postfix program, laid end to end: bit numbers and operator codes.
  private let operations: [Int32]
  /// Where line k's program starts in `operations`; entry k + 1 is where it ends.
  private let programStarts: [Int]
  /// 64-bit words per event for the bits and for the lines.
  public let bitWords: Int
  public let lineWords: Int

  /// Output-bit faults: bits forced to 0 and to 1 (words of 64), and random flips.
  private let stuckAtZero: [UInt64]
  private let stuckAtOne: [UInt64]
  private let bitErrors: [(threshold: UInt64, bits: [Int], seed: UInt64)]
  private let hasBitFaults: Bool

  public init(menu: TriggerMenu, registry: PluginRegistry, firmware: FirmwareModel = .ideal) throws {
    self.menu = menu
    let faults = firmware.compiled
    conditions = try menu.bits.map { bit in
      if faults.neverTrueConditions.contains(bit.kind) { return ConditionBox.boxing(NeverTrue()) }
      return ConditionBox.boxing(try registry.make(kind: bit.kind, parameters: Dictionary(uniqueKeysWithValues: bit.parameters.map { ($0.name, $0.value) })) {
        faults.changeConstants(&$0, of: bit.kind)
      })
    }
    let bitIndex = Dictionary(uniqueKeysWithValues: menu.bits.enumerated().map { ($1.name, $0) })
    let lineByName = Dictionary(uniqueKeysWithValues: menu.lines.map { ($0.name, $0) })
    func compile(_ expression: LineExpression, into program: inout [Int32]) {
      switch expression {
      case .name(let name, _):
        if let bit = bitIndex[name] { program.append(Int32(bit)) } else { compile(lineByName[name]!.parsed, into: &program) }
      case .not(let inner):
        compile(inner, into: &program)
        program.append(Self.notCode)
      case .and(let a, let b):
        compile(a, into: &program)
        compile(b, into: &program)
        program.append(Self.andCode)
      case .or(let a, let b):
        compile(a, into: &program)
        compile(b, into: &program)
        program.append(Self.orCode)
      }
    }
    var operations: [Int32] = [], programStarts = [0]
    for line in menu.lines {
      compile(line.parsed, into: &operations)
      programStarts.append(operations.count)
    }
    self.operations = operations
    self.programStarts = programStarts
    bitWords = max(1, FlagWords.count(menu.bits.count))
    lineWords = max(1, FlagWords.count(menu.lines.count))
    func bitIndexOf(_ name: String, fault kind: String) throws -> Int {
      guard let index = bitIndex[name] else {
        let line = firmware.faults.first { $0.kind == kind && $0.parameters.contains { $0.name == "bit" && $0.value == .text(name) } }?.line ?? 0
        throw LocatedError(
          file: firmware.path, line: line, column: 0,
          message: "firmware model \(firmware.name): \(kind) names bit \"\(name)\", which menu \(menu.name) does not have (its bits: \(menu.bits.map(\.name).joined(separator: ", ")))")
      }
      return index
    }
    var zero = [UInt64](repeating: 0, count: bitWords), one = zero
    for stuck in faults.stuckBits {
      let index = try bitIndexOf(stuck.bit, fault: "bit.stuck")
      if stuck.value { one.setFlag(index) } else { zero.setFlag(index) }
    }
    stuckAtZero = zero
    stuckAtOne = one
    bitErrors = try faults.bitErrors.map { errors in
      let bits = try errors.bit.map { [try bitIndexOf($0, fault: "bit.random_errors")] } ?? Array(menu.bits.indices)
      // Flip when a uniform 64-bit draw is below rate × 2⁶⁴.
      let threshold = errors.rate >= 1 ? UInt64.max : UInt64(errors.rate * 0x1p64)
      return (threshold, bits, errors.seed)
    }
    hasBitFaults = !faults.stuckBits.isEmpty || !faults.bitErrors.isEmpty
    for (index, line) in menu.lines.enumerated() {
      var depth = 0, deepest = 0
      for operation in operations[programStarts[index]..<programStarts[index + 1]] {
        if operation >= 0 { depth += 1 } else if operation != Self.notCode { depth -= 1 }
        deepest = max(deepest, depth)
      }
      guard deepest <= 64 else {
        throw LocatedError(file: menu.path, line: line.line, column: 0,
          message: "line \(line.name): the expression nests \(deepest) operands deep once lines are expanded; at most 64 are supported")
      }
    }
  }

  /// Evaluates every bit and every line (before prescales) on `summary`, writing bit k of
  /// `bits` and line k of `lines` (as words of 64); `header` seeds the model's random bit errors.
  public func evaluate(_ summary: TriggerSummary, header: EventHeader, bits: UnsafeMutablePointer<UInt64>, lines: UnsafeMutablePointer<UInt64>) {
    for word in 0..<bitWords { bits[word] = 0 }
    for word in 0..<lineWords { lines[word] = 0 }
    for (index, condition) in conditions.enumerated() where condition.evaluate(summary) { bits.setFlag(index) }
    if hasBitFaults { applyBitFaults(bits, header: header) }
    operations.withUnsafeBufferPointer { operations in
      programStarts.withUnsafeBufferPointer { starts in
        for line in 0..<(starts.count - 1) {
          // The operand stack as the bits of one word, top of stack in bit 0 (depth ≤ 64, checked in init).
          var stack: UInt64 = 0
          for position in starts[line]..<starts[line + 1] {
            let operation = operations[position]
            if operation >= 0 {
              stack = stack << 1 | (bits.flag(Int(operation)) ? 1 : 0)
            } else if operation == Self.notCode {
              stack ^= 1
            } else {
              let top = stack & 1
              stack = operation == Self.andCode ? (stack >> 1) & (~1 | top) : (stack >> 1) | top
            }
          }
          if stack & 1 != 0 { lines.setFlag(line) }
        }
      }
    }
  }

  /// Stuck bits and random flips on the output bits, before the lines read them. Each flip is
  /// one draw per (seed, event, bit), independent of threads and chunking.
  private func applyBitFaults(_ bits: UnsafeMutablePointer<UInt64>, header: EventHeader) {
    for word in 0..<bitWords { bits[word] = bits[word] & ~stuckAtZero[word] | stuckAtOne[word] }
    for errors in bitErrors {
      for bit in errors.bits where FirmwareFaults.draw(seed: errors.seed, header, item: UInt64(bit)) < errors.threshold {
        bits.flipFlag(bit)
      }
    }
  }
}

/// A condition behind a class reference, opened once when the menu is set up.
private class ConditionBox {
  /// The box of `condition`, opened to its concrete type.
  static func boxing(_ condition: any TriggerCondition) -> ConditionBox {
    func typed<Condition: TriggerCondition>(_ condition: Condition) -> ConditionBox { Typed(condition) }
    return typed(condition)
  }

  func evaluate(_ summary: TriggerSummary) -> Bool { fatalError("abstract") }

  private final class Typed<Condition: TriggerCondition>: ConditionBox {
    let condition: Condition
    init(_ condition: Condition) { self.condition = condition }
    override func evaluate(_ summary: TriggerSummary) -> Bool { condition.evaluate(summary) }
  }
}

/// A condition whose comparison can never be true (`logic.never_true`).
private struct NeverTrue: TriggerCondition {
  func evaluate(_ summary: TriggerSummary) -> Bool { false }
}

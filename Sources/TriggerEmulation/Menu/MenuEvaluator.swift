/// A menu made ready to evaluate: one condition per bit, and each line compiled to a short
/// postfix program over bit numbers (lines used inside other lines are expanded in place).
///
/// One per thread: external plugin conditions keep per-thread buffers. Evaluation is per event
/// (one dynamic call per bit), never per hit.
public final class MenuEvaluator: @unchecked Sendable {
  enum Operation: Equatable {
    case bit(Int)
    case not, and, or
  }

  public let menu: TriggerMenu
  private let conditions: [any TriggerCondition]
  private let programs: [[Operation]]
  /// 64-bit words per event for the bits and for the lines.
  public let bitWords: Int
  public let lineWords: Int

  public init(menu: TriggerMenu, registry: PluginRegistry) throws {
    self.menu = menu
    conditions = try menu.bits.map { bit in
      try registry.make(kind: bit.kind, parameters: Dictionary(uniqueKeysWithValues: bit.parameters.map { ($0.name, $0.value) }))
    }
    let bitIndex = Dictionary(uniqueKeysWithValues: menu.bits.enumerated().map { ($1.name, $0) })
    let lineByName = Dictionary(uniqueKeysWithValues: menu.lines.map { ($0.name, $0) })
    func compile(_ expression: LineExpression, into program: inout [Operation]) {
      switch expression {
      case .name(let name, _):
        if let bit = bitIndex[name] { program.append(.bit(bit)) } else { compile(lineByName[name]!.parsed, into: &program) }
      case .not(let inner):
        compile(inner, into: &program)
        program.append(.not)
      case .and(let a, let b):
        compile(a, into: &program)
        compile(b, into: &program)
        program.append(.and)
      case .or(let a, let b):
        compile(a, into: &program)
        compile(b, into: &program)
        program.append(.or)
      }
    }
    programs = menu.lines.map { line in
      var program: [Operation] = []
      compile(line.parsed, into: &program)
      return program
    }
    bitWords = max(1, (menu.bits.count + 63) / 64)
    lineWords = max(1, (menu.lines.count + 63) / 64)
    for (line, program) in zip(menu.lines, programs) {
      var depth = 0, deepest = 0
      for operation in program {
        if case .bit = operation { depth += 1 } else if operation != .not { depth -= 1 }
        deepest = max(deepest, depth)
      }
      guard deepest <= 64 else {
        throw ConfigurationError(path: menu.path, line: line.line, column: 0,
          message: "line \(line.name): the expression nests \(deepest) operands deep once lines are expanded; at most 64 are supported")
      }
    }
  }

  /// Evaluates every bit and every line (before prescales) on `summary`, writing bit k of
  /// `bits` and line k of `lines` (as words of 64).
  public func evaluate(_ summary: TriggerSummary, bits: UnsafeMutablePointer<UInt64>, lines: UnsafeMutablePointer<UInt64>) {
    for word in 0..<bitWords { bits[word] = 0 }
    for word in 0..<lineWords { lines[word] = 0 }
    for (index, condition) in conditions.enumerated() where condition.evaluate(summary) {
      bits[index >> 6] |= 1 << UInt64(index & 63)
    }
    for (index, program) in programs.enumerated() {
      // The operand stack as the bits of one word, top of stack in bit 0 (depth ≤ 64, checked in init).
      var stack: UInt64 = 0
      for operation in program {
        switch operation {
        case .bit(let bit): stack = stack << 1 | (bits[bit >> 6] >> UInt64(bit & 63) & 1)
        case .not: stack ^= 1
        case .and:
          let top = stack & 1
          stack = (stack >> 1) & (~1 | top)
        case .or:
          let top = stack & 1
          stack = (stack >> 1) | top
        }
      }
      if stack & 1 != 0 { lines[index >> 6] |= 1 << UInt64(index & 63) }
    }
  }
}

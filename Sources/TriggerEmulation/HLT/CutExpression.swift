import Foundation

/// An HLT cut: comparisons of event variables (`HLTVariables`) and numbers with units, with
/// `+ - * /`, `abs(…)`, `&&`, `||`, `!` and parentheses, as Belle II's software trigger writes its
/// cuts as expression strings (e.g. `n_tracks == 0 && e1_cm > 1 GeV && theta1 > 45 deg`).
///
/// Quantities carry a dimension: a number with a unit (`500 MeV`, `45 deg`) is converted to the
/// variable's unit (GeV, deg); a plain number takes the unit of what it is compared or added
/// with; comparing or adding different dimensions is an error found when the cut is read.
indirect enum CutExpression: Sendable {
  case number(Double)
  case variable(Int)
  case negate(CutExpression)
  case absolute(CutExpression)
  case arithmetic(Arithmetic, CutExpression, CutExpression)
  case comparison(Comparison, CutExpression, CutExpression)
  case not(CutExpression)
  case and(CutExpression, CutExpression)
  case or(CutExpression, CutExpression)

  typealias SyntaxError = ExpressionSyntaxError

  /// The comparison operators, as cuts write them (two-character ones first, as the parser tries them).
  enum Comparison: String, CaseIterable, Sendable {
    case lessOrEqual = "<=", greaterOrEqual = ">=", equal = "==", notEqual = "!=", less = "<", greater = ">"
  }

  /// The arithmetic operators, as cuts write them.
  enum Arithmetic: Character, Sendable {
    case plus = "+", minus = "-", times = "*", divide = "/"
  }

  /// Whether the cut holds for the event whose variables are `values`.
  func holds(_ values: [Double]) -> Bool {
    switch self {
    case .not(let inner): !inner.holds(values)
    case .and(let a, let b): a.holds(values) && b.holds(values)
    case .or(let a, let b): a.holds(values) || b.holds(values)
    case .comparison(let op, let a, let b):
      switch op {
      case .less: a.value(values) < b.value(values)
      case .lessOrEqual: a.value(values) <= b.value(values)
      case .greater: a.value(values) > b.value(values)
      case .greaterOrEqual: a.value(values) >= b.value(values)
      case .equal: a.value(values) == b.value(values)
      case .notEqual: a.value(values) != b.value(values)
      }
    default: value(values) != 0
    }
  }

  /// The number an arithmetic expression gives.
  func value(_ values: [Double]) -> Double {
    switch self {
    case .number(let number): number
    case .variable(let index): values[index]
    case .negate(let inner): -inner.value(values)
    case .absolute(let inner): abs(inner.value(values))
    case .arithmetic(let op, let a, let b):
      switch op {
      case .plus: a.value(values) + b.value(values)
      case .minus: a.value(values) - b.value(values)
      case .times: a.value(values) * b.value(values)
      case .divide: a.value(values) / b.value(values)
      }
    default: holds(values) ? 1 : 0
    }
  }

  /// Parses `text` against the variables of `HLTVariables`; the cut must be a condition.
  static func parse(_ text: String) throws -> CutExpression {
    var parser = Parser(characters: Array(text.unicodeScalars))
    let (expression, type) = try parser.parseOr()
    parser.skipSpace()
    guard parser.position == parser.characters.count else {
      throw SyntaxError(offset: parser.position, message: parser.peek == ")" ? "unmatched \")\"" : "unexpected \"\(parser.rest)\"")
    }
    guard type == .condition else { throw SyntaxError(offset: 0, message: "the cut is a number, not a condition: compare it (e.g. \"> 1 GeV\")") }
    return expression
  }

  /// What a sub-expression is: a condition, or a number of a dimension ("" plain, else the unit
  /// it is held in: GeV, deg, cm, ns). A plain literal adapts to what it meets.
  enum Kind: Equatable {
    case condition
    case quantity(unit: String, literal: Bool)
  }

  private struct Parser: ExpressionScanning {
    var characters: [Unicode.Scalar]
    var position = 0
    var nesting = 0

    func error(_ message: String, at offset: Int? = nil) -> SyntaxError { SyntaxError(offset: offset ?? position, message: message) }

    mutating func parseOr() throws -> (CutExpression, Kind) {
      var (left, kind) = try parseAnd()
      while true {
        let at = position
        guard take("||") else { return (left, kind) }
        let (right, rightKind) = try parseAnd()
        guard kind == .condition, rightKind == .condition else { throw error("|| joins conditions, not numbers", at: at) }
        left = .or(left, right)
      }
    }

    mutating func parseAnd() throws -> (CutExpression, Kind) {
      var (left, kind) = try parseNot()
      while true {
        let at = position
        guard take("&&") else { return (left, kind) }
        let (right, rightKind) = try parseNot()
        guard kind == .condition, rightKind == .condition else { throw error("&& joins conditions, not numbers", at: at) }
        left = .and(left, right)
      }
    }

    mutating func parseNot() throws -> (CutExpression, Kind) {
      skipSpace()
      let at = position
      if peek == "!" && (position + 1 >= characters.count || characters[position + 1] != "=") {
        position += 1
        let (inner, kind) = try nested(openedAt: at) { try $0.parseNot() }
        guard kind == .condition else { throw error("! negates a condition, not a number", at: at) }
        return (.not(inner), .condition)
      }
      return try parseComparison()
    }

    mutating func parseComparison() throws -> (CutExpression, Kind) {
      let (left, leftKind) = try parseSum()
      skipSpace()
      let at = position
      for op in Comparison.allCases where take(op.rawValue) {
        let (right, rightKind) = try parseSum()
        _ = try unify(leftKind, rightKind, "compare", at: at)
        return (.comparison(op, left, right), .condition)
      }
      return (left, leftKind)
    }

    /// The dimension two operands share, or an error naming both.
    func unify(_ a: Kind, _ b: Kind, _ verb: String, at offset: Int) throws -> Kind {
      guard case .quantity(let unitA, let literalA) = a, case .quantity(let unitB, let literalB) = b else {
        throw error("cannot \(verb) a condition; \(verb) numbers", at: offset)
      }
      if unitA == unitB { return .quantity(unit: unitA, literal: literalA && literalB) }
      if literalA && unitA.isEmpty { return b }
      if literalB && unitB.isEmpty { return a }
      throw error("cannot \(verb) \(Self.describe(unitA)) with \(Self.describe(unitB))", at: offset)
    }

    /// "an energy (GeV)" for a base unit (`PhysicalUnit.baseUnits`), "a count" for none.
    static func describe(_ unit: String) -> String {
      PhysicalUnit.baseUnits.first { $0.value == unit }.map { "\($0.key) (\(unit))" } ?? "a count"
    }

    mutating func parseSum() throws -> (CutExpression, Kind) {
      var (left, kind) = try parseProduct()
      while true {
        skipSpace()
        let at = position
        guard let c = peek, c == "+" || c == "-" else { return (left, kind) }
        position += 1
        let (right, rightKind) = try parseProduct()
        kind = try unify(kind, rightKind, c == "+" ? "add" : "subtract", at: at)
        left = .arithmetic(Arithmetic(rawValue: Character(c))!, left, right)
      }
    }

    mutating func parseProduct() throws -> (CutExpression, Kind) {
      var (left, kind) = try parseUnary()
      while true {
        skipSpace()
        let at = position
        guard let c = peek, c == "*" || c == "/" else { return (left, kind) }
        position += 1
        let (right, rightKind) = try parseUnary()
        guard case .quantity(let unitA, let literalA) = kind, case .quantity(let unitB, let literalB) = rightKind else {
          throw error("cannot multiply or divide a condition", at: at)
        }
        if unitB.isEmpty {
          kind = .quantity(unit: unitA, literal: literalA && literalB)
        } else if unitA.isEmpty && c == "*" {
          kind = .quantity(unit: unitB, literal: literalA && literalB)
        } else if unitA == unitB && c == "/" {
          kind = .quantity(unit: "", literal: false)
        } else {
          throw error("cannot \(c == "*" ? "multiply" : "divide") \(Self.describe(unitA)) by \(Self.describe(unitB))", at: at)
        }
        left = .arithmetic(Arithmetic(rawValue: Character(c))!, left, right)
      }
    }

    mutating func parseUnary() throws -> (CutExpression, Kind) {
      skipSpace()
      if peek == "-" {
        let at = position
        position += 1
        let (inner, kind) = try nested(openedAt: at) { try $0.parseUnary() }
        guard kind != .condition else { throw error("cannot negate a condition with -; use !", at: at) }
        return (.negate(inner), kind)
      }
      return try parsePrimary()
    }

    mutating func parsePrimary() throws -> (CutExpression, Kind) {
      skipSpace()
      let start = position
      guard let c = peek else { throw error("expected a variable, a number or \"(\", found the end of the cut") }
      if c == "(" {
        position += 1
        let inner = try nested(openedAt: start) { try $0.parseOr() }
        guard take(")") else { throw error("expected \")\" to close the \"(\" at character \(start + 1)") }
        return inner
      }
      if c.properties.numericType != nil || c == "." {
        while let d = peek, d.properties.numericType != nil || d == "." || d == "e" || d == "E"
          || ((d == "-" || d == "+") && (characters[position - 1] == "e" || characters[position - 1] == "E"))
        {
          position += 1
        }
        let digits = text(from: start)
        guard let number = Double(digits) else { throw error("\"\(digits)\" is not a number", at: start) }
        // An optional unit right after the number.
        skipSpace()
        let unitStart = position
        while let d = peek, d.properties.isAlphabetic { position += 1 }
        let unit = text(from: unitStart)
        if unit.isEmpty { return (.number(number), .quantity(unit: "", literal: true)) }
        guard let known = PhysicalUnit.units[unit] else {
          // Not a unit: a variable name follows (e.g. "2 n_tracks" is a syntax error reported there).
          position = unitStart
          return (.number(number), .quantity(unit: "", literal: true))
        }
        // Sizes are in the dimension's base unit, the unit the variables hold values in.
        return (.number(number * known.size), .quantity(unit: PhysicalUnit.baseUnits[known.dimension]!, literal: true))
      }
      guard c.properties.isAlphabetic || c == "_" else { throw error("expected a variable, a number or \"(\", found \"\(rest)\"") }
      while let d = peek, d.properties.isAlphabetic || d.properties.numericType != nil || d == "_" { position += 1 }
      let name = text(from: start)
      if name == "abs" {
        guard take("(") else { throw error("expected \"(\" after abs") }
        let (inner, kind) = try nested(openedAt: start) { try $0.parseSum() }
        guard take(")") else { throw error("expected \")\" to close abs(") }
        guard kind != .condition else { throw error("abs takes a number", at: start) }
        return (.absolute(inner), kind)
      }
      guard let index = HLTVariables.index(of: name) else {
        throw error("unknown variable \"\(name)\" (known: \(HLTVariables.all.map(\.name).joined(separator: ", ")))", at: start)
      }
      return (.variable(index), .quantity(unit: HLTVariables.all[index].unit, literal: false))
    }
  }
}

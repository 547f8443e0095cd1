/// A menu line's boolean expression over bit and line names: `&&`, `||`, `!` and parentheses,
/// with `!` binding tightest and `&&` tighter than `||` (as in C and in Belle II's GDL logic).
indirect enum LineExpression: Equatable, Sendable, CustomStringConvertible {
  case name(String, offset: Int)
  case not(LineExpression)
  case and(LineExpression, LineExpression)
  case or(LineExpression, LineExpression)

  typealias SyntaxError = ExpressionSyntaxError

  /// Parses `text`; names are letters, digits, `_` and `.`, starting with a letter or `_`.
  static func parse(_ text: String) throws -> LineExpression {
    var parser = Parser(characters: Array(text.unicodeScalars))
    let expression = try parser.parseOr()
    parser.skipSpace()
    if parser.position < parser.characters.count {
      if let error = parser.strayOperator() { throw error }
      throw SyntaxError(offset: parser.position, message: parser.peek == ")" ? "unmatched \")\"" : "expected && or || here, found \"\(parser.rest)\"")
    }
    return expression
  }

  /// Whether `name` is a valid bit or line name: letters, digits, `_` and `.`, starting with a
  /// letter or `_` (the one rule for menu names and the names inside expressions).
  static func isValidName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, startsName(first) else { return false }
    return name.unicodeScalars.allSatisfy(continuesName)
  }

  private static func startsName(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || c == "_" }
  private static func continuesName(_ c: Unicode.Scalar) -> Bool { startsName(c) || c.properties.numericType != nil || c == "." }

  /// Every name used, with its offset, in reading order.
  var names: [(name: String, offset: Int)] {
    switch self {
    case .name(let name, let offset): [(name, offset)]
    case .not(let inner): inner.names
    case .and(let a, let b), .or(let a, let b): a.names + b.names
    }
  }

  /// Canonical text: fully parenthesised where precedence needs it, single spaces.
  var description: String {
    switch self {
    case .name(let name, _): name
    case .not(let inner):
      if case .name = inner { "!\(inner)" } else { "!(\(inner))" }
    case .and(let a, let b): "\(a.andOperand) && \(b.andOperand)"
    case .or(let a, let b): "\(a) || \(b)"
    }
  }

  /// The text of an operand of `&&`: an `||` needs parentheses there.
  private var andOperand: String {
    if case .or = self { return "(\(self))" }
    return description
  }

  static func == (a: LineExpression, b: LineExpression) -> Bool { a.description == b.description }

  private struct Parser: ExpressionScanning {
    var characters: [Unicode.Scalar]
    var position = 0
    var nesting = 0

    /// The error for a lone `&` or `|` here, or a doubled one where an operand belongs.
    func strayOperator() -> SyntaxError? {
      guard let c = peek, c == "&" || c == "|" else { return nil }
      let doubled = position + 1 < characters.count && characters[position + 1] == c
      return SyntaxError(offset: position, message: doubled ? "an operand is missing before \"\(c)\(c)\"" : "\"\(c)\" is not an operator: write \"\(c)\(c)\"")
    }

    mutating func parseOr() throws -> LineExpression {
      var left = try parseAnd()
      while take("||") { left = .or(left, try parseAnd()) }
      return left
    }

    mutating func parseAnd() throws -> LineExpression {
      var left = try parseNot()
      while take("&&") { left = .and(left, try parseNot()) }
      return left
    }

    mutating func parseNot() throws -> LineExpression {
      if take("!") { return .not(try nested(openedAt: position - 1) { try $0.parseNot() }) }
      return try parseAtom()
    }

    mutating func parseAtom() throws -> LineExpression {
      skipSpace()
      let start = position
      guard let c = peek else { throw SyntaxError(offset: position, message: "the expression ends where a name or \"(\" was expected") }
      if c == "(" {
        position += 1
        let inner = try nested(openedAt: start) { try $0.parseOr() }
        guard take(")") else { throw SyntaxError(offset: start, message: "\"(\" is never closed") }
        return inner
      }
      guard LineExpression.startsName(c) else {
        throw strayOperator() ?? SyntaxError(offset: position, message: "unexpected \"\(c)\": expected a bit or line name, \"!\" or \"(\"")
      }
      while let c = peek, LineExpression.continuesName(c) { position += 1 }
      return .name(text(from: start), offset: start)
    }
  }
}

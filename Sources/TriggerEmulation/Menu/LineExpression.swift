/// A menu line's boolean expression over bit and line names: `&&`, `||`, `!` and parentheses,
/// with `!` binding tightest and `&&` tighter than `||` (as in C and in Belle II's GDL logic).
indirect enum LineExpression: Equatable, Sendable, CustomStringConvertible {
  case name(String, offset: Int)
  case not(LineExpression)
  case and(LineExpression, LineExpression)
  case or(LineExpression, LineExpression)

  /// A syntax error at character `offset` of the expression text.
  struct SyntaxError: Error, Equatable {
    var offset: Int
    var message: String
  }

  /// Parses `text`; names are letters, digits, `_` and `.`, starting with a letter or `_`.
  static func parse(_ text: String) throws -> LineExpression {
    var parser = Parser(characters: Array(text.unicodeScalars))
    let expression = try parser.parseOr()
    parser.skipSpace()
    if parser.position < parser.characters.count {
      if let c = parser.peek, c == "&" || c == "|" {
        throw SyntaxError(offset: parser.position, message: "\"\(c)\" is not an operator: write \"\(c)\(c)\"")
      }
      throw SyntaxError(offset: parser.position, message: parser.peek == ")" ? "unmatched \")\"" : "expected && or || here, found \"\(parser.rest)\"")
    }
    return expression
  }

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
    case .and(let a, let b): "\(Self.operand(a, inside: 1)) && \(Self.operand(b, inside: 1))"
    case .or(let a, let b): "\(a) || \(b)"
    }
  }

  private static func operand(_ expression: LineExpression, inside precedence: Int) -> String {
    if case .or = expression { return "(\(expression))" }
    return expression.description
  }

  static func == (a: LineExpression, b: LineExpression) -> Bool { a.description == b.description }

  private struct Parser {
    var characters: [Unicode.Scalar]
    var position = 0

    var peek: Unicode.Scalar? { position < characters.count ? characters[position] : nil }
    var rest: String { String(String.UnicodeScalarView(characters[position...])) }

    mutating func skipSpace() {
      while let c = peek, c == " " || c == "\t" { position += 1 }
    }

    mutating func take(_ token: String) -> Bool {
      skipSpace()
      let scalars = Array(token.unicodeScalars)
      guard position + scalars.count <= characters.count, Array(characters[position..<position + scalars.count]) == scalars else { return false }
      position += scalars.count
      return true
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
      if take("!") { return .not(try parseNot()) }
      return try parseAtom()
    }

    mutating func parseAtom() throws -> LineExpression {
      skipSpace()
      let start = position
      guard let c = peek else { throw SyntaxError(offset: position, message: "the expression ends where a name or \"(\" was expected") }
      if c == "(" {
        position += 1
        let inner = try parseOr()
        guard take(")") else { throw SyntaxError(offset: start, message: "\"(\" is never closed") }
        return inner
      }
      guard c.properties.isAlphabetic || c == "_" else {
        if c == "&" || c == "|" {
          let single = position + 1 >= characters.count || characters[position + 1] != c
          throw SyntaxError(offset: position, message: single ? "\"\(c)\" is not an operator: write \"\(c)\(c)\"" : "an operand is missing before \"\(c)\(c)\"")
        }
        throw SyntaxError(offset: position, message: "unexpected \"\(c)\": expected a bit or line name, \"!\" or \"(\"")
      }
      while let c = peek, c.properties.isAlphabetic || c.properties.numericType != nil || c == "_" || c == "." { position += 1 }
      return .name(String(String.UnicodeScalarView(characters[start..<position])), offset: start)
    }
  }
}

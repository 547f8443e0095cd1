/// A syntax error at character `offset` (0-based, in Unicode scalars) of an expression's text,
/// placed in its file by `ConfigurationNode.error(_:atOffset:)`.
struct ExpressionSyntaxError: Error, Equatable {
  var offset: Int
  var message: String
}

/// Reading an expression written in a configuration file, character by character: the steps the
/// parsers of menu line expressions (`LineExpression`) and HLT cuts (`CutExpression`) share.
/// Positions count Unicode scalars, as located errors do.
protocol ExpressionScanning {
  var characters: [Unicode.Scalar] { get }
  var position: Int { get set }
  /// How many parentheses and prefix operators enclose the position.
  var nesting: Int { get set }
}

/// The deepest nesting of parentheses and prefix operators (`!`, `-`, `abs(`) an expression may
/// have: far more than any menu needs, and shallow enough that parsing, printing and compiling
/// the tree recursively stay far inside a thread's stack (docs/reliability.md, "Limits").
let maximumExpressionNesting = 100

extension ExpressionScanning {
  /// The character at the position, nil at the end.
  var peek: Unicode.Scalar? { position < characters.count ? characters[position] : nil }

  /// The text from the position to the end.
  var rest: String { String(String.UnicodeScalarView(characters[position...])) }

  /// The text from `start` to the position.
  func text(from start: Int) -> String { String(String.UnicodeScalarView(characters[start..<position])) }

  /// Parses one nested level, opened at character `opening`, with `body`, refusing more than
  /// `maximumExpressionNesting` levels (before recursing any deeper, so no input can exhaust
  /// the stack).
  mutating func nested<Result>(openedAt opening: Int, _ body: (inout Self) throws -> Result) throws -> Result {
    guard nesting < maximumExpressionNesting else {
      throw ExpressionSyntaxError(
        offset: opening, message: "nested more than \(maximumExpressionNesting) levels deep in parentheses and prefix operators: simplify the expression")
    }
    nesting += 1
    defer { nesting -= 1 }
    return try body(&self)
  }

  mutating func skipSpace() {
    while let c = peek, c == " " || c == "\t" { position += 1 }
  }

  /// Skips spaces, then takes `token` if it comes next.
  mutating func take(_ token: String) -> Bool {
    skipSpace()
    let scalars = Array(token.unicodeScalars)
    guard position + scalars.count <= characters.count, Array(characters[position..<position + scalars.count]) == scalars else { return false }
    position += scalars.count
    return true
  }
}

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
}

extension ExpressionScanning {
  /// The character at the position, nil at the end.
  var peek: Unicode.Scalar? { position < characters.count ? characters[position] : nil }

  /// The text from the position to the end.
  var rest: String { String(String.UnicodeScalarView(characters[position...])) }

  /// The text from `start` to the position.
  func text(from start: Int) -> String { String(String.UnicodeScalarView(characters[start..<position])) }

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

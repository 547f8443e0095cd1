/// A problem in a configuration file (trigger menu, firmware model), located by line and column.
///
/// Printed as `path:line:column: message`, the form editors and compilers use.
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
  public var path: String
  /// 1-based line and column (columns count Unicode scalars); 0 when the whole file is meant.
  public var line: Int
  public var column: Int
  public var message: String

  public init(path: String, line: Int, column: Int, message: String) {
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }

  /// `path:line:column: message`, `path: message` for a whole file, or the message alone when no
  /// file is meant (a run's missing firmware model, found while reading events).
  public var description: String {
    if path.isEmpty { return message }
    return line > 0 ? "\(path):\(line):\(column): \(message)" : "\(path): \(message)"
  }
}

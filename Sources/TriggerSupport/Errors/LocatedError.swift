/// A problem with an input, located so that a person can find it: the file, the place in it,
/// and what was expected and found. Every reader of trigemu throws this one type, so a command
/// prints every bad input the same way and exits non-zero.
///
/// Printed as `file: byte N: message` (binary files), `file:line: message` (text lines),
/// `file:line:column: message` (the form editors and compilers use for YAML, JSON and
/// expressions), `file: message` (the file as a whole), or the message alone when no file is
/// meant (an option, or a run's firmware tag found while reading events).
public struct LocatedError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Where in the file the problem is.
  public enum Place: Equatable, Sendable {
    /// Byte offset from the start of a binary file (`.trg`, decision streams).
    case byteOffset(Int)
    /// Line number, from 1.
    case line(Int)
    /// Line and column, both from 1 (columns count bytes in JSON Lines, Unicode scalars in YAML).
    case lineColumn(Int, Int)
    /// The file as a whole (it cannot be opened, or its name or format is wrong).
    case wholeFile
  }

  /// The file's path as the user gave it; empty when no file is meant.
  public var file: String
  public var place: Place
  public var message: String

  public init(file: String, place: Place, message: String) {
    self.file = file
    self.place = place
    self.message = message
  }

  /// A problem with `file` as a whole.
  public init(file: String, message: String) { self.init(file: file, place: .wholeFile, message: message) }

  /// A problem at a line of a text file.
  public init(file: String, line: Int, message: String) { self.init(file: file, place: .line(line), message: message) }

  /// A problem at a line and column; line 0 means the file as a whole.
  public init(file: String, line: Int, column: Int, message: String) {
    self.init(file: file, place: line > 0 ? .lineColumn(line, column) : .wholeFile, message: message)
  }

  /// A problem that belongs to no file (an option, a combination of inputs).
  public init(_ message: String) { self.init(file: "", place: .wholeFile, message: message) }

  /// The same problem with `context` put before the message ("chunk 3 (run 10): …").
  public func prefixed(_ context: String) -> LocatedError {
    LocatedError(file: file, place: place, message: "\(context)\(message)")
  }

  public var description: String {
    guard !file.isEmpty else { return message }
    switch place {
    case .byteOffset(let offset): return "\(file): byte \(offset): \(message)"
    case .line(let line): return "\(file):\(line): \(message)"
    case .lineColumn(let line, let column): return "\(file):\(line):\(column): \(message)"
    case .wholeFile: return "\(file): \(message)"
    }
  }
}

/// A problem with an event file, located so that a person can find it: the file, then the byte
/// offset (`.trg`) or line number (JSON Lines), then what was expected and what was found.
public struct EventStreamError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Where in the file the problem is.
  public enum Location: Equatable, Sendable {
    /// Byte offset from the start of a `.trg` file.
    case byteOffset(Int)
    /// Line number (from 1) of a JSON Lines file.
    case line(Int)
    /// Line and column (byte within the line, both from 1) of a JSON Lines file.
    case lineColumn(Int, Int)
    /// The file as a whole (it cannot be opened, or its name is wrong).
    case wholeFile
  }

  public let path: String
  public let location: Location
  public let message: String

  public init(path: String, location: Location, message: String) {
    self.path = path
    self.location = location
    self.message = message
  }

  public var description: String {
    switch location {
    case .byteOffset(let offset): "\(path): byte \(offset): \(message)"
    case .line(let line): "\(path):\(line): \(message)"
    case .lineColumn(let line, let column): "\(path):\(line):\(column): \(message)"
    case .wholeFile: "\(path): \(message)"
    }
  }
}

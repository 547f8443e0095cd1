#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TriggerSupport

/// Splits a file into lines with `read(2)` and one growing buffer.
struct LineReader {
  private let descriptor: Int32
  private var buffer: [UInt8] = []
  private var start = 0
  private var reachedEOF = false
  /// Number (from 1) of the line last returned.
  private(set) var lineNumber = 0

  init(path: String) throws {
    descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw LocatedError(file: path, place: .wholeFile, message: "cannot open: \(systemError())")
    }
  }

  /// The next line without its newline, or nil at the end of the file.
  mutating func next() throws -> ArraySlice<UInt8>? {
    while true {
      if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
        defer { start = newline + 1 }
        lineNumber += 1
        return buffer[start..<newline]
      }
      if reachedEOF {
        guard start < buffer.count else { return nil }
        defer { start = buffer.count }
        lineNumber += 1
        return buffer[start...]
      }
      buffer.removeSubrange(0..<start)
      start = 0
      let old = buffer.count
      buffer.append(contentsOf: repeatElement(0, count: 1 << 20))
      let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + old, 1 << 20) }
      buffer.removeSubrange((old + max(got, 0))...)
      if got <= 0 { reachedEOF = true }
    }
  }
}

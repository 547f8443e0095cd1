#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TriggerSupport

/// Splits a file into lines with `read(2)` and one growing buffer; the file is closed when the
/// reader goes away.
final class LineReader {
  /// The longest line accepted: 128 MiB, more than the largest event takes as JSON (65 535
  /// records of every kind, about 60 MB), so that a file without newlines cannot make the reader
  /// hold all of it (docs/reliability.md, "Limits").
  static let maximumLineBytes = 128 << 20
  /// Bytes asked of each `read(2)`.
  private static let readBytes = 1 << 20

  let path: String
  private let descriptor: Int32
  /// Bytes read and not yet returned are `storage[start..<end]`.
  private var storage: UnsafeMutableRawBufferPointer
  private var start = 0
  private var end = 0
  private var reachedEOF = false
  /// Number (from 1) of the line last returned.
  private(set) var lineNumber = 0

  init(path: String) throws {
    self.path = path
    descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw LocatedError(file: path, place: .wholeFile, message: "cannot open: \(systemError())")
    }
    storage = .allocate(byteCount: 2 * Self.readBytes, alignment: 64)
  }

  deinit {
    close(descriptor)
    storage.deallocate()
  }

  /// The next line without its newline, or nil at the end of the file. The bytes stay valid
  /// until the next call.
  func next() throws -> UnsafeBufferPointer<UInt8>? {
    var searched = start  // bytes before this are known to hold no newline
    while true {
      let base = storage.baseAddress!
      if searched < end, let found = memchr(base + searched, Int32(UInt8(ascii: "\n")), end - searched) {
        let newline = UnsafeRawPointer(found) - UnsafeRawPointer(base)
        defer { start = newline + 1 }
        lineNumber += 1
        return line(start, newline)
      }
      if reachedEOF {
        guard start < end else { return nil }
        defer { start = end }
        lineNumber += 1
        return line(start, end)
      }
      guard end - start <= Self.maximumLineBytes else {
        throw LocatedError(
          file: path, place: .line(lineNumber + 1),
          message: "the line is longer than \(Self.maximumLineBytes >> 20) MiB without a newline; no event needs that much (is this a JSON Lines file?)")
      }
      makeRoom()
      searched = end
      var got: Int
      repeat {
        got = read(descriptor, storage.baseAddress! + end, Self.readBytes)
      } while got < 0 && errno == EINTR
      guard got >= 0 else {
        throw LocatedError(file: path, place: .line(lineNumber + 1), message: "cannot read: \(systemError())")
      }
      end += got
      if got == 0 { reachedEOF = true }
    }
  }

  private func line(_ from: Int, _ to: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: storage.baseAddress!.assumingMemoryBound(to: UInt8.self) + from, count: to - from)
  }

  /// Moves the unreturned bytes to the front and makes space for one more read.
  private func makeRoom() {
    let pending = end - start
    if start > 0 {
      if pending > 0 { storage.baseAddress!.copyMemory(from: storage.baseAddress! + start, byteCount: pending) }
      start = 0
      end = pending
    }
    guard storage.count - end < Self.readBytes else { return }
    let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: 2 * storage.count, alignment: 64)
    grown.baseAddress!.copyMemory(from: storage.baseAddress!, byteCount: end)
    storage.deallocate()
    storage = grown
  }
}

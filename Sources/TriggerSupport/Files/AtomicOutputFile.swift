#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written under a temporary name beside its destination and renamed into place only
/// when complete, so a failed or interrupted job never leaves a half-written output, and never
/// destroys an existing file of the same name until the new one is whole.
public final class AtomicOutputFile {
  /// Where the file will be once committed.
  public let path: String
  private let temporaryPath: String
  private var descriptor: Int32
  private var isOpen = true

  /// Creates the temporary file; the destination is untouched until `commit()`.
  public init(path: String) throws {
    self.path = path
    temporaryPath = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw LocatedError(file: path, place: .wholeFile, message: "cannot create the output file: \(systemError())")
    }
  }

  deinit { discard() }

  /// Appends bytes, retrying short writes.
  public func write(_ bytes: UnsafeRawBufferPointer) throws {
    var done = 0
    while done < bytes.count {
      let written = posixWrite(descriptor, bytes.baseAddress! + done, bytes.count - done)
      if written < 0 {
        if errno == EINTR { continue }
        throw LocatedError(file: path, place: .wholeFile, message: "cannot write: \(systemError())")
      }
      done += written
    }
  }

  /// Appends bytes.
  public func write(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { try write($0) }
  }

  /// Closes the temporary file and renames it to `path`.
  public func commit() throws {
    guard isOpen else { return }
    isOpen = false
    guard close(descriptor) == 0 else {
      let reason = systemError()
      unlink(temporaryPath)
      throw LocatedError(file: path, place: .wholeFile, message: "cannot close the output file: \(reason)")
    }
    guard rename(temporaryPath, path) == 0 else {
      let reason = systemError()
      unlink(temporaryPath)
      throw LocatedError(file: path, place: .wholeFile, message: "cannot move the finished output into place: \(reason)")
    }
  }

  /// Writes `bytes` to `path` atomically: all of them, or nothing changes at `path`.
  public static func write(_ bytes: [UInt8], to path: String) throws {
    let output = try AtomicOutputFile(path: path)
    try output.write(bytes)
    try output.commit()
  }

  /// Closes and deletes the temporary file; the destination keeps whatever it had.
  public func discard() {
    guard isOpen else { return }
    isOpen = false
    close(descriptor)
    unlink(temporaryPath)
  }
}

/// The text of the current `errno`.
public func systemError() -> String { String(cString: strerror(errno)) }

@inline(__always)
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
  Glibc.write(fd, buffer, count)
  #else
  Darwin.write(fd, buffer, count)
  #endif
}

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
  private let registration: Int

  /// Creates the temporary file `PATH.tmp-HOST-PID-RANDOM` (first removing such files of this
  /// host's killed jobs, see `UnfinishedFiles`); the destination is untouched until `commit()`.
  public init(path: String) throws {
    self.path = path
    let (folder, name) = Self.folderAndName(of: path)
    UnfinishedFiles.removeLeftovers(in: folder, startingWith: name)
    temporaryPath = path + UnfinishedFiles.unfinishedSuffix()
    // Registered before it exists, so that no signal can come between creation and registration.
    registration = UnfinishedFiles.register(output: temporaryPath)
    descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      let reason = systemError()
      UnfinishedFiles.finished(output: registration)
      throw LocatedError(file: path, place: .wholeFile, message: "cannot create the output file: \(reason)")
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
    defer { UnfinishedFiles.finished(output: registration) }
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

  /// Checks, before any work, that every output of `paths` can be created: its folder exists
  /// and is writable, and the path is not a folder. The same check in every command, so that a
  /// typo in an output path costs nothing (docs/reliability.md, "Fail fast").
  public static func checkCanCreate(_ paths: [String?]) throws {
    for case let path? in paths {
      let folder = folderAndName(of: path).folder
      var status = stat()
      guard stat(folder, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
        throw LocatedError(file: path, place: .wholeFile, message: "cannot write here: the folder \(folder) does not exist")
      }
      guard access(folder, W_OK | X_OK) == 0 else {
        throw LocatedError(file: path, place: .wholeFile, message: "cannot write here: the folder \(folder) is not writable (\(systemError()))")
      }
      if stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
        throw LocatedError(file: path, place: .wholeFile, message: "cannot write here: this is a folder; give a file name")
      }
    }
  }

  /// The folder a path names its file in ("." for a bare name, "/" at the top) and the file's name.
  static func folderAndName(of path: String) -> (folder: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    return (slash == path.startIndex ? "/" : String(path[..<slash]), String(path[path.index(after: slash)...]))
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
    UnfinishedFiles.finished(output: registration)
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

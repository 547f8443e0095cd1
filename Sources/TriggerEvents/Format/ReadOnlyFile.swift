#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TriggerSupport

/// A file opened for positioned reads (`pread(2)`), safe to read from several threads at once.
final class ReadOnlyFile: @unchecked Sendable {
  let path: String
  let size: Int
  private let descriptor: Int32
  /// The whole file mapped read-only, when the system allows it (regular, non-empty files).
  private let mapping: UnsafeRawPointer?

  init(path: String) throws {
    self.path = path
    descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw LocatedError(file: path, place: .wholeFile, message: "cannot open: \(systemError())")
    }
    var status = stat()
    guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
      close(descriptor)
      throw LocatedError(file: path, place: .wholeFile, message: "not a regular file")
    }
    size = Int(status.st_size)
    let mapped = size > 0 ? mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0) : nil
    if let mapped, mapped != MAP_FAILED {
      mapping = UnsafeRawPointer(mapped)
      UnfinishedFiles.register(mapping: UnsafeRawPointer(mapped), bytes: size, path: path)
    } else {
      mapping = nil
    }
  }

  deinit {
    if let mapping {
      UnfinishedFiles.unregister(mapping: mapping)
      munmap(UnsafeMutableRawPointer(mutating: mapping), size)
    }
    close(descriptor)
  }

  /// `count` bytes at `offset`: straight from the mapping when there is one (no copy), else
  /// read into `buffer`. The bytes stay valid until `buffer` is reused.
  func bytes(_ count: Int, at offset: Int, using buffer: ReadBuffer) throws -> UnsafeRawBufferPointer {
    if let mapping { return UnsafeRawBufferPointer(start: mapping + offset, count: count) }
    try read(count, at: offset, into: buffer)
    return UnsafeRawBufferPointer(start: buffer.pointer, count: count)
  }

  /// Drops the mapped pages wholly inside `offset ..< offset + count` from this process's
  /// resident memory once they have been decoded (they stay in the page cache), so reading a
  /// large file keeps memory at about one chunk per thread.
  func release(_ count: Int, at offset: Int) {
    guard let mapping else { return }
    let start = (offset + Self.pageSize - 1) / Self.pageSize * Self.pageSize
    let end = (offset + count) / Self.pageSize * Self.pageSize
    if end > start { madvise(UnsafeMutableRawPointer(mutating: mapping + start), end - start, MADV_DONTNEED) }
  }

  private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

  /// Reads exactly `count` bytes at `offset` into `buffer`, growing it when needed.
  func read(_ count: Int, at offset: Int, into buffer: ReadBuffer) throws {
    buffer.reserve(count)
    var done = 0
    while done < count {
      let got = pread(descriptor, buffer.bytes.baseAddress! + done, count - done, off_t(offset + done))
      if got < 0 && errno == EINTR { continue }
      guard got > 0 else {
        throw LocatedError(
          file: path, place: .byteOffset(offset + done),
          message: got == 0 ? "the file ended while reading (did it shrink?)" : "cannot read: \(systemError())")
      }
      done += got
    }
  }
}

/// A reusable, growing byte buffer for one reading thread.
final class ReadBuffer {
  private(set) var bytes: UnsafeMutableRawBufferPointer

  init(capacity: Int = 64 << 10) {
    bytes = .allocate(byteCount: capacity, alignment: 64)
  }

  deinit { bytes.deallocate() }

  func reserve(_ count: Int) {
    guard bytes.count < count else { return }
    bytes.deallocate()
    bytes = .allocate(byteCount: max(count, bytes.count * 2), alignment: 64)
  }

  var pointer: UnsafeRawPointer { UnsafeRawPointer(bytes.baseAddress!) }
}

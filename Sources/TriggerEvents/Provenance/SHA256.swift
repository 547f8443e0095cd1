import Foundation
import TriggerKernels
import TriggerSupport

/// SHA-256 hashes for provenance: what menu, firmware model and input files a result came from.
public struct SHA256 {
  private var context = trigemu_sha256()

  public init() { trigemu_sha256_init(&context) }

  /// A hasher that never uses the CPU's SHA extensions (for tests of the portable path).
  public init(portable: Bool) {
    if portable { trigemu_sha256_init_portable(&context) } else { trigemu_sha256_init(&context) }
  }

  /// Whether hashes use the x86 SHA extensions on this CPU.
  public static var isHardwareAccelerated: Bool { trigemu_sha256_is_hardware_accelerated() != 0 }

  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    trigemu_sha256_update(&context, bytes.baseAddress, bytes.count)
  }

  /// The digest as 64 lowercase hex digits (this value is then used up).
  public mutating func finalHex() -> String {
    var digest = [UInt8](repeating: 0, count: 32)
    trigemu_sha256_final(&context, &digest)
    return digest.map { String(format: "%02x", $0) }.joined()
  }

  public static func hex(of bytes: [UInt8]) -> String {
    var hasher = SHA256()
    bytes.withUnsafeBytes { hasher.update($0) }
    return hasher.finalHex()
  }

  /// The hash of a whole file, read in 4 MiB pieces; errors name the file.
  public static func hex(ofFile path: String) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw LocatedError(file: path, place: .wholeFile, message: "cannot open the file to hash it")
    }
    defer { try? handle.close() }
    var hasher = SHA256()
    let descriptor = handle.fileDescriptor
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4 << 20, alignment: 64)
    defer { buffer.deallocate() }
    while true {
      let count = read(descriptor, buffer.baseAddress, buffer.count)
      if count < 0 { throw LocatedError(file: path, place: .wholeFile, message: "read error while hashing: \(String(cString: strerror(errno)))") }
      if count == 0 { break }
      hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
    }
    return hasher.finalHex()
  }
}

import Foundation
import Crypto
import TriggerSupport

/// SHA-256 hashes for provenance: what menu, firmware model and input files a result came from.
///
/// A thin wrapper of swift-crypto's SHA-256 (BoringSSL, which uses the x86 SHA extensions where
/// the CPU has them) that gives digests as hex text.
public struct SHA256 {
  private var hasher = Crypto.SHA256()

  public init() {}

  public mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

  /// The digest as 64 lowercase hex digits (this value is then used up).
  public mutating func finalHex() -> String {
    let hexDigits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(64)
    for byte in hasher.finalize() { text.append(hexDigits[Int(byte >> 4)]); text.append(hexDigits[Int(byte & 15)]) }
    return String(decoding: text, as: UTF8.self)
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

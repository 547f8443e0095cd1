import TriggerSupport

/// Writing JSON text by hand: fixed key order, shortest round-trip numbers, no Foundation.
///
/// Numbers use Swift's shortest representation that reads back to the same `Float` or
/// `Double` bit pattern, which is what makes `.trg → .jsonl → .trg` byte-identical.
public struct JSONText {
  public var bytes: [UInt8] = []

  public init() {}

  public mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

  public mutating func number<T: BinaryInteger>(_ value: T) {
    var magnitude = UInt64(value.magnitude)
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for UInt64's 20 digits, written backwards
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
      let end = buffer.count
      repeat {
        buffer[end - 1 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        count += 1
      } while magnitude > 0
      bytes.append(contentsOf: buffer[(end - count)..<end])
    }
  }
  public mutating func number(_ value: Float) { raw(value.description) }
  public mutating func number(_ value: Double) { raw(value.description) }

  /// A JSON string literal (`JSONValue.appendString`: the escapes RFC 8259 requires).
  public mutating func string(_ value: String) { JSONValue.appendString(value, to: &bytes) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A strict JSON (RFC 8259) reader over one line, pulling values in the order the caller expects
/// them, so records decode without building an intermediate tree.
///
/// Errors carry the 1-based column (byte) where the problem is and say what was expected.
struct JSONCursor {
  /// A syntax or value error at a column of the line.
  struct Failure: Error {
    var column: Int
    var message: String
  }

  private let bytes: UnsafeBufferPointer<UInt8>
  private(set) var position = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  var column: Int { position + 1 }

  func fail(_ message: String, at position: Int? = nil) -> Failure {
    Failure(column: (position ?? self.position) + 1, message: message)
  }

  private var found: String {
    guard position < bytes.count else { return "the end of the line" }
    let byte = bytes[position]
    return byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(hexByte(byte))"
  }

  private mutating func skipWhitespace() {
    while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 || bytes[position] == 0x0D { position += 1 }
  }

  private mutating func consume(_ byte: UInt8) -> Bool {
    skipWhitespace()
    guard position < bytes.count, bytes[position] == byte else { return false }
    position += 1
    return true
  }

  private mutating func expect(_ byte: UInt8, _ what: String) throws {
    guard consume(byte) else { throw fail("expected \(what), found \(found)") }
  }

  /// Checks that nothing but white space follows the value.
  mutating func expectEnd() throws {
    skipWhitespace()
    guard position == bytes.count else { throw fail("expected the end of the line after the JSON object, found \(found)") }
  }

  /// A field name as it stands in the line (no escapes allowed in names), compared in place.
  struct Key {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Column of the opening quote, for errors.
    let position: Int

    static func == (key: Key, name: String) -> Bool {
      var name = name
      return name.withUTF8 { $0.count == key.bytes.count && memcmp($0.baseAddress!, key.bytes.baseAddress!, $0.count) == 0 }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
  }

  /// Reads `{ "key": value, … }`, calling `member` with each key (the cursor then at its value,
  /// which `member` must read). Callers reject duplicate keys (they track what they have seen).
  mutating func object(_ member: (inout JSONCursor, Key) throws -> Void) throws {
    try expect(UInt8(ascii: "{"), "'{' to open an object")
    if consume(UInt8(ascii: "}")) { return }
    repeat {
      skipWhitespace()
      let keyPosition = position
      guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw fail("expected a field name in quotes, found \(found)") }
      let nameStart = position + 1
      var end = nameStart
      while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
      guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else {
        position = end
        throw fail("field names are plain text in quotes (no escapes or control characters)")
      }
      position = end + 1
      try expect(UInt8(ascii: ":"), "':' after the field name")
      skipWhitespace()
      try member(&self, Key(bytes: UnsafeBufferPointer(rebasing: bytes[nameStart..<end]), position: keyPosition))
    } while consume(UInt8(ascii: ","))
    try expect(UInt8(ascii: "}"), "',' or '}' after a field")
  }

  /// Reads `[ value, … ]`, calling `element` once per element with the cursor at it.
  mutating func array(_ element: (inout JSONCursor, Int) throws -> Void) throws {
    try expect(UInt8(ascii: "["), "'[' to open an array")
    if consume(UInt8(ascii: "]")) { return }
    var index = 0
    repeat {
      skipWhitespace()
      try element(&self, index)
      index += 1
    } while consume(UInt8(ascii: ","))
    try expect(UInt8(ascii: "]"), "',' or ']' after an array element")
  }

  /// Reads a string with its escapes.
  mutating func string() throws -> String {
    try expect(UInt8(ascii: "\""), "a string in quotes")
    // Fast path: no escapes.
    var end = position
    while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
    if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
      defer { position = end + 1 }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self)
    }
    var scalars = String.UnicodeScalarView()
    var run = position
    func flush(_ end: Int) { scalars.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[run..<end]), as: UTF8.self).unicodeScalars) }
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        flush(position)
        position += 1
        return String(scalars)
      }
      if byte < 0x20 { throw fail("control character 0x\(hexByte(byte)) inside a string (escape it)") }
      if byte == UInt8(ascii: "\\") {
        flush(position)
        position += 1
        guard position < bytes.count else { break }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""): scalars.append("\"")
        case UInt8(ascii: "\\"): scalars.append("\\")
        case UInt8(ascii: "/"): scalars.append("/")
        case UInt8(ascii: "b"): scalars.append("\u{8}")
        case UInt8(ascii: "f"): scalars.append("\u{C}")
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800..<0xDC00).contains(code) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
              throw fail("a high surrogate \\u\(String(code, radix: 16)) must be followed by a low one")
            }
            position += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw fail("expected a low surrogate after \\u\(String(code, radix: 16))") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let scalar = Unicode.Scalar(code) else { throw fail("\\u\(String(code, radix: 16)) is not a Unicode scalar") }
          scalars.append(scalar)
        default:
          throw fail("unknown escape \\\(Character(Unicode.Scalar(escape)))", at: position - 2)
        }
        run = position
        continue
      }
      position += 1
    }
    throw fail("the string is not closed before the end of the line")
  }

  private mutating func hex4() throws -> UInt32 {
    guard position + 4 <= bytes.count, let value = UInt32(String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + 4]), as: UTF8.self), radix: 16) else {
      throw fail("expected four hex digits after \\u")
    }
    position += 4
    return value
  }

  /// Reads a number's text, checking the JSON number grammar; `wholeNumber` when it has no
  /// fraction or exponent.
  private mutating func numberText() throws -> (text: Substring, wholeNumber: Bool, start: Int) {
    skipWhitespace()
    let start = position
    func digits() -> Int {
      let first = position
      while position < bytes.count, bytes[position] >= 0x30 && bytes[position] <= 0x39 { position += 1 }
      return position - first
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
    let integerStart = position
    let integerDigits = digits()
    guard integerDigits > 0 else {
      position = start
      throw fail("expected a number, found \(found)")
    }
    guard integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { throw fail("a number may not start with 0", at: integerStart) }
    var whole = true
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      position += 1
      whole = false
      guard digits() > 0 else { throw fail("expected digits after the decimal point") }
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
      position += 1
      whole = false
      if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
      guard digits() > 0 else { throw fail("expected digits in the exponent") }
    }
    let text = Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
    return (text, whole, start)
  }

  /// Reads a whole number that must fit `T`.
  mutating func integer<T: FixedWidthInteger>(_: T.Type = T.self) throws -> T {
    let (text, whole, start) = try numberText()
    guard whole else { throw fail("expected a whole number, found \(text)", at: start) }
    guard let value = T(text) else { throw fail("\(text) does not fit the range \(T.min)–\(T.max)", at: start) }
    return value
  }

  /// Reads a number as a 32-bit float (correctly rounded, so the shortest text of a `Float`
  /// reads back to the same bits).
  mutating func float() throws -> Float {
    let (text, _, start) = try numberText()
    guard let value = Float(text), value.isFinite else { throw fail("\(text) is beyond the 32-bit float range", at: start) }
    return value
  }

  /// Reads a number as a 64-bit float.
  mutating func double() throws -> Double {
    let (text, _, start) = try numberText()
    guard let value = Double(text), value.isFinite else { throw fail("\(text) is beyond the 64-bit float range", at: start) }
    return value
  }

  /// Reads `{"key":"value",…}` of strings.
  mutating func stringObject() throws -> [String: String] {
    var dictionary: [String: String] = [:]
    try object { cursor, key in
      let name = key.string
      guard dictionary[name] == nil else { throw cursor.fail("field \"\(name)\" appears twice", at: key.position) }
      dictionary[name] = try cursor.string()
    }
    return dictionary
  }
}

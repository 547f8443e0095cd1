/// A JSON value as trigemu writes it, built from `Encodable` types by `JSONValueEncoder`.
///
/// trigemu writes its own text rather than Foundation's `JSONEncoder` output so that the bytes
/// are fixed by this code, not by a toolchain's Foundation: keys sorted, `"key": value`,
/// integers as integers and floating-point numbers in Swift's shortest round-trip form that
/// always shows they are real (`1.0`, `2.5e-05`), which correctionlib's parser requires of bin
/// edges. Non-finite numbers cannot be represented: encoding one is an error.
public indirect enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  case integer(Int64)
  case unsignedInteger(UInt64)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// The text: `indented` puts each member and element on its own line with two spaces per level,
  /// except that arrays of scalars, objects of scalars inside arrays (table rows) and objects of
  /// at most three scalars stay on one line; otherwise one line without spaces.
  public func text(indented: Bool) -> [UInt8] {
    var out: [UInt8] = []
    write(to: &out, indented: indented, level: 0)
    return out
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object: false
    default: true
    }
  }

  private var memberCount: Int {
    if case .object(let members) = self { return members.count }
    return 0
  }

  /// An object whose members are all scalars.
  private var isFlatObject: Bool {
    if case .object(let members) = self { return members.values.allSatisfy(\.isScalar) }
    return false
  }

  private func write(to out: inout [UInt8], indented: Bool, level: Int, inline: Bool = false) {
    func newline(_ level: Int) {
      out.append(UInt8(ascii: "\n"))
      out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
    case .integer(let value): out.append(contentsOf: String(value).utf8)
    case .unsignedInteger(let value): out.append(contentsOf: String(value).utf8)
    case .number(let value): out.append(contentsOf: value.description.utf8)
    case .string(let value): Self.appendString(value, to: &out)
    case .array(let elements):
      let multiline = indented && !elements.allSatisfy(\.isScalar)
      out.append(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 { out.append(contentsOf: indented && !multiline ? ", ".utf8 : ",".utf8) }
        if multiline { newline(level + 1) }
        element.write(to: &out, indented: indented, level: level + 1, inline: element.isFlatObject)
      }
      if multiline { newline(level) }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      for (index, key) in members.keys.sorted().enumerated() {
        if index > 0 { out.append(contentsOf: inline ? ", ".utf8 : ",".utf8) }
        if indented && !inline { newline(level + 1) }
        Self.appendString(key, to: &out)
        out.append(contentsOf: indented ? ": ".utf8 : ":".utf8)
        let member = members[key]!
        member.write(to: &out, indented: indented, level: level + 1, inline: member.isFlatObject && member.memberCount <= 3)
      }
      if indented && !inline && !members.isEmpty { newline(level) }
      out.append(UInt8(ascii: "}"))
    }
  }

  /// A JSON string literal with the escapes RFC 8259 requires (other control characters as
  /// `\u00XX`); everything else, UTF-8 included, as it is.
  public static func appendString(_ value: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
      case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
      case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
      case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
      case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
      case 0..<0x20:
        let hex = String(byte, radix: 16, uppercase: true)
        out.append(contentsOf: ("\\u00" + (hex.count == 1 ? "0" + hex : hex)).utf8)
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}

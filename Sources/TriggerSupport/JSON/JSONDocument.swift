import Foundation

/// Writing and reading trigemu's JSON documents through `Codable`: one writer for every output
/// (so equal values give equal bytes) and one decoder whose errors name the file and the place. The formats and their JSON Schemas are in docs/json-formats.md.
public enum JSONDocument {
  /// How a document is laid out.
  public enum Layout: Sendable {
    /// Two-space indentation, one member per line, a final newline: results people also read.
    case indented
    /// One line, no spaces: metadata blocks inside binary files.
    case compact
  }

  /// The JSON text of `value` (`JSONValue` says how numbers and keys are written). A NaN or
  /// infinity anywhere is an error naming its place in the document, never invalid JSON;
  /// undefined values are optionals and come out as `null` or not at all.
  public static func encoded<Value: Encodable>(_ value: Value, layout: Layout = .indented) throws(LocatedError) -> [UInt8] {
    do {
      var bytes = try JSONValueEncoder.value(of: value).text(indented: layout == .indented)
      if layout == .indented { bytes.append(UInt8(ascii: "\n")) }
      return bytes
    } catch let EncodingError.invalidValue(invalid, context) {
      throw LocatedError("cannot write \(invalid) as JSON at \(path(context.codingPath)): \(context.debugDescription)")
    } catch {
      throw LocatedError("cannot write JSON: \(error)")
    }
  }

  /// Reads a `Value` from `data`; errors name `file` and, where the decoder knows it, the field
  /// (`runs[2].events`) or the line and column of a syntax error.
  public static func decoded<Value: Decodable>(_ type: Value.Type, from data: Data, file: String) throws(LocatedError) -> Value {
    do {
      return try JSONDecoder().decode(type, from: data)
    } catch let DecodingError.keyNotFound(key, context) {
      throw LocatedError(file: file, message: "missing field \"\(path(context.codingPath + [key]))\"")
    } catch let DecodingError.typeMismatch(expected, context) {
      throw LocatedError(file: file, message: "field \"\(path(context.codingPath))\": expected \(describe(expected))")
    } catch let DecodingError.valueNotFound(expected, context) {
      throw LocatedError(file: file, message: "field \"\(path(context.codingPath))\": null where \(describe(expected)) is needed")
    } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
      throw LocatedError(file: file, message: "field \"\(path(context.codingPath))\": \(context.debugDescription)")
    } catch let error as LocatedError {
      throw error.file.isEmpty ? LocatedError(file: file, place: error.place, message: error.message) : error
    } catch {
      throw syntaxError(in: data, file: file)
    }
  }

  /// The `format` member of a JSON object, which says what the document is and its version.
  public static func format(of data: Data, file: String) throws(LocatedError) -> String {
    struct Probe: Decodable { var format: String? }
    guard let format = try decoded(Probe.self, from: data, file: file).format else {
      throw LocatedError(file: file, message: "no \"format\" field; give a JSON document trigemu wrote")
    }
    return format
  }

  /// A field's place as people write it: `runs[2].lines.ffo.raw`.
  static func path(_ keys: [any CodingKey]) -> String {
    var text = ""
    for key in keys {
      if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : "." + key.stringValue }
    }
    return text.isEmpty ? "(the document)" : text
  }

  private static func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Bool.Type: "true or false"
    case is Double.Type, is Float.Type: "a number"
    case is Int.Type, is Int64.Type, is UInt32.Type, is UInt16.Type, is UInt64.Type: "an integer"
    default:
      "\(type)".hasPrefix("Array") ? "an array" : ("\(type)".hasPrefix("Dictionary") ? "an object" : "\(type)")
    }
  }

  /// The decoder does not say where text stops being JSON; Foundation's parser does ("around
  /// character N"), which becomes a line and column here.
  private static func syntaxError(in data: Data, file: String) -> LocatedError {
    do {
      _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
      if let range = detail.range(of: #"character (\d+)"#, options: .regularExpression),
        let offset = Int(detail[range].dropFirst("character ".count))
      {
        let prefix = data.prefix(offset)
        let line = prefix.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        let column = offset - (prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
        return LocatedError(file: file, line: line, column: column, message: "not valid JSON (\(detail))")
      }
      return LocatedError(file: file, message: "not valid JSON (\(detail))")
    }
    return LocatedError(file: file, message: "a number does not fit its field (a fraction where a whole number belongs, or a number too large for it)")
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TriggerSupport

/// Reads a JSON Lines event file (docs/trg-format.md, "JSON Lines") line by line.
///
/// Every line is parsed strictly and checked like a `.trg` record; a problem throws an
/// `LocatedError` naming the line, the column or field, and what was expected.
public final class JSONLinesReader: EventSource {
  public let path: String
  public let streamInfo: StreamInfo
  public var skipReport: SkipReport { SkipReport() }
  private let lines: LineReader

  public init(path: String) throws {
    self.path = path
    lines = try LineReader(path: path)
    guard let first = try lines.next() else {
      throw LocatedError(file: path, place: .line(1), message: "the file is empty; expected the stream header line")
    }
    var format = "", version = 0, capacity = 0, metadata: [String: String] = [:]
    let fields = ["format", "version", "chunkCapacityBytes", "metadata"]
    var seen = Set<String>()
    try Self.parse(first, path: path, line: 1) { cursor in
      try cursor.object { cursor, key in
        guard seen.insert(key.string).inserted else { throw cursor.fail("field \"\(key.string)\" appears twice", at: key.position) }
        switch key.string {
        case "format": format = try cursor.string()
        case "version": version = try cursor.integer()
        case "chunkCapacityBytes": capacity = try cursor.integer()
        case "metadata": metadata = try cursor.stringObject()
        default:
          throw cursor.fail("unknown field \"\(key.string)\" in the stream header (expected \(fields.joined(separator: ", ")))", at: key.position)
        }
      }
      if let missing = fields.first(where: { !seen.contains($0) }) {
        throw cursor.fail("the stream header lacks the field \"\(missing)\"", at: 0)
      }
    }
    guard format == JSONLinesFormat.formatName else {
      throw LocatedError(
        file: path, place: .line(1), message: "the header names format \"\(format)\"; expected \"\(JSONLinesFormat.formatName)\"")
    }
    guard version == JSONLinesFormat.version else {
      throw LocatedError(
        file: path, place: .line(1),
        message: "format version \(version) is not supported (this trigemu reads version \(JSONLinesFormat.version))")
    }
    guard TRGFormat.chunkCapacityRange.contains(capacity) else {
      throw LocatedError(
        file: path, place: .line(1),
        message: "chunk capacity \(capacity) bytes is outside \(TRGFormat.chunkCapacityRange.lowerBound)–\(TRGFormat.chunkCapacityRange.upperBound)")
    }
    streamInfo = StreamInfo(metadata: metadata, chunkCapacityBytes: capacity)
  }

  public func forEachEvent(_ body: (EventView) throws -> Void) throws {
    var event = Event(header: EventHeader.jsonPlaceholder)
    var eventCount = 0
    while let line = try lines.next() {
      let number = lines.lineNumber
      var endCount: Int?
      try Self.parse(line, path: path, line: number) { cursor in
        endCount = try Self.readEventLine(&cursor, into: &event)
      }
      if let endCount {
        guard endCount == eventCount else {
          throw LocatedError(
            file: path, place: .line(number), message: "the end line counts \(endCount) events, but the file holds \(eventCount) (lines are missing)")
        }
        if try lines.next() != nil {
          throw LocatedError(file: path, place: .line(lines.lineNumber), message: "unexpected line after the end line")
        }
        return
      }
      let view = event.view
      if let (kind, index, problem) = view.firstProblem {
        let record = index.map { "\"\(kind.jsonKey)\"[\($0)] (\(kind) #\($0))" } ?? "\(kind)"
        throw LocatedError(
          file: path, place: .line(number), message: "run \(view.header.run) event \(view.header.eventNumber), \(record): \(problem)")
      }
      eventCount += 1
      try body(view)
    }
    throw LocatedError(
      file: path, place: .line(lines.lineNumber + 1),
      message: "the file ends without the end line {\"end\":{\"events\":N}} after \(eventCount) events (was it cut short?)")
  }

  /// Runs `read` over one line and turns cursor failures into located errors.
  private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String, line number: Int, _ read: (inout JSONCursor) throws -> Void) throws {
    var cursor = JSONCursor(bytes)
    do {
      try read(&cursor)
      try cursor.expectEnd()
    } catch let failure as JSONCursor.Failure {
      throw LocatedError(file: path, place: .lineColumn(number, failure.column), message: failure.message)
    }
  }

  /// Reads an event line into `event`, or the end line, whose event count it returns.
  private static func readEventLine(_ cursor: inout JSONCursor, into event: inout Event) throws -> Int? {
    event.header = EventHeader.jsonPlaceholder
    event.removeAllRecords()
    var seen: UInt64 = 0  // header fields in the low bits, record arrays above them
    var endCount: Int?
    let start = cursor.position
    let arrayBit = { (kind: RecordKind) -> UInt64 in 1 << (32 + kind.rawValue) }
    try cursor.object { cursor, key in
      if key == "end" {
        guard seen == 0 && endCount == nil else { throw cursor.fail("\"end\" belongs on a line of its own", at: key.position) }
        var events: Int?
        try cursor.object { cursor, inner in
          guard inner == "events", events == nil else {
            throw cursor.fail("unexpected field \"end.\(inner.string)\" (expected events, once)", at: inner.position)
          }
          events = try cursor.integer()
        }
        guard let events else { throw cursor.fail("missing field \"end.events\"", at: key.position) }
        endCount = events
        return
      }
      guard endCount == nil else { throw cursor.fail("\"end\" belongs on a line of its own", at: key.position) }
      let bit: UInt64
      if let index = EventHeader.jsonFields.firstIndex(where: { key == $0.name }) {
        bit = 1 << index
      } else if let kind = RecordKind.allCases.dropFirst().first(where: { key == $0.jsonKey }) {
        bit = arrayBit(kind)
      } else {
        let known = EventHeader.jsonFields.map(\.name) + RecordKind.allCases.dropFirst().map(\.jsonKey)
        throw cursor.fail("unknown field \"\(key.string)\" (expected \(known.joined(separator: ", ")))", at: key.position)
      }
      guard seen & bit == 0 else { throw cursor.fail("field \"\(key.string)\" appears twice", at: key.position) }
      seen |= bit
      if let index = EventHeader.jsonFields.firstIndex(where: { key == $0.name }) {
        do {
          try EventHeader.jsonFields[index].read(&event.header, &cursor)
        } catch let failure as JSONCursor.Failure {
          throw JSONCursor.Failure(column: failure.column, message: "field \"\(key.string)\": \(failure.message)")
        }
        return
      }
      switch RecordKind.allCases.dropFirst().first(where: { key == $0.jsonKey })! {
      case .header: break
      case .cdcHit: try readArray(&cursor, .cdcHit, into: &event.cdcHits)
      case .eclHit: try readArray(&cursor, .eclHit, into: &event.eclHits)
      case .klmHit: try readArray(&cursor, .klmHit, into: &event.klmHits)
      case .track: try readArray(&cursor, .track, into: &event.tracks)
      case .cluster: try readArray(&cursor, .cluster, into: &event.clusters)
      case .mcParticle: try readArray(&cursor, .mcParticle, into: &event.mcParticles)
      }
    }
    if let endCount { return endCount }
    if let missing = EventHeader.jsonFields.indices.first(where: { seen & (1 << $0) == 0 }) {
      throw cursor.fail("missing field \"\(EventHeader.jsonFields[missing].name)\"", at: start)
    }
    if let missing = RecordKind.allCases.dropFirst().first(where: { seen & arrayBit($0) == 0 }) {
      throw cursor.fail("missing field \"\(missing.jsonKey)\"", at: start)
    }
    return nil
  }

  private static func readArray<R: JSONRecord>(_ cursor: inout JSONCursor, _ kind: RecordKind, into records: inout [R]) throws {
    try cursor.array { cursor, index in
      records.append(try R.readJSON(&cursor, path: { "\(kind.jsonKey)[\(index)]" }))
    }
  }
}

/// Names and version of the JSON Lines event format.
enum JSONLinesFormat {
  static let formatName = "trigemu-events"
  static let version = 1
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a JSON Lines event file (docs/trg-format.md, "JSON Lines") line by line.
///
/// Every line is decoded and checked like a `.trg` record; a problem throws an
/// `EventStreamError` naming the line, the field and what was expected.
public final class JSONLinesReader: EventSource {
  public let path: String
  public let streamInfo: StreamInfo
  public var skipReport: SkipReport { SkipReport() }
  private var lines: LineReader
  private let decoder = JSONDecoder()

  public init(path: String) throws {
    self.path = path
    lines = try LineReader(path: path)
    guard let first = try lines.next() else {
      throw EventStreamError(path: path, location: .line(1), message: "the file is empty; expected the stream header line")
    }
    let header: StreamHeaderLine
    do {
      header = try decoder.decode(StreamHeaderLine.self, from: Data(first))
    } catch let error as DecodingError {
      throw EventStreamError(path: path, location: .line(1), message: "stream header: \(Self.describe(error))")
    }
    guard header.format == JSONLinesFormat.formatName else {
      throw EventStreamError(
        path: path, location: .line(1),
        message: "the header names format \"\(header.format)\"; expected \"\(JSONLinesFormat.formatName)\"")
    }
    guard header.version == JSONLinesFormat.version else {
      throw EventStreamError(
        path: path, location: .line(1),
        message: "format version \(header.version) is not supported (this trigemu reads version \(JSONLinesFormat.version))")
    }
    streamInfo = StreamInfo(metadata: header.metadata, chunkCapacityBytes: header.chunkCapacityBytes)
  }

  public func forEachEvent(_ body: (EventView) throws -> Void) throws {
    var event = Event(header: EventHeader(experiment: 0, run: 0, eventNumber: 0, process: .data))
    var eventCount = 0
    while let line = try lines.next() {
      let lineNumber = lines.lineNumber
      func fail(_ message: String) -> EventStreamError {
        EventStreamError(path: path, location: .line(lineNumber), message: message)
      }
      let decoded: EventLine
      do {
        decoded = try decoder.decode(EventLine.self, from: Data(line))
      } catch let error as DecodingError {
        throw fail(Self.describe(error))
      }
      switch decoded {
      case .end(let events):
        guard events == eventCount else {
          throw fail("the end line counts \(events) events, but the file holds \(eventCount) (lines are missing)")
        }
        if try lines.next() != nil {
          throw EventStreamError(path: path, location: .line(lines.lineNumber), message: "unexpected line after the end line")
        }
        return
      case .event(let line):
        guard let process = ProcessTag(name: line.process) else {
          throw fail("process \"\(line.process)\" is unknown (known: \(ProcessTag.known.map(\.name).joined(separator: ", ")))")
        }
        event.header = EventHeader(
          experiment: line.experiment, run: line.run, eventNumber: line.event, process: process, weight: line.weight)
        event.cdcHits = line.cdc
        event.eclHits = line.ecl
        event.klmHits = line.klm
        event.tracks = line.tracks
        event.clusters = line.clusters
        event.mcParticles = line.mc
        let view = event.view
        if let (kind, index, problem) = view.firstProblem {
          let field = index.map { "\"\(kind.jsonKey)\"[\($0)] (\(kind) #\($0))" } ?? "\(kind)"
          throw fail("run \(line.run) event \(line.event), \(field): \(problem)")
        }
        eventCount += 1
        try body(view)
      }
    }
    throw EventStreamError(
      path: path, location: .line(lines.lineNumber + 1),
      message: "the file ends without the end line {\"end\":{\"events\":N}} after \(eventCount) events (was it cut short?)")
  }

  /// A decoding error in words: the field path (`cdc[3].wire`) and what was wrong.
  static func describe(_ error: DecodingError) -> String {
    func path(_ keys: [any CodingKey]) -> String {
      keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
    }
    switch error {
    case .keyNotFound(let key, let context):
      return "missing field \"\(path(context.codingPath + [key]))\""
    case .typeMismatch(let type, let context):
      return "field \"\(path(context.codingPath))\": expected \(type): \(context.debugDescription)"
    case .valueNotFound(let type, let context):
      return "field \"\(path(context.codingPath))\": expected \(type), found null"
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty {
        let detail = context.underlyingError.map { "\($0)" } ?? context.debugDescription
        return "malformed JSON: \(detail)"
      }
      return "field \"\(path(context.codingPath))\": \(context.debugDescription)"
    @unknown default:
      return "\(error)"
    }
  }
}

/// Line 1 of a JSON Lines event file.
private struct StreamHeaderLine: Decodable {
  var format: String
  var version: Int
  var chunkCapacityBytes: Int
  var metadata: [String: String]
}

/// An event line, or the end line `{"end":{"events":N}}`.
private enum EventLine: Decodable {
  case event(EventFields)
  case end(events: Int)

  struct EventFields: Decodable {
    var run: UInt32
    var event: UInt32
    var experiment: UInt16
    var process: String
    var weight: Double
    var cdc: [CDCHit]
    var ecl: [ECLTriggerCellHit]
    var klm: [KLMHit]
    var tracks: [Track]
    var clusters: [ECLCluster]
    var mc: [MCParticle]
  }

  private struct EndFields: Decodable { var events: Int }
  private enum Keys: String, CodingKey { case end }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Keys.self)
    if container.contains(.end) {
      self = .end(events: try container.decode(EndFields.self, forKey: .end).events)
    } else {
      self = .event(try EventFields(from: decoder))
    }
  }
}

extension KLMHit: Decodable {
  private enum Keys: String, CodingKey { case section, sector, layer, plane, timeNs }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Keys.self)
    let name = try container.decode(String.self, forKey: .section)
    guard let section = DetectorGeometry.KLM.Section(name: name) else {
      throw DecodingError.dataCorruptedError(
        forKey: .section, in: container, debugDescription: "\"\(name)\" is not barrel, forward or backward")
    }
    self.init(
      section: section, sector: try container.decode(UInt8.self, forKey: .sector),
      layer: try container.decode(UInt8.self, forKey: .layer), plane: try container.decode(UInt8.self, forKey: .plane),
      timeNs: try container.decode(Float.self, forKey: .timeNs))
  }
}

/// Splits a file into lines with `read(2)` and one growing buffer.
struct LineReader {
  private let descriptor: Int32
  private var buffer: [UInt8] = []
  private var start = 0
  private var reachedEOF = false
  /// Number (from 1) of the line last returned.
  private(set) var lineNumber = 0

  init(path: String) throws {
    descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw EventStreamError(path: path, location: .wholeFile, message: "cannot open: \(systemError())")
    }
  }

  /// The next line without its newline, or nil at the end of the file.
  mutating func next() throws -> ArraySlice<UInt8>? {
    while true {
      if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
        defer { start = newline + 1 }
        lineNumber += 1
        return buffer[start..<newline]
      }
      if reachedEOF {
        guard start < buffer.count else { return nil }
        defer { start = buffer.count }
        lineNumber += 1
        return buffer[start...]
      }
      buffer.removeSubrange(0..<start)
      start = 0
      let old = buffer.count
      buffer.append(contentsOf: repeatElement(0, count: 1 << 20))
      let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + old, 1 << 20) }
      buffer.removeSubrange((old + max(got, 0))...)
      if got <= 0 { reachedEOF = true }
    }
  }
}

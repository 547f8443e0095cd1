import TriggerSupport
/// A stream of events read from a file, whatever its format.
public protocol EventSource: AnyObject {
  /// The file being read.
  var path: String { get }
  /// Metadata and layout of the stream, from the file header.
  var streamInfo: StreamInfo { get }
  /// Chunks and events skipped because they were damaged (empty unless skipping was asked for).
  var skipReport: SkipReport { get }
  /// Calls `body` with every event in file order; throws at the first problem in the file.
  func forEachEvent(_ body: (EventView) throws -> Void) throws
}

/// What a stream's header says about it.
public struct StreamInfo: Equatable, Sendable {
  /// Free-form pairs the writer stored (generator, seed, run list, …).
  public var metadata: [String: String]
  /// Payload size at which the writer started a new chunk.
  public var chunkCapacityBytes: Int

  public init(metadata: [String: String] = [:], chunkCapacityBytes: Int = TRGFormat.defaultChunkCapacityBytes) {
    self.metadata = metadata
    self.chunkCapacityBytes = chunkCapacityBytes
  }
}

/// The two event-file formats, told apart by the file name's extension.
public enum EventFileFormat: String, CaseIterable, Sendable {
  /// The chunked binary working format (docs/trg-format.md).
  case trg
  /// One JSON object per line, for people and interchange.
  case jsonLines = "jsonl"

  /// The format of `path` from its extension, or an error saying which extensions are known.
  public init(path: String) throws {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), let format = EventFileFormat(rawValue: String(name[name.index(after: dot)...]).lowercased()) else {
      throw LocatedError(
        file: path, place: .wholeFile,
        message: "cannot tell the event format from the file name: use the extension .trg (binary) or .jsonl (JSON Lines)")
    }
    self = format
  }

  /// Opens `path` for reading in the format its extension names.
  public static func openSource(_ path: String, skipCorrupt: Bool = false) throws -> any EventSource {
    switch try EventFileFormat(path: path) {
    case .trg: try TRGReader(path: path, skipCorrupt: skipCorrupt)
    case .jsonLines: try JSONLinesReader(path: path)
    }
  }
}

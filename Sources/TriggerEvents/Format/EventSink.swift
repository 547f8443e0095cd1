/// A destination for events, whatever its format; nothing appears at `path` before `finish()`.
public protocol EventSink: AnyObject {
  var path: String { get }
  /// Validates and writes one event.
  func append(_ event: EventView) throws
  /// Completes the file and moves it into place.
  func finish() throws
}

extension TRGWriter: EventSink {}

extension EventFileFormat {
  /// Creates a writer for `path` in the format its extension names.
  public static func openSink(_ path: String, streamInfo: StreamInfo) throws -> any EventSink {
    switch try EventFileFormat(path: path) {
    case .trg: try TRGWriter(path: path, metadata: streamInfo.metadata, chunkCapacityBytes: streamInfo.chunkCapacityBytes)
    case .jsonLines: try JSONLinesWriter(path: path, streamInfo: streamInfo)
    }
  }
}

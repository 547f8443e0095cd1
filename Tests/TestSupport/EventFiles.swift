import TriggerEvents
import TriggerSupport

/// Writing and reading whole event files in tests.
public enum EventFiles {
  /// Writes `events` to `path` (.trg or .jsonl by extension).
  public static func write(
    _ events: [Event], to path: String, metadata: [String: String] = ["test": "yes"],
    chunkCapacityBytes: Int = TRGFormat.defaultChunkCapacityBytes
  ) throws {
    let sink = try EventFileFormat.openSink(path, streamInfo: StreamInfo(metadata: metadata, chunkCapacityBytes: chunkCapacityBytes))
    for event in events { try sink.append(event.view) }
    try sink.finish()
  }

  /// Every event of the file at `path`, owned.
  public static func read(_ path: String, skipCorrupt: Bool = false) throws -> [Event] {
    try readWithSource(path, skipCorrupt: skipCorrupt).events
  }

  /// Every event and the source (for its skip report).
  public static func readWithSource(_ path: String, skipCorrupt: Bool = false) throws -> (events: [Event], source: any EventSource) {
    let source = try EventFileFormat.openSource(path, skipCorrupt: skipCorrupt)
    var events: [Event] = []
    try source.forEachEvent { view in
      var event = Event(header: view.header)
      view.copy(into: &event)
      events.append(event)
    }
    return (events, source)
  }

  /// The error reading `path` throws, or nil when it reads cleanly.
  public static func readError(_ path: String) -> LocatedError? {
    do {
      _ = try read(path)
      return nil
    } catch let error as LocatedError {
      return error
    } catch {
      fatalError("unexpected error type: \(error)")
    }
  }
}


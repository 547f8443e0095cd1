/// The events of one `.trg` chunk, decoded column by column into contiguous arrays.
///
/// All events of a chunk belong to one run. Each record array holds the records of every event
/// in the chunk back to back; `event(at:)` slices out one event without copying. A reader refills
/// the same `EventChunk` chunk after chunk, resizing its arrays, so they are allocated once.
public struct EventChunk: Sendable {
  /// Run number shared by every event of the chunk.
  public internal(set) var run: UInt32 = 0
  public internal(set) var headers: [EventHeader] = []
  public internal(set) var cdcHits: [CDCHit] = []
  public internal(set) var eclHits: [ECLTriggerCellHit] = []
  public internal(set) var klmHits: [KLMHit] = []
  public internal(set) var tracks: [Track] = []
  public internal(set) var clusters: [ECLCluster] = []
  public internal(set) var mcParticles: [MCParticle] = []
  /// Where each event's records start in the arrays above; one extra entry marks the end.
  var starts: [RecordStarts] = []

  public init() {}

  /// Number of events in the chunk.
  public var count: Int { headers.count }

  /// The records of event `index` (0 ..< count).
  public func event(at index: Int) -> EventView {
    let first = starts[index], end = starts[index + 1]
    return EventView(
      header: headers[index],
      cdcHits: cdcHits[first.cdc..<end.cdc], eclHits: eclHits[first.ecl..<end.ecl],
      klmHits: klmHits[first.klm..<end.klm], tracks: tracks[first.track..<end.track],
      clusters: clusters[first.cluster..<end.cluster],
      mcParticles: mcParticles[first.mc..<end.mc])
  }
}

/// Start indices of one event's records in the arrays of an `EventChunk`.
struct RecordStarts: Sendable {
  var cdc = 0, ecl = 0, klm = 0, track = 0, cluster = 0, mc = 0
}

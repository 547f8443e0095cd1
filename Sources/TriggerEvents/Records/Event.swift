/// One event with all its records, owning its arrays: what simulation builds and writers take.
///
/// Reuse one `Event` for a whole stream: `removeAllRecords()` keeps the arrays' capacity, so
/// filling it again allocates nothing once the largest event has been seen.
public struct Event: Equatable, Sendable {
  public var header: EventHeader
  public var cdcHits: [CDCHit] = []
  public var eclHits: [ECLTriggerCellHit] = []
  public var klmHits: [KLMHit] = []
  public var tracks: [Track] = []
  public var clusters: [ECLCluster] = []
  /// Truth particles; empty for recorded data.
  public var mcParticles: [MCParticle] = []

  public init(header: EventHeader) {
    self.header = header
  }

  /// Empties every record array, keeping its capacity for the next event.
  public mutating func removeAllRecords() {
    cdcHits.removeAll(keepingCapacity: true)
    eclHits.removeAll(keepingCapacity: true)
    klmHits.removeAll(keepingCapacity: true)
    tracks.removeAll(keepingCapacity: true)
    clusters.removeAll(keepingCapacity: true)
    mcParticles.removeAll(keepingCapacity: true)
  }

  /// A read-only view of this event (no copy: the slices share the arrays' storage).
  public var view: EventView {
    EventView(
      header: header, cdcHits: cdcHits[...], eclHits: eclHits[...], klmHits: klmHits[...],
      tracks: tracks[...], clusters: clusters[...], mcParticles: mcParticles[...])
  }
}

/// A read-only look at one event's records, wherever they are stored (an `Event` or an `EventChunk`).
///
/// The slices keep the indices of the storage they come from: iterate them, or use
/// `startIndex`-relative positions, never `0..<count`.
public struct EventView: Sendable {
  public let header: EventHeader
  public let cdcHits: ArraySlice<CDCHit>
  public let eclHits: ArraySlice<ECLTriggerCellHit>
  public let klmHits: ArraySlice<KLMHit>
  public let tracks: ArraySlice<Track>
  public let clusters: ArraySlice<ECLCluster>
  public let mcParticles: ArraySlice<MCParticle>

  public init(
    header: EventHeader, cdcHits: ArraySlice<CDCHit>, eclHits: ArraySlice<ECLTriggerCellHit>,
    klmHits: ArraySlice<KLMHit>, tracks: ArraySlice<Track>, clusters: ArraySlice<ECLCluster>,
    mcParticles: ArraySlice<MCParticle>
  ) {
    self.header = header
    self.cdcHits = cdcHits
    self.eclHits = eclHits
    self.klmHits = klmHits
    self.tracks = tracks
    self.clusters = clusters
    self.mcParticles = mcParticles
  }

  /// An owned copy of this event.
  public func copy(into event: inout Event) {
    event.header = header
    event.removeAllRecords()
    event.cdcHits.append(contentsOf: cdcHits)
    event.eclHits.append(contentsOf: eclHits)
    event.klmHits.append(contentsOf: klmHits)
    event.tracks.append(contentsOf: tracks)
    event.clusters.append(contentsOf: clusters)
    event.mcParticles.append(contentsOf: mcParticles)
  }
}

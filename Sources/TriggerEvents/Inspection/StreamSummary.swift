/// What a stream holds: events per run and per process, and the distribution of records per
/// event for every detector. A plain value that merges by addition.
public struct StreamSummary: Equatable, Sendable {
  /// Events and summed weights of one run.
  public struct RunTally: Equatable, Sendable {
    public var experiment: UInt16
    public var events = 0
    public var weightSum = 0.0
  }

  public private(set) var events = 0
  public private(set) var runs: [UInt32: RunTally] = [:]
  public private(set) var processes: [ProcessTag: (events: Int, weightSum: Double)] = [:]
  /// Records per event, by kind (every kind but `.header`).
  public private(set) var perEvent: [RecordKind: CountDistribution] = [:]

  public init() {}

  public mutating func add(_ event: EventView) {
    events += 1
    let header = event.header
    runs[header.run, default: RunTally(experiment: header.experiment)].events += 1
    runs[header.run]!.weightSum += header.weight
    processes[header.process, default: (0, 0)].events += 1
    processes[header.process]!.weightSum += header.weight
    perEvent[.cdcHit, default: CountDistribution()].add(event.cdcHits.count)
    perEvent[.eclHit, default: CountDistribution()].add(event.eclHits.count)
    perEvent[.klmHit, default: CountDistribution()].add(event.klmHits.count)
    perEvent[.track, default: CountDistribution()].add(event.tracks.count)
    perEvent[.cluster, default: CountDistribution()].add(event.clusters.count)
    perEvent[.mcParticle, default: CountDistribution()].add(event.mcParticles.count)
  }

  public mutating func merge(_ other: StreamSummary) {
    events += other.events
    for (run, tally) in other.runs {
      runs[run, default: RunTally(experiment: tally.experiment)].events += tally.events
      runs[run]!.weightSum += tally.weightSum
    }
    for (process, tally) in other.processes {
      processes[process, default: (0, 0)].events += tally.events
      processes[process]!.weightSum += tally.weightSum
    }
    for (kind, distribution) in other.perEvent { perEvent[kind, default: CountDistribution()].merge(distribution) }
  }

  public static func == (a: StreamSummary, b: StreamSummary) -> Bool {
    a.events == b.events && a.runs == b.runs && a.perEvent == b.perEvent
      && a.processes.keys == b.processes.keys
      && a.processes.allSatisfy { b.processes[$0.key]! == $0.value }
  }
}

/// How often each count (of hits, tracks, …) occurred per event: an exact histogram that merges
/// by addition, with the summary numbers `trigemu inspect` prints.
public struct CountDistribution: Equatable, Sendable {
  /// `occurrences[n]` is the number of events with count n.
  public private(set) var occurrences: [Int] = []
  public private(set) var events = 0
  public private(set) var total = 0

  public init() {}

  public mutating func add(_ count: Int) {
    if count >= occurrences.count { occurrences.append(contentsOf: repeatElement(0, count: count + 1 - occurrences.count)) }
    occurrences[count] += 1
    events += 1
    total += count
  }

  /// Adds another distribution's events to this one.
  public mutating func merge(_ other: CountDistribution) {
    if other.occurrences.count > occurrences.count {
      occurrences.append(contentsOf: repeatElement(0, count: other.occurrences.count - occurrences.count))
    }
    for (count, n) in other.occurrences.enumerated() { occurrences[count] += n }
    events += other.events
    total += other.total
  }

  public var minimum: Int? { occurrences.firstIndex { $0 > 0 } }
  public var maximum: Int? { occurrences.lastIndex { $0 > 0 } }
  public var mean: Double? { events > 0 ? Double(total) / Double(events) : nil }

  /// The smallest count c with at least `fraction` of the events at or below c (0 < fraction ≤ 1).
  public func quantile(_ fraction: Double) -> Int? {
    guard events > 0 else { return nil }
    let needed = max(1, Int((fraction * Double(events)).rounded(.up)))
    var seen = 0
    for (count, n) in occurrences.enumerated() {
      seen += n
      if seen >= needed { return count }
    }
    return maximum
  }

  /// Event counts in `binCount` equal-width bins from the minimum to the maximum count.
  public func binned(_ binCount: Int) -> [Int] {
    guard let low = minimum, let high = maximum else { return [] }
    var bins = Array(repeating: 0, count: binCount)
    let width = Double(high - low + 1) / Double(binCount)
    for count in low...high where occurrences[count] > 0 {
      bins[min(binCount - 1, Int(Double(count - low) / width))] += occurrences[count]
    }
    return bins
  }
}

import TriggerEvents
import TriggerSupport

/// An event sink that keeps every event in memory, for tests of what producers write.
public final class CollectingSink: EventSink {
  public let path = "<memory>"
  public private(set) var events: [Event] = []
  public private(set) var finished = false

  public init() {}

  public func append(_ event: EventView) throws {
    if let (kind, index, problem) = event.firstProblem {
      throw LocatedError(file: path, place: .wholeFile, message: "\(kind) \(index ?? -1): \(problem)")
    }
    var copy = Event(header: event.header)
    event.copy(into: &copy)
    events.append(copy)
  }

  public func finish() throws { finished = true }
}

/// Identity and bookkeeping of one event: where it comes from and how much it counts.
public struct EventHeader: Hashable, Sendable {
  /// Experiment number (Belle II numbers its data-taking periods as experiments).
  public var experiment: UInt16
  /// Run number within the experiment.
  public var run: UInt32
  /// Event number within the run.
  public var eventNumber: UInt32
  /// The simulated process this event comes from; `.data` for recorded data.
  public var process: ProcessTag
  /// Event weight: 1 for data; for simulation, how many events of the process this one stands for
  /// (a process simulated at 1 % gets weight 100 so that rates stay right).
  public var weight: Double

  public init(experiment: UInt16, run: UInt32, eventNumber: UInt32, process: ProcessTag, weight: Double = 1) {
    self.experiment = experiment
    self.run = run
    self.eventNumber = eventNumber
    self.process = process
    self.weight = weight
  }
}

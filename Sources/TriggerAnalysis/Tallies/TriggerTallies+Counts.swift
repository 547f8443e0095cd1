extension TriggerTallies {
  /// A number of events with the sums of their weights and of their squared weights, both in
  /// units of 10⁻⁶ (each event's weight and squared weight rounded to that once): a rate is
  /// Σw / L_int × L_inst, its statistical error √(Σw²) / L_int × L_inst.
  public struct WeightedCount: Equatable, Sendable {
    public var events = 0
    public var weightMicro: Int64 = 0
    public var weightSquaredMicro: Int64 = 0

    public init(events: Int = 0, weightMicro: Int64 = 0, weightSquaredMicro: Int64 = 0) {
      self.events = events
      self.weightMicro = weightMicro
      self.weightSquaredMicro = weightSquaredMicro
    }

    /// Σw and Σw² as plain numbers.
    public var weight: Double { Double(weightMicro) / 1e6 }
    public var weightSquared: Double { Double(weightSquaredMicro) / 1e6 }

    /// Adds one event; returns false when a sum no longer fits its 64 bits (it is then wrong).
    mutating func add(_ weight: EventWeight) -> Bool {
      events += 1
      let (w, wOverflow) = weightMicro.addingReportingOverflow(weight.micro)
      let (w2, w2Overflow) = weightSquaredMicro.addingReportingOverflow(weight.squaredMicro)
      weightMicro = w
      weightSquaredMicro = w2
      return !(wOverflow || w2Overflow)
    }

    /// Adds another count; returns false when a sum no longer fits its 64 bits.
    mutating func add(_ other: WeightedCount) -> Bool {
      TriggerTallies.checkedAdd(&events, other.events) && TriggerTallies.checkedAdd(&weightMicro, other.weightMicro)
        && TriggerTallies.checkedAdd(&weightSquaredMicro, other.weightSquaredMicro)
    }
  }

  /// One event's weight and squared weight in units of 10⁻⁶.
  struct EventWeight {
    var micro: Int64
    var squaredMicro: Int64
    init(_ weight: Double) {
      micro = TriggerTallies.micro(weight)
      squaredMicro = TriggerTallies.micro(weight * weight)
    }
  }

  /// One line's counts in a run: before its prescale, after it, and after it with no other line
  /// accepting the event (the line's pure, or unique, share).
  public struct LineCounts: Equatable, Sendable, Codable {
    public var raw = WeightedCount()
    public var accepted = WeightedCount()
    public var pure = WeightedCount()

    /// Adds another line's counts; returns false when a sum no longer fits its 64 bits.
    mutating func add(_ other: LineCounts) -> Bool {
      raw.add(other.raw) && accepted.add(other.accepted) && pure.add(other.pure)
    }
  }

  /// `sum += value`, or false (and `sum` unchanged) when the result does not fit.
  static func checkedAdd<Value: FixedWidthInteger>(_ sum: inout Value, _ value: Value) -> Bool {
    let (result, overflow) = sum.addingReportingOverflow(value)
    if !overflow { sum = result }
    return !overflow
  }
}

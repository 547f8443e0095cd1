/// What is wrong with one record, in words a physicist can act on ("layer 56 is out of range 0–55").
///
/// Made only when a check fails, so checking valid records allocates nothing.
public struct RecordProblem: Error, Equatable, Sendable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Checks shared by the record validations.
enum Check {
  /// A problem when `value` is NaN, infinite or (with `nonNegative`) below zero.
  @inline(__always)
  static func finite(_ value: Float, _ name: String, nonNegative: Bool = false) -> RecordProblem? {
    if value.isNaN { return RecordProblem("\(name) is NaN") }
    if value.isInfinite { return RecordProblem("\(name) is infinite") }
    if nonNegative && value < 0 { return RecordProblem("\(name) \(value) is negative") }
    return nil
  }

  /// A problem when an angle in radians lies outside `0…π` (polar) or `−π…π` (azimuth).
  @inline(__always)
  static func angle(_ value: Float, _ name: String, polar: Bool) -> RecordProblem? {
    if let problem = finite(value, name) { return problem }
    let low: Float = polar ? 0 : -Float.pi
    if value < low || value > Float.pi {
      return RecordProblem("\(name) \(value) rad is out of range \(polar ? "0" : "−π")–π")
    }
    return nil
  }
}

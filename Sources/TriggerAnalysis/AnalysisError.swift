/// A bad input to an analysis (tallies, run lists, selections, binnings, yield tables), with a
/// message that names the file and the place when there is one.
public struct AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

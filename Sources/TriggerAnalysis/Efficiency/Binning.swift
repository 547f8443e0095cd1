import Foundation
import TriggerEvents
import TriggerSupport

/// Bins of one event variable for binned efficiencies: `theta:37,50,60` on the command line.
///
/// The variable is read off the selection's binning track (the highest-p_T selected track);
/// bins are [low, high), and an event outside every bin is counted in no bin (it still counts
/// in the run's efficiency).
public struct Binning: Equatable, Sendable {
  /// The variables, with their units and default edges (docs/efficiency.md, "Binned efficiencies").
  public enum Variable: String, CaseIterable, Sendable {
    /// Polar angle, degrees.
    case theta
    /// Transverse momentum, GeV/c.
    case pt
    /// Azimuth at the origin, degrees (−180…180).
    case phi
    /// CDC hits on the track.
    case cdcHits = "cdc_hits"

    /// The axis label with the unit, e.g. "θ (deg)".
    public var label: String {
      switch self {
      case .theta: "θ (deg)"
      case .pt: "p_T (GeV/c)"
      case .phi: "φ (deg)"
      case .cdcHits: "CDC hits"
      }
    }

    /// Default edges: θ over the 2018 fiducial range, p_T up to the beam energy, φ in 30°
    /// sectors, CDC hits in steps where fiducial tracks lie (56 layers; 97 % wire efficiency).
    public var defaultEdges: [Double] {
      switch self {
      case .theta: [37, 50, 60, 70, 80, 90, 100, 110, 120]
      case .pt: [0, 1, 2, 3, 4, 5, 6, 8]
      case .phi: stride(from: -180.0, through: 180, by: 30).map { $0 }
      case .cdcHits: [0, 50, 52, 53, 54, 55, 56, 57]
      }
    }

    public func value(of track: Track) -> Double {
      switch self {
      case .theta: track.thetaDeg
      case .pt: track.ptGeV
      case .phi: track.phiDeg
      case .cdcHits: Double(track.cdcHitCount)
      }
    }
  }

  public var variable: Variable
  /// Increasing bin edges; bin i is [edges[i], edges[i + 1]).
  public var edges: [Double]

  public init(variable: Variable, edges: [Double]? = nil) {
    self.variable = variable
    self.edges = edges ?? variable.defaultEdges
  }

  /// The defaults: all four variables with their default edges.
  public static let defaults: [Binning] = Variable.allCases.map { Binning(variable: $0) }

  /// Parses `VAR` (default edges) or `VAR:E0,E1,…` with at least two increasing edges.
  public init(parsing text: String) throws(LocatedError) {
    let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    guard let variable = Variable(rawValue: parts[0]) else {
      throw LocatedError("--bins \(text): unknown variable '\(parts[0])'; the variables are \(Variable.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    guard parts.count == 2 else {
      self.init(variable: variable)
      return
    }
    var edges: [Double] = []
    for field in parts[1].split(separator: ",", omittingEmptySubsequences: false) {
      guard let edge = Double(field.trimmingCharacters(in: .whitespaces)), edge.isFinite else {
        throw LocatedError("--bins \(text): '\(field)' is not a number")
      }
      edges.append(edge)
    }
    guard edges.count >= 2 else { throw LocatedError("--bins \(text): give at least two edges") }
    for index in 1..<edges.count where edges[index] <= edges[index - 1] {
      throw LocatedError("--bins \(text): edges must increase, but \(edges[index]) follows \(edges[index - 1])")
    }
    self.init(variable: variable, edges: edges)
  }

  public var binCount: Int { edges.count - 1 }

  /// The bin holding `value`, or nil outside the edges.
  public func bin(of value: Double) -> Int? {
    guard value >= edges[0], value < edges[edges.count - 1] else { return nil }
    var low = 0, high = edges.count - 1  // edges[low] ≤ value < edges[high]
    while high - low > 1 {
      let middle = (low + high) / 2
      if value < edges[middle] { high = middle } else { low = middle }
    }
    return low
  }
}

import TriggerEvents
import TriggerSupport

/// Efficiencies as a correctionlib JSON file (schema version 2), the format CMS-style offline
/// analyses read scale factors and efficiencies from.
///
/// Per measurement: `<line>_efficiency` (input `systematic`) holds the luminosity-weighted
/// efficiency, and `<line>_efficiency_<variable>` (inputs: the variable, then `systematic`) the
/// binned one. `systematic` is `nominal`, `up` or `down`; up and down add the statistical error
/// of that side and the relative systematic in quadrature, kept within [0, 1]. A bin without
/// reference events holds the luminosity-weighted values. Inputs outside the edges are an error
/// (`flow: "error"`), so an event outside the measured range is never given a silent value.
/// Documented in docs/efficiency.md ("correctionlib").
public enum CorrectionlibExport {
  public static func jsonBytes(_ measurements: [EfficiencyMeasurement], description: String) throws(LocatedError) -> [UInt8] {
    try JSONDocument.encoded(correctionSet(measurements, description: description))
  }

  /// The correction set of `measurements`; an error when one has no good runs.
  public static func correctionSet(_ measurements: [EfficiencyMeasurement], description: String) throws(LocatedError) -> CorrectionSet {
    var corrections: [Correction] = []
    for measurement in measurements {
      guard let weighted = measurement.weighted else {
        throw LocatedError("--correctionlib: the efficiency of \(measurement.line) is undefined (no good runs); nothing to export")
      }
      let relative = measurement.relativeSystematic ?? 0
      /// Nominal, up and down: the statistical error of that side and the systematic in quadrature, within [0, 1].
      func variations(_ efficiency: Double, up: Double, down: Double) -> [Double] {
        let syst = relative * efficiency
        return [efficiency, min(1, efficiency + (up * up + syst * syst).squareRoot()), max(0, efficiency - (down * down + syst * syst).squareRoot())]
      }
      let overall = variations(weighted.efficiency, up: weighted.statUp, down: weighted.statDown)
      let what = "efficiency of trigger line \(measurement.line) measured against \(measurement.reference) on \(measurement.selection.name) events"
      corrections.append(
        Correction(name: "\(measurement.line)_efficiency", description: "Luminosity-weighted \(what)", variable: nil, data: .systematic(overall.map { .number($0) })))
      for result in measurement.binned {
        let values = result.bins.map { bin -> [Double] in
          guard let efficiency = bin.measured.efficiency, let interval = bin.measured.interval else { return overall }
          return variations(efficiency, up: interval.upper - efficiency, down: efficiency - interval.lower)
        }
        let variable = result.binning.variable
        let sides = (0..<3).map { side in
          Content.binning(Content.Binning(input: variable.rawValue, edges: result.binning.edges, content: values.map { .number($0[side]) }))
        }
        corrections.append(
          Correction(
            name: "\(measurement.line)_efficiency_\(variable.rawValue)", description: "\(what), in bins of \(variable.label)", variable: variable,
            data: .systematic(sides)))
      }
    }
    return CorrectionSet(description: description, corrections: corrections)
  }

  /// correctionlib's top level (schema version 2).
  public struct CorrectionSet: Codable, Sendable {
    public var schemaVersion = 2
    public var description: String
    public var corrections: [Correction]

    enum CodingKeys: String, CodingKey {
      case description, corrections
      case schemaVersion = "schema_version"
    }
  }

  /// One correction: its inputs (the variable, then `systematic`), its output and its content.
  public struct Correction: Codable, Sendable {
    public var name: String
    public var description: String
    public var version = 1
    public var inputs: [Variable]
    public var output = Variable(name: "efficiency", type: "real", description: "trigger efficiency (fraction)")
    public var data: Content

    init(name: String, description: String, variable: Binning.Variable?, data: Content) {
      self.name = name
      self.description = description
      inputs =
        (variable.map { [Variable(name: $0.rawValue, type: "real", description: "\($0.label) of the highest-p_T selected track")] } ?? [])
        + [Variable(name: "systematic", type: "string", description: "nominal, up or down")]
      self.data = data
    }
  }

  /// An input or output variable.
  public struct Variable: Codable, Sendable {
    public var name: String
    public var type: String
    public var description: String
  }

  /// A content node: a number, a category on a string input, or a binning on a real one.
  public indirect enum Content: Codable, Sendable {
    case number(Double)
    case category(Category)
    case binning(Binning)

    public struct Category: Codable, Sendable {
      public var nodetype = "category"
      public var input: String
      public var content: [Item]
    }

    public struct Item: Codable, Sendable {
      public var key: String
      public var value: Content
    }

    /// Bins between `edges`; inputs outside them are an error (`flow: "error"`).
    public struct Binning: Codable, Sendable {
      public var nodetype = "binning"
      public var input: String
      public var edges: [Double]
      public var content: [Content]
      public var flow = "error"

      init(input: String, edges: [Double], content: [Content]) {
        self.input = input
        self.edges = edges
        self.content = content
      }
    }

    /// A category on `systematic` with the nominal, up and down contents.
    static func systematic(_ contents: [Content]) -> Content {
      .category(Category(input: "systematic", content: zip(["nominal", "up", "down"], contents).map { Item(key: $0, value: $1) }))
    }

    public func encode(to encoder: any Encoder) throws {
      switch self {
      case .number(let value):
        var container = encoder.singleValueContainer()
        try container.encode(value)
      case .category(let category): try category.encode(to: encoder)
      case .binning(let binning): try binning.encode(to: encoder)
      }
    }

    public init(from decoder: any Decoder) throws {
      if let value = try? decoder.singleValueContainer().decode(Double.self) {
        self = .number(value)
      } else if let binning = try? Binning(from: decoder), binning.nodetype == "binning" {
        self = .binning(binning)
      } else {
        self = .category(try Category(from: decoder))
      }
    }
  }
}

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
    var out = JSONText()
    out.raw("{\n  \"schema_version\": 2,\n  \"description\": ")
    out.string(description)
    out.raw(",\n  \"corrections\": [")
    var first = true
    for measurement in measurements {
      guard let weighted = measurement.weighted else {
        throw LocatedError("--correctionlib: the efficiency of \(measurement.line) is undefined (no good runs); nothing to export")
      }
      let relative = measurement.relativeSystematic ?? 0
      func variations(_ efficiency: Double, up: Double, down: Double) -> (Double, Double, Double) {
        let syst = relative * efficiency
        return (efficiency, min(1, efficiency + (up * up + syst * syst).squareRoot()), max(0, efficiency - (down * down + syst * syst).squareRoot()))
      }
      let overall = variations(weighted.efficiency, up: weighted.statUp, down: weighted.statDown)
      let what = "efficiency of trigger line \(measurement.line) measured against \(measurement.reference) on \(measurement.selection.name) events"
      correction(&out, &first, name: "\(measurement.line)_efficiency", description: "Luminosity-weighted \(what)", variable: nil) { out in
        category(&out, [overall.0, overall.1, overall.2].map { value in { $0.number(value) } })
      }
      for result in measurement.binned {
        let values = result.bins.map { bin -> (Double, Double, Double) in
          guard let efficiency = bin.measured.efficiency, let interval = bin.measured.interval else { return overall }
          return variations(efficiency, up: interval.upper - efficiency, down: efficiency - interval.lower)
        }
        let variable = result.binning.variable
        correction(&out, &first, name: "\(measurement.line)_efficiency_\(variable.rawValue)", description: "\(what), in bins of \(variable.label)", variable: variable) { out in
          category(&out, [\(Double, Double, Double).0, \.1, \.2].map { side in
            { out in
              out.raw("{\"nodetype\": \"binning\", \"input\": ")
              out.string(variable.rawValue)
              out.raw(", \"edges\": [")
              for (index, edge) in result.binning.edges.enumerated() { out.raw(index > 0 ? ", " : ""); out.number(edge) }
              out.raw("], \"content\": [")
              for (index, value) in values.enumerated() { out.raw(index > 0 ? ", " : ""); out.number(value[keyPath: side]) }
              out.raw("], \"flow\": \"error\"}")
            }
          })
        }
      }
    }
    out.raw("\n  ]\n}\n")
    return out.bytes
  }

  /// One correction object; `data` writes its content node.
  private static func correction(
    _ out: inout JSONText, _ first: inout Bool, name: String, description: String, variable: Binning.Variable?, data: (inout JSONText) -> Void
  ) {
    out.raw(first ? "\n    {" : ",\n    {")
    first = false
    out.raw("\"name\": "); out.string(name)
    out.raw(", \"description\": "); out.string(description)
    out.raw(", \"version\": 1,\n     \"inputs\": [")
    if let variable {
      out.raw("{\"name\": "); out.string(variable.rawValue)
      out.raw(", \"type\": \"real\", \"description\": ")
      out.string("\(variable.label) of the highest-p_T selected track")
      out.raw("}, ")
    }
    out.raw("{\"name\": \"systematic\", \"type\": \"string\", \"description\": \"nominal, up or down\"}],\n")
    out.raw("     \"output\": {\"name\": \"efficiency\", \"type\": \"real\", \"description\": \"trigger efficiency (fraction)\"},\n     \"data\": ")
    data(&out)
    out.raw("}")
  }

  /// A category node on `systematic` with the nominal, up and down contents.
  private static func category(_ out: inout JSONText, _ contents: [(inout JSONText) -> Void]) {
    out.raw("{\"nodetype\": \"category\", \"input\": \"systematic\", \"content\": [")
    for (index, key) in ["nominal", "up", "down"].enumerated() {
      out.raw(index > 0 ? ", " : "")
      out.raw("{\"key\": "); out.string(key); out.raw(", \"value\": ")
      contents[index](&out)
      out.raw("}")
    }
    out.raw("]}")
  }
}

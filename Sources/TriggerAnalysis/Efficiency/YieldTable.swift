import Foundation
import TriggerSupport

/// Expected MC yields of an offline search, per process and recoil-mass bin, to be scaled by a
/// trigger efficiency (docs/physics.md: "expected yields × ε_trig").
///
/// CSV (docs/efficiency.md, "Yields"):
///
///     process,recoil_mass_low_gev,recoil_mass_high_gev,yield,yield_error
///     zprime@2,1.5,2.5,12.4,0.8
///
/// `yield_error` may be left out (0). Lines starting with `#` and blank lines are ignored.
public struct YieldTable: Equatable, Sendable {
  public struct Entry: Equatable, Sendable {
    public var process: String
    public var recoilMassLowGeV: Double
    public var recoilMassHighGeV: Double
    public var yield: Double
    public var yieldError: Double
  }

  public var entries: [Entry]

  public static let columns = ["process", "recoil_mass_low_gev", "recoil_mass_high_gev", "yield", "yield_error"]

  /// Reads the yield table at `path`.
  public init(path: String) throws(LocatedError) {
    let data = try InputFile.contents(of: path, limitBytes: InputFile.configurationLimitBytes)
    try self.init(parsing: String(decoding: data, as: UTF8.self), path: path)
  }

  /// Parses yield-table text; `path` names the file in errors (path:line: message).
  public init(parsing text: String, path: String) throws(LocatedError) {
    entries = []
    var sawHeader = false
    for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
      func fail(_ message: String) -> LocatedError { LocatedError(file: path, line: index + 1, message: message) }
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
      guard sawHeader else {
        guard fields == Self.columns || fields == Array(Self.columns.dropLast()) else {
          throw fail("expected the header \(Self.columns.joined(separator: ",")) (yield_error optional), found \(line)")
        }
        sawHeader = true
        continue
      }
      guard fields.count == 4 || fields.count == 5 else { throw fail("expected 4 or 5 fields, found \(fields.count)") }
      func number(_ column: Int) throws(LocatedError) -> Double {
        guard let value = Double(fields[column]), value.isFinite else { throw fail("\(Self.columns[column]) '\(fields[column])' is not a number") }
        return value
      }
      guard !fields[0].isEmpty else { throw fail("the process name is empty") }
      let entry = Entry(
        process: fields[0], recoilMassLowGeV: try number(1), recoilMassHighGeV: try number(2), yield: try number(3),
        yieldError: fields.count == 5 ? try number(4) : 0)
      guard entry.recoilMassLowGeV < entry.recoilMassHighGeV else {
        throw fail("recoil_mass_low_gev \(fields[1]) must be below recoil_mass_high_gev \(fields[2])")
      }
      guard entry.yield >= 0, entry.yieldError >= 0 else { throw fail("yield and yield_error must not be negative") }
      entries.append(entry)
    }
    guard sawHeader else { throw LocatedError(file: path, message: "no header line; expected \(Self.columns.joined(separator: ","))") }
  }

  /// Each yield times the luminosity-weighted efficiency, with the trigger's statistical error
  /// (the larger of its two sides) and systematic error, the yield's own error, and all three
  /// in quadrature.
  public func scaled(by measurement: EfficiencyMeasurement) throws(LocatedError) -> ReportTable {
    guard let weighted = measurement.weighted else {
      throw LocatedError("cannot scale yields: the efficiency of \(measurement.line) is undefined (no good runs)")
    }
    let efficiency = weighted.efficiency
    let stat = max(weighted.statUp, weighted.statDown)
    let syst = measurement.systematic ?? 0
    var table = ReportTable(
      name: "yields",
      columns: Self.columns + ["trigger_line", "trigger_efficiency", "scaled_yield", "trigger_stat_error", "trigger_syst_error", "total_error"])
    for entry in entries {
      let errors = (stat: entry.yield * stat, syst: entry.yield * syst, yield: entry.yieldError * efficiency)
      table.add([
        .text(entry.process), .number(entry.recoilMassLowGeV, digits: 2), .number(entry.recoilMassHighGeV, digits: 2), .number(entry.yield, digits: 3),
        .number(entry.yieldError, digits: 3), .text(measurement.line), .number(efficiency, digits: 4), .number(entry.yield * efficiency, digits: 3),
        .number(errors.stat, digits: 3), .number(errors.syst, digits: 3),
        .number((errors.stat * errors.stat + errors.syst * errors.syst + errors.yield * errors.yield).squareRoot(), digits: 3),
      ])
    }
    return table
  }
}

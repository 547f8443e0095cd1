import Foundation
import TriggerEvents
import TriggerSupport

/// One self-contained HTML page (inline SVG and CSS, no scripts, nothing fetched) with the plots
/// of trigemu's JSON results: tallies of `run`, `efficiency`/`measure`, `rates`,
/// `compare-menus`, `compare-firmware` and `signal`, each recognised by its `format`.
public struct HTMLReport: Sendable {
  /// A part of the page: a heading, lines of text, and figures (SVG).
  public struct Section: Sendable {
    public var title: String
    public var notes: [String]
    public var figures: [String]
  }

  public var title: String
  public var sections: [Section] = []

  /// The formats the report reads.
  public static let formats = [
    TriggerTallies.format, EfficiencyReport.format, MenuRates.format, MenuComparison.format, FirmwareComparison.format, SignalEfficiency.format,
  ]

  /// A report of `files` (path and contents), in the order given; errors name the file.
  public init(title: String = "trigemu report", files: [(path: String, data: Data)]) throws(LocatedError) {
    self.title = title
    guard !files.isEmpty else { throw LocatedError("give at least one JSON result (from run, efficiency, measure, rates, compare-menus, compare-firmware or signal)") }
    for (path, data) in files {
      switch try JSONDocument.format(of: data, file: path) {
      case TriggerTallies.format: sections.append(try Self.tallies(try TriggerTallies(data: data, file: path), path: path))
      case EfficiencyReport.format: sections += try Self.efficiency(try document(data, path, EfficiencyReport.format), path: path)
      case MenuRates.format: sections.append(try Self.rates(try document(data, path, MenuRates.format), path: path))
      case MenuComparison.format: sections.append(try Self.menuComparison(try document(data, path, MenuComparison.format), path: path))
      case FirmwareComparison.format: sections += try Self.firmwareComparison(try document(data, path, FirmwareComparison.format), path: path)
      case SignalEfficiency.format: sections.append(try Self.signal(try document(data, path, SignalEfficiency.format), path: path))
      case let format:
        throw LocatedError(file: path, message: "format \(format) is not one the report reads (\(Self.formats.joined(separator: ", ")))")
      }
    }
  }

  private func document<Summary>(_ data: Data, _ path: String, _ format: String) throws(LocatedError) -> ReportDocument<Summary> {
    try ReportDocument(data: data, file: path, format: format)
  }

  /// The page.
  public var html: String {
    var out = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <title>\(SVGPlot.escaped(title))</title>
      <style>
      body { font-family: sans-serif; margin: 24px; color: #222; max-width: 1500px; }
      h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ccc; }
      p.note { margin: 4px 0; font-size: 13px; }
      figure { display: inline-block; margin: 8px 12px 8px 0; vertical-align: top; }
      </style>
      </head>
      <body>
      <h1>\(SVGPlot.escaped(title))</h1>
      <p class="note">trigemu \(SVGPlot.escaped(TrigemuVersion.current)); \(sections.count) section(s)</p>

      """
    for section in sections {
      out += "<section>\n<h2>\(SVGPlot.escaped(section.title))</h2>\n"
      for note in section.notes { out += "<p class=\"note\">\(SVGPlot.escaped(note))</p>\n" }
      for figure in section.figures { out += "<figure>\n\(figure)</figure>\n" }
      out += "</section>\n"
    }
    return out + "</body>\n</html>\n"
  }

  // MARK: - Reading the JSON

  /// A table row keyed by column name.
  typealias Row = [String: ReportTable.Cell]

  /// A number of a table row (nil for text, null or missing).
  static func number(_ row: Row, _ key: String) -> Double? { row[key]?.numberValue }
  static func text(_ row: Row, _ key: String) -> String { row[key]?.textValue ?? "" }

  /// The axis label of a binning variable.
  static func variableLabel(_ name: String) -> String {
    switch name {
    case "theta": "θ of the leading track (deg)"
    case "phi": "φ of the leading track (deg)"
    case "pt": "p_T of the leading track (GeV)"
    case "cdc_hits": "CDC hits of the leading track"
    default: name
    }
  }

  /// The distinct values of `key` in `rows`, in order of first appearance.
  static func distinct(_ rows: [Row], _ key: String) -> [String] {
    var seen: [String] = []
    for row in rows where !seen.contains(text(row, key)) { seen.append(text(row, key)) }
    return seen
  }
}

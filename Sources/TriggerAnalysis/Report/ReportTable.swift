import Foundation
import TriggerSupport
import TriggerEvents

/// A table of results that renders for the terminal, Markdown, CSV and JSON with the same
/// column names everywhere; numbers keep their full precision in CSV and JSON and are rounded
/// to the column's digits for reading.
public struct ReportTable: Sendable {
  /// One cell: text, an integer, a number shown with `digits` decimals, or empty (undefined).
  public enum Cell: Equatable, Sendable {
    case text(String)
    case integer(Int)
    case number(Double, digits: Int)
    case missing

    /// For reading: numbers rounded, an undefined value as "–".
    public var shown: String {
      switch self {
      case .text(let text): text
      case .integer(let value): "\(value)"
      case .number(let value, let digits): String(format: "%.\(digits)f", value)
      case .missing: "–"
      }
    }

    /// For machines: numbers in full (shortest round-trip form), an undefined value empty.
    public var exact: String {
      switch self {
      case .text(let text): text
      case .integer(let value): "\(value)"
      case .number(let value, _): value.description
      case .missing: ""
      }
    }
  }

  /// A short name for the table (JSON key, heading).
  public var name: String
  public var columns: [String]
  public var rows: [[Cell]] = []

  public init(name: String, columns: [String]) {
    self.name = name
    self.columns = columns
  }

  public mutating func add(_ row: [Cell]) {
    precondition(row.count == columns.count, "a row of \(name) needs \(columns.count) cells")
    rows.append(row)
  }

  /// Aligned plain text.
  public var text: String {
    var table = TextTable(columns)
    for row in rows { table.add(row.map(\.shown)) }
    return table.rendered
  }

  /// A GitHub-flavoured Markdown table.
  public var markdown: String {
    func line(_ cells: [String]) -> String { "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
    return ([line(columns), line(columns.map { _ in "---" })] + rows.map { line($0.map(\.shown)) }).joined(separator: "\n")
  }

  /// RFC 4180 CSV with a header row; fields with commas, quotes or line breaks are quoted.
  public var csv: String {
    func field(_ text: String) -> String {
      text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
    return ([columns.map(field).joined(separator: ",")] + rows.map { $0.map { field($0.exact) }.joined(separator: ",") })
      .joined(separator: "\n") + "\n"
  }
}

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

  /// Appends the rows as a JSON array of objects keyed by column name (undefined → null).
  public func appendJSON(to out: inout JSONText, indent: Int) {
    let pad = String(repeating: " ", count: indent)
    out.raw("[")
    for (index, row) in rows.enumerated() {
      out.raw(index == 0 ? "\n" : ",\n")
      out.raw(pad + "  {")
      for (column, cell) in row.enumerated() {
        if column > 0 { out.raw(", ") }
        out.string(columns[column])
        out.raw(": ")
        switch cell {
        case .text(let text): out.string(text)
        case .integer(let value): out.number(value)
        case .number(let value, _): value.isFinite ? out.number(value) : out.raw("null")
        case .missing: out.raw("null")
        }
      }
      out.raw("}")
    }
    out.raw(rows.isEmpty ? "]" : "\n" + pad + "]")
  }

  /// Opens a report's JSON object with its `format`, `title` and `trigemu_version` members; the
  /// caller adds members (each starting with `,\n  `) and closes it.
  public static func openJSONReport(format: String, title: String) -> JSONText {
    var out = JSONText()
    out.raw("{\n  \"format\": ")
    out.string(format)
    out.raw(",\n  \"title\": ")
    out.string(title)
    out.raw(",\n  \"trigemu_version\": ")
    out.string(TrigemuVersion.current)
    return out
  }

  /// Appends the `interval` and `confidence_level` members: how a report's intervals were made.
  public static func appendIntervalMembers(_ interval: BinomialInterval.Method, confidenceLevel: Double, to out: inout JSONText) {
    out.raw(",\n  \"interval\": ")
    out.string(interval.rawValue)
    out.raw(",\n  \"confidence_level\": ")
    out.number(confidenceLevel)
  }

  /// Appends `tables` as `,\n  "name": [rows…]` members of an enclosing JSON object.
  public static func appendJSONMembers(_ tables: [ReportTable], to out: inout JSONText) {
    for table in tables {
      out.raw(",\n  ")
      out.string(table.name)
      out.raw(": ")
      table.appendJSON(to: &out, indent: 2)
    }
  }
}

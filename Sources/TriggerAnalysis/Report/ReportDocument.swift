import Foundation
import TriggerEvents
import TriggerSupport

/// The JSON form of a report (`--json` of efficiency, measure, rates, compare-menus,
/// compare-firmware and signal; docs/json-formats.md): what it is, its settings and scalar
/// results in `summary`, and its tables by name, each with the column names the CSV has.
public struct ReportDocument<Summary: Codable & Sendable>: Codable, Sendable {
  /// The format name with its version, e.g. `trigemu-rates-2`.
  public var format: String
  public var title: String
  public var trigemuVersion: String
  public var summary: Summary
  /// The tables by name (`runs`, `bins`, `rates`, …).
  public var tables: [String: ReportTable]

  enum CodingKeys: String, CodingKey {
    case format, title, summary, tables
    case trigemuVersion = "trigemu_version"
  }

  public init(format: String, title: String, summary: Summary, tables: [ReportTable]) {
    self.format = format
    self.title = title
    trigemuVersion = TrigemuVersion.current
    self.summary = summary
    self.tables = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    format = try container.decode(String.self, forKey: .format)
    title = try container.decode(String.self, forKey: .title)
    trigemuVersion = try container.decode(String.self, forKey: .trigemuVersion)
    summary = try container.decode(Summary.self, forKey: .summary)
    tables = try container.decode([String: ReportTable].self, forKey: .tables)
    for name in tables.keys { tables[name]?.name = name }
  }

  /// Reads a document of `format` from `data`; errors name `file` and the field.
  public init(data: Data, file: String, format expected: String) throws(LocatedError) {
    let format = try JSONDocument.format(of: data, file: file)
    guard format == expected else { throw LocatedError(file: file, message: "format \(format), but \(expected) was expected") }
    self = try JSONDocument.decoded(Self.self, from: data, file: file)
  }

  /// The table `name`; an error naming the file when the document has none.
  public func table(_ name: String, file: String) throws(LocatedError) -> ReportTable {
    guard let table = tables[name] else { throw LocatedError(file: file, message: "missing table \"tables.\(name)\"") }
    return table
  }

  /// The indented JSON text.
  public func jsonBytes() throws(LocatedError) -> [UInt8] { try JSONDocument.encoded(self) }
}

/// How a report's binomial intervals were made: `interval` and `confidence_level`.
public struct IntervalSettings: Codable, Sendable, Equatable {
  public var interval: BinomialInterval.Method
  public var confidenceLevel: Double

  enum CodingKeys: String, CodingKey {
    case interval
    case confidenceLevel = "confidence_level"
  }

  public init(_ interval: BinomialInterval.Method, confidenceLevel: Double) {
    self.interval = interval
    self.confidenceLevel = confidenceLevel
  }
}

extension ReportDocument {
  /// The rows of table `name` keyed by column name; an error naming `file` when it is missing.
  func rows(_ name: String, _ file: String) throws(LocatedError) -> [[String: ReportTable.Cell]] { try table(name, file: file).keyedRows }
}

import TriggerSupport

/// A table in JSON: `{"columns": [names in order], "rows": [{column: value, …}, …]}`, values as
/// strings, integers, numbers or `null` (undefined, also any non-finite number), so that
/// `pandas.DataFrame(table["rows"], columns=table["columns"])` reads it as the CSV reads.
extension ReportTable: Codable {
  enum CodingKeys: String, CodingKey { case columns, rows }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(columns, forKey: .columns)
    try container.encode(keyedRows, forKey: .rows)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(name: "", columns: try container.decode([String].self, forKey: .columns))
    let keyed = try container.decode([[String: Cell]].self, forKey: .rows)
    for (index, row) in keyed.enumerated() {
      rows.append(
        try columns.map { column in
          guard let cell = row[column] else {
            throw DecodingError.keyNotFound(
              JSONKey(column), DecodingError.Context(codingPath: container.codingPath + [CodingKeys.rows, JSONKey(index)], debugDescription: "a column"))
          }
          return cell
        })
    }
  }

  /// The rows as objects keyed by column name.
  public var keyedRows: [[String: Cell]] {
    rows.map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }
  }
}

extension ReportTable.Cell: Codable {
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .text(let text): try container.encode(text)
    case .integer(let value): try container.encode(value)
    case .number(let value, _) where value.isFinite: try container.encode(value)
    case .number, .missing: try container.encodeNil()
    }
  }

  /// Integers become `.integer`, other numbers `.number` with four decimals for reading.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .missing
    } else if let value = try? container.decode(Int.self) {
      self = .integer(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value, digits: 4)
    } else {
      self = .text(try container.decode(String.self))
    }
  }

  /// The value as a number: integers and numbers; nil for text and undefined values.
  public var numberValue: Double? {
    switch self {
    case .integer(let value): Double(value)
    case .number(let value, _): value
    case .text, .missing: nil
    }
  }

  /// The value as text: text as it is, numbers in full, undefined as "".
  public var textValue: String { exact }
}

/// A coding key made from a string or an index, for errors about rows and named members.
struct JSONKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(_ string: String) { stringValue = string }
  init(_ index: Int) {
    stringValue = "\(index)"
    intValue = index
  }
  init?(stringValue: String) { self.init(stringValue) }
  init?(intValue: Int) { self.init(intValue) }
}

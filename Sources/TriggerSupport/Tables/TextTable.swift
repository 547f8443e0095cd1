/// A plain-text table with a header row, columns padded to their widest cell.
///
/// Numbers are right-aligned, text left-aligned, as physicists expect in a terminal.
public struct TextTable: Sendable {
  public var header: [String]
  public var rows: [[String]] = []

  public init(_ header: [String]) { self.header = header }

  public mutating func add(_ row: [String]) { rows.append(row) }

  public var rendered: String {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
    func isNumeric(_ text: String) -> Bool {
      // A name such as "e2" is text: a number starts with a digit, a sign or a point.
      text.first.map { "0123456789.-+".contains($0) } == true && text.contains(where: \.isNumber)
        && text.allSatisfy { "0123456789.-+e%×".contains($0) }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { column, cell in
        let padding = String(repeating: " ", count: widths[column] - cell.count)
        return isNumeric(cell) ? padding + cell : cell + padding
      }.joined(separator: "  ")
    }
    let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
    return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
  }
}

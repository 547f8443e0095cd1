import Foundation

/// A matrix of values as an SVG heat map: a cell per row and column, shaded from white (0) to
/// dark blue (the maximum), with its value written in it; empty cells grey.
public struct SVGHeatMap: Sendable {
  public var title: String
  public var rowLabels: [String]
  public var columnLabels: [String]
  /// values[row][column]; nil draws an empty cell.
  public var values: [[Double?]]
  /// What a value is, with its unit, for the colour scale's label (e.g. "% of the row line's rate").
  public var unit: String

  public init(title: String, rowLabels: [String], columnLabels: [String], values: [[Double?]], unit: String) {
    self.title = title
    self.rowLabels = rowLabels
    self.columnLabels = columnLabels
    self.values = values
    self.unit = unit
  }

  static let cell = 40.0, left = 90.0, top = 100.0

  public var svg: String {
    let width = Self.left + Double(columnLabels.count) * Self.cell + 20
    let height = Self.top + Double(rowLabels.count) * Self.cell + 40
    let maximum = values.flatMap { $0.compactMap { $0 } }.max() ?? 1
    var out = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(SVGPlot.f(width))" height="\(SVGPlot.f(height))" viewBox="0 0 \(SVGPlot.f(width)) \(SVGPlot.f(height))" font-family="sans-serif" font-size="11" role="img">
      <title>\(SVGPlot.escaped(title))</title>
      <text x="10" y="18" font-size="14" font-weight="bold">\(SVGPlot.escaped(title))</text>

      """
    for (column, label) in columnLabels.enumerated() {
      let x = Self.left + (Double(column) + 0.5) * Self.cell
      out += "<text class=\"column\" x=\"\(SVGPlot.f(x))\" y=\"\(SVGPlot.f(Self.top - 6))\" transform=\"rotate(-50 \(SVGPlot.f(x)) \(SVGPlot.f(Self.top - 6)))\">\(SVGPlot.escaped(label))</text>\n"
    }
    for (row, label) in rowLabels.enumerated() {
      let y = Self.top + Double(row) * Self.cell
      out += "<text class=\"row\" x=\"\(SVGPlot.f(Self.left - 6))\" y=\"\(SVGPlot.f(y + Self.cell / 2 + 4))\" text-anchor=\"end\">\(SVGPlot.escaped(label))</text>\n"
      for column in columnLabels.indices {
        let x = Self.left + Double(column) * Self.cell
        guard let value = values[row][column] else {
          out += "<rect class=\"cell\" x=\"\(SVGPlot.f(x))\" y=\"\(SVGPlot.f(y))\" width=\"\(SVGPlot.f(Self.cell))\" height=\"\(SVGPlot.f(Self.cell))\" fill=\"#eee\" stroke=\"#fff\"/>\n"
          continue
        }
        let shade = maximum > 0 ? min(max(value / maximum, 0), 1) : 0
        // White to #08306B.
        let (r, g, b) = (255 - shade * (255 - 8), 255 - shade * (255 - 48), 255 - shade * (255 - 107))
        let fill = String(format: "#%02X%02X%02X", Int(r), Int(g), Int(b))
        out += "<rect class=\"cell\" x=\"\(SVGPlot.f(x))\" y=\"\(SVGPlot.f(y))\" width=\"\(SVGPlot.f(Self.cell))\" height=\"\(SVGPlot.f(Self.cell))\" fill=\"\(fill)\" stroke=\"#fff\"/>"
        out += "<text x=\"\(SVGPlot.f(x + Self.cell / 2))\" y=\"\(SVGPlot.f(y + Self.cell / 2 + 4))\" text-anchor=\"middle\" fill=\"\(shade > 0.55 ? "#fff" : "#000")\">\(String(format: "%.0f", value))</text>\n"
      }
    }
    out += "<text x=\"\(SVGPlot.f(Self.left))\" y=\"\(SVGPlot.f(height - 12))\">cells: \(SVGPlot.escaped(unit)); white 0, dark \(String(format: "%.0f", maximum))</text>\n"
    return out + "</svg>\n"
  }
}

import Foundation

/// A plot drawn as standalone SVG text (no scripts, no external resources): points with error
/// bars and optional connecting lines, or bars over named categories; horizontal reference lines
/// (a threshold, a budget); axes with ticks and labels (units in the labels), a title and a
/// legend. A linear or logarithmic y axis.
public struct SVGPlot: Sendable {
  /// One point: x (or a category index), y, and optional error bars and x extent.
  public struct Point: Sendable {
    public var x: Double
    public var y: Double
    public var yLow: Double?
    public var yHigh: Double?
    public var xLow: Double?
    public var xHigh: Double?

    public init(x: Double, y: Double, yLow: Double? = nil, yHigh: Double? = nil, xLow: Double? = nil, xHigh: Double? = nil) {
      self.x = x
      self.y = y
      self.yLow = yLow
      self.yHigh = yHigh
      self.xLow = xLow
      self.xHigh = xHigh
    }
  }

  /// A named set of points, drawn as markers (joined when `connected`) or as bars.
  public struct Series: Sendable {
    public var name: String
    public var points: [Point]
    public var connected: Bool

    public init(name: String, points: [Point], connected: Bool = false) {
      self.name = name
      self.points = points
      self.connected = connected
    }
  }

  /// A horizontal line across the plot at `y`, labelled.
  public struct Reference: Sendable {
    public var y: Double
    public var label: String

    public init(y: Double, label: String) {
      self.y = y
      self.label = label
    }
  }

  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var series: [Series]
  public var references: [Reference] = []
  /// Category names for the x axis: point x is the category index, and the series are bars.
  public var categories: [String]?
  public var logY = false
  /// Fixed y range (otherwise from the data, references included).
  public var yRange: ClosedRange<Double>?

  public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.series = series
  }

  /// Colours of the series, in order (colour-blind-safe Okabe–Ito, then three of Tol's muted
  /// scheme), and of reference lines. Series past the palette reuse its colours with dashed
  /// lines and hollow markers.
  static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#882255", "#44AA99", "#999933"]
  static let referenceColour = "#B00020"

  public static let width = 700.0, height = 400.0
  static let left = 78.0, right = 170.0, top = 36.0, bottom = 76.0

  /// How far category names are turned (degrees): steeper when there are many, so that
  /// neighbours do not touch.
  var categoryAngleDeg: Double { (categories?.count ?? 0) > 12 ? 60 : 35 }

  /// The margin under the plot: room for the turned category names (about 6.5 px per character
  /// at 12 px) and the axis label under them; at least `bottom`.
  var bottomMargin: Double {
    guard let categories else { return Self.bottom }
    let longest = Double(categories.map(\.count).max() ?? 0)
    return max(Self.bottom, 14 + longest * 6.5 * sin(categoryAngleDeg * .pi / 180) + 24)
  }

  /// The plot as an `<svg>` element: `width` wide, `height` high (higher when long category
  /// names need room).
  public var svg: String {
    let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
    let svgHeight = Self.top + plotHeight + bottomMargin
    let allPoints = series.flatMap(\.points)
    // x range: categories, or the data with their extents.
    let xRange: ClosedRange<Double>
    if let categories {
      xRange = -0.5...(Double(max(categories.count, 1)) - 0.5)
    } else {
      let xs = allPoints.flatMap { [$0.xLow ?? $0.x, $0.xHigh ?? $0.x] }
      xRange = Self.padded((xs.min() ?? 0)...(xs.max() ?? 1), fraction: 0.04)
    }
    // y range: fixed, or the data, error bars and references.
    var ys = allPoints.flatMap { [$0.yLow ?? $0.y, $0.yHigh ?? $0.y, $0.y] } + references.map(\.y)
    if logY { ys = ys.filter { $0 > 0 } }
    let yData = (ys.min() ?? 0)...(ys.max() ?? 1)
    let yAxis = yRange ?? (logY ? Self.decades(yData) : Self.padded(categories != nil ? min(0, yData.lowerBound)...yData.upperBound : yData, fraction: 0.06))
    func px(_ x: Double) -> Double { Self.left + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * plotWidth }
    func py(_ y: Double) -> Double {
      let (low, high, value) =
        logY ? (log10(yAxis.lowerBound), log10(yAxis.upperBound), log10(max(y, yAxis.lowerBound))) : (yAxis.lowerBound, yAxis.upperBound, y)
      return Self.top + plotHeight - (min(max(value, low), high) - low) / (high - low) * plotHeight
    }
    var out = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Self.f(Self.width))" height="\(Self.f(svgHeight))" viewBox="0 0 \(Self.f(Self.width)) \(Self.f(svgHeight))" font-family="sans-serif" font-size="12" role="img">
      <title>\(Self.escaped(title))</title>
      <text x="\(Self.f(Self.left))" y="20" font-size="14" font-weight="bold">\(Self.escaped(title))</text>
      <rect x="\(Self.f(Self.left))" y="\(Self.f(Self.top))" width="\(Self.f(plotWidth))" height="\(Self.f(plotHeight))" fill="none" stroke="#444"/>

      """
    // y ticks and grid.
    for tick in logY ? Self.logTicks(yAxis) : Self.ticks(yAxis) {
      let y = py(tick)
      out += "<line class=\"grid\" x1=\"\(Self.f(Self.left))\" y1=\"\(Self.f(y))\" x2=\"\(Self.f(Self.left + plotWidth))\" y2=\"\(Self.f(y))\" stroke=\"#ddd\"/>"
      out += "<text class=\"ytick\" x=\"\(Self.f(Self.left - 6))\" y=\"\(Self.f(y + 4))\" text-anchor=\"end\">\(Self.label(tick))</text>\n"
    }
    // x ticks: categories or numbers.
    if let categories {
      for (index, name) in categories.enumerated() {
        let x = px(Double(index))
        out += "<text class=\"xtick\" x=\"\(Self.f(x))\" y=\"\(Self.f(Self.top + plotHeight + 14))\" text-anchor=\"end\" transform=\"rotate(-\(Self.f(categoryAngleDeg)) \(Self.f(x)) \(Self.f(Self.top + plotHeight + 14)))\">\(Self.escaped(name))</text>\n"
      }
    } else {
      for tick in Self.ticks(xRange) {
        let x = px(tick)
        out += "<line x1=\"\(Self.f(x))\" y1=\"\(Self.f(Self.top + plotHeight))\" x2=\"\(Self.f(x))\" y2=\"\(Self.f(Self.top + plotHeight + 5))\" stroke=\"#444\"/>"
        out += "<text class=\"xtick\" x=\"\(Self.f(x))\" y=\"\(Self.f(Self.top + plotHeight + 18))\" text-anchor=\"middle\">\(Self.label(tick))</text>\n"
      }
    }
    // Axis labels.
    out += "<text class=\"xlabel\" x=\"\(Self.f(Self.left + plotWidth / 2))\" y=\"\(Self.f(svgHeight - 8))\" text-anchor=\"middle\">\(Self.escaped(xLabel))</text>\n"
    out += "<text class=\"ylabel\" x=\"16\" y=\"\(Self.f(Self.top + plotHeight / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(Self.f(Self.top + plotHeight / 2)))\">\(Self.escaped(yLabel))</text>\n"
    // Series.
    let barWidth = categories == nil ? 0 : plotWidth / Double(max(categories!.count, 1)) * 0.8 / Double(max(series.count, 1))
    for (index, set) in series.enumerated() {
      let colour = Self.palette[index % Self.palette.count], dashed = index >= Self.palette.count
      if categories != nil {
        for point in set.points {
          let x = px(point.x) - barWidth * Double(series.count) / 2 + barWidth * Double(index)
          let top = py(point.y), base = py(logY ? yAxis.lowerBound : 0)
          out += "<rect class=\"bar\" x=\"\(Self.f(x))\" y=\"\(Self.f(min(top, base)))\" width=\"\(Self.f(barWidth))\" height=\"\(Self.f(abs(base - top)))\" fill=\"\(colour)\"/>"
          if let low = point.yLow, let high = point.yHigh {
            out += "<line x1=\"\(Self.f(x + barWidth / 2))\" y1=\"\(Self.f(py(low)))\" x2=\"\(Self.f(x + barWidth / 2))\" y2=\"\(Self.f(py(high)))\" stroke=\"#222\"/>"
          }
        }
        out += "\n"
        continue
      }
      if set.connected && set.points.count > 1 {
        let path = set.points.map { "\(Self.f(px($0.x))),\(Self.f(py($0.y)))" }.joined(separator: " ")
        out += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\"\(dashed ? " stroke-dasharray=\"5 3\"" : "")/>\n"
      }
      for point in set.points {
        let x = px(point.x), y = py(point.y)
        if let low = point.yLow, let high = point.yHigh {
          out += "<line x1=\"\(Self.f(x))\" y1=\"\(Self.f(py(low)))\" x2=\"\(Self.f(x))\" y2=\"\(Self.f(py(high)))\" stroke=\"\(colour)\"/>"
        }
        if let low = point.xLow, let high = point.xHigh {
          out += "<line x1=\"\(Self.f(px(low)))\" y1=\"\(Self.f(y))\" x2=\"\(Self.f(px(high)))\" y2=\"\(Self.f(y))\" stroke=\"\(colour)\"/>"
        }
        out += "<circle class=\"point\" cx=\"\(Self.f(x))\" cy=\"\(Self.f(y))\" r=\"3\" \(dashed ? "fill=\"#fff\" stroke=\"\(colour)\"" : "fill=\"\(colour)\"")/>\n"
      }
    }
    // References.
    for reference in references {
      let y = py(reference.y)
      out += "<line class=\"reference\" x1=\"\(Self.f(Self.left))\" y1=\"\(Self.f(y))\" x2=\"\(Self.f(Self.left + plotWidth))\" y2=\"\(Self.f(y))\" stroke=\"\(Self.referenceColour)\" stroke-dasharray=\"6 4\"/>"
      out += "<text x=\"\(Self.f(Self.left + plotWidth - 4))\" y=\"\(Self.f(y - 4))\" text-anchor=\"end\" fill=\"\(Self.referenceColour)\">\(Self.escaped(reference.label))</text>\n"
    }
    // Legend.
    for (index, set) in series.enumerated() where series.count > 1 || categories == nil {
      let y = Self.top + 10 + Double(index) * 18, x = Self.left + plotWidth + 14
      let colour = Self.palette[index % Self.palette.count]
      out += "<rect x=\"\(Self.f(x))\" y=\"\(Self.f(y - 8))\" width=\"10\" height=\"10\" "
        + (index >= Self.palette.count ? "fill=\"#fff\" stroke=\"\(colour)\" stroke-dasharray=\"3 2\"/>" : "fill=\"\(colour)\"/>")
      out += "<text class=\"legend\" x=\"\(Self.f(x + 16))\" y=\"\(Self.f(y + 1))\">\(Self.escaped(set.name))</text>\n"
    }
    return out + "</svg>\n"
  }

  // MARK: - Axes

  /// `range` widened by `fraction` of its width on each side (a point range by ±1 or ±10 %).
  static func padded(_ range: ClosedRange<Double>, fraction: Double) -> ClosedRange<Double> {
    let width = range.upperBound - range.lowerBound
    guard width > 0 else {
      let margin = max(abs(range.lowerBound) * 0.1, 1)
      return (range.lowerBound - margin)...(range.upperBound + margin)
    }
    return (range.lowerBound - width * fraction)...(range.upperBound + width * fraction)
  }

  /// Whole decades around a positive range.
  static func decades(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
    let low = max(range.lowerBound, 1e-12), high = max(range.upperBound, low * 10)
    return pow(10, floor(log10(low)))...pow(10, ceil(log10(high)))
  }

  /// About five round ticks (1, 2 or 5 × 10ⁿ apart) inside `range`.
  static func ticks(_ range: ClosedRange<Double>) -> [Double] {
    let span = range.upperBound - range.lowerBound
    guard span > 0, span.isFinite else { return [range.lowerBound] }
    let raw = span / 5, magnitude = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
    var tick = (range.lowerBound / step).rounded(.up) * step, result: [Double] = []
    while tick <= range.upperBound + step * 1e-9 {
      result.append(abs(tick) < step * 1e-9 ? 0 : tick)
      tick += step
    }
    return result
  }

  /// The decades inside a logarithmic range.
  static func logTicks(_ range: ClosedRange<Double>) -> [Double] {
    stride(from: ceil(log10(range.lowerBound)), through: floor(log10(range.upperBound)), by: 1).map { pow(10, $0) }
  }

  /// A tick label: as short as it can be.
  static func label(_ value: Double) -> String {
    if value != 0 && (abs(value) >= 1e5 || abs(value) < 1e-3) { return String(format: "%.0e", value) }
    let text = String(format: "%.4g", value)
    return text
  }

  /// A coordinate with two decimals.
  static func f(_ value: Double) -> String { String(format: "%.2f", value) }

  /// Text for SVG and HTML: &, <, > and quotes escaped.
  public static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
      .replacingOccurrences(of: "\"", with: "&quot;")
  }
}

import Foundation
import TriggerEvents
import TriggerSupport

extension TriggerTallies {
  /// The format name written and read (docs/json-formats.md; 4: counts as objects of `events`,
  /// `weight_sum`, `weight2_sum`, overlaps as one list of line pairs).
  public static let format = "trigemu-tallies-4"

  /// The tallies as JSON: sorted keys, two-space indentation, weights as exact decimals (sums of
  /// 10⁻⁶ units), so equal tallies give equal bytes. Described in docs/menus.md ("Results of
  /// trigemu run").
  public func jsonBytes() throws(LocatedError) -> [UInt8] { try JSONDocument.encoded(document()) }

  /// Reads tallies written by `jsonBytes()`; errors name the file and the field.
  public init(path: String) throws(LocatedError) {
    try self.init(data: InputFile.contents(of: path, limitBytes: InputFile.resultLimitBytes), file: path)
  }

  /// Reads tallies from `data`, named `file` in errors.
  public init(data: Data, file: String) throws(LocatedError) {
    let format = try JSONDocument.format(of: data, file: file)
    guard format == Self.format else {
      throw LocatedError(file: file, message: "format \(format), but this trigemu reads \(Self.format); run trigemu run again to write it")
    }
    try self.init(document: JSONDocument.decoded(Document.self, from: data, file: file), file: file)
  }

  // MARK: - The document

  /// The JSON document: the menu's names and prescales, provenance, one entry per run and the total.
  struct Document: Codable {
    var format: String
    var provenance: Provenance
    var bits: [String]
    var lines: [String]
    var prescales: [Double]
    var hltLines: [String]
    var hltKinds: [String]
    var hltPrescales: [Double]
    var runs: [RunEntry]
    var total: Counts

    enum CodingKeys: String, CodingKey {
      case format, provenance, bits, lines, prescales, runs, total
      case hltLines = "hlt_lines", hltKinds = "hlt_kinds", hltPrescales = "hlt_prescales"
    }
  }

  /// One run: its number, experiment and firmware model, and its counts in the same object.
  struct RunEntry: Codable {
    var run: UInt32
    var experiment: UInt16
    var firmware: String
    var counts: Counts

    enum CodingKeys: String, CodingKey { case run, experiment, firmware }

    init(run: UInt32, experiment: UInt16, firmware: String, counts: Counts) {
      self.run = run
      self.experiment = experiment
      self.firmware = firmware
      self.counts = counts
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(run, forKey: .run)
      try container.encode(experiment, forKey: .experiment)
      try container.encode(firmware, forKey: .firmware)
      try counts.encode(to: encoder)
    }

    init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      run = try container.decode(UInt32.self, forKey: .run)
      experiment = try container.decode(UInt16.self, forKey: .experiment)
      firmware = try container.decode(String.self, forKey: .firmware)
      counts = try Counts(from: decoder)
    }
  }

  /// The counts of a run or of the total, lines and bits keyed by name.
  struct Counts: Codable {
    var events: Int
    var weightSum: Double
    var bits: [String: Int]
    var lines: [String: LineCounts]
    var anyLine: AnyLine
    var hltLines: [String: LineCounts]
    var hltKept: WeightedCount
    var overlaps: [Overlap]

    enum CodingKeys: String, CodingKey {
      case events, bits, lines, overlaps
      case weightSum = "weight_sum", anyLine = "any_line", hltLines = "hlt_lines", hltKept = "hlt_kept"
    }
  }

  /// The menu's total: events any line fired on before prescales and accepted.
  struct AnyLine: Codable {
    var raw: WeightedCount
    var accepted: WeightedCount
  }

  /// A pair of lines (`first` before `second` in the menu) and the events both fired on (raw),
  /// both accepted, and the summed weight of those.
  struct Overlap: Codable {
    var first: String
    var second: String
    var raw: Int
    var accepted: Int
    var acceptedWeightSum: Double

    enum CodingKeys: String, CodingKey {
      case first, second, raw, accepted
      case acceptedWeightSum = "accepted_weight_sum"
    }
  }

  func document() throws(LocatedError) -> Document {
    let total = try total()
    return Document(
      format: Self.format, provenance: provenance, bits: bitNames, lines: lineNames, prescales: prescales, hltLines: hltLineNames,
      hltKinds: hltKinds, hltPrescales: hltPrescales,
      runs: runs.map { RunEntry(run: $0.run, experiment: $0.experiment, firmware: $0.firmware, counts: counts($0)) }, total: counts(total))
  }

  private func counts(_ run: Run) -> Counts {
    var overlaps: [Overlap] = []
    for i in lineNames.indices {
      for j in lineNames.indices where j > i {
        let pair = Run.pairIndex(i, j, lineCount: lineNames.count)
        overlaps.append(
          Overlap(
            first: lineNames[i], second: lineNames[j], raw: run.rawOverlaps[pair], accepted: run.acceptedOverlaps[pair],
            acceptedWeightSum: Double(run.acceptedOverlapWeightMicro[pair]) / 1e6))
      }
    }
    return Counts(
      events: run.events, weightSum: Double(run.weightMicro) / 1e6, bits: Dictionary(uniqueKeysWithValues: zip(bitNames, run.bits)),
      lines: Dictionary(uniqueKeysWithValues: zip(lineNames, run.lines)), anyLine: AnyLine(raw: run.anyLine.raw, accepted: run.anyLine.accepted),
      hltLines: Dictionary(uniqueKeysWithValues: zip(hltLineNames, run.hltLines)), hltKept: run.hltKept, overlaps: overlaps)
  }

  /// The largest weight sum (Σw or Σw²) tallies hold: its 10⁻⁶ units fit 64 bits
  /// (Int64.max·10⁻⁶ ≈ 9.22·10¹², rounded down). Counting or merging past it is an error. Sums
  /// are written as JSON decimals, exact while below 2⁵³·10⁻⁶ ≈ 9.0·10⁹ and to double precision
  /// above (docs/reliability.md, "Limits").
  public static let maximumWeightSum = 9.2e12

  /// `weight` in 10⁻⁶ units, or nil when it is not a finite number in 0…`maximumWeightSum`.
  static func micro(checking weight: Double) -> Int64? {
    weight >= 0 && weight <= maximumWeightSum ? micro(weight) : nil
  }

  /// Event counts a file may hold: up to 2⁵³, exact as a JSON number, with room to merge.
  static let countRange = 0...(1 << 53)

  static func countProblem(_ count: Int) -> String { "count \(count) is not a whole number in 0–\(countRange.upperBound)" }

  static func weightProblem(_ weight: Double) -> String { "weight sum \(weight) is not a number in 0–\(maximumWeightSum)" }

  /// Tallies from a decoded document, checked against its own name lists; errors name the field.
  init(document: Document, file: String) throws(LocatedError) {
    func fail(_ field: String, _ problem: String) -> LocatedError { LocatedError(file: file, message: "field \"\(field)\": \(problem)") }
    guard document.prescales.count == document.lines.count else { throw fail("prescales", "\(document.prescales.count) for \(document.lines.count) lines") }
    guard document.hltKinds.count == document.hltLines.count else { throw fail("hlt_kinds", "\(document.hltKinds.count) for \(document.hltLines.count) HLT lines") }
    guard document.hltPrescales.count == document.hltLines.count else {
      throw fail("hlt_prescales", "\(document.hltPrescales.count) for \(document.hltLines.count) HLT lines")
    }
    let lineNames = document.lines
    var runs: [Run] = []
    for (index, entry) in document.runs.enumerated() {
      let field = "runs[\(index)]"
      var run = Run(
        run: entry.run, experiment: entry.experiment, firmware: entry.firmware, bitCount: document.bits.count, lineCount: lineNames.count,
        hltLineCount: document.hltLines.count)
      let counts = entry.counts
      guard Self.countRange.contains(counts.events) else { throw fail("\(field).events", Self.countProblem(counts.events)) }
      run.events = counts.events
      guard let weight = Self.micro(checking: counts.weightSum) else { throw fail("\(field).weight_sum", Self.weightProblem(counts.weightSum)) }
      run.weightMicro = weight
      for (k, name) in document.bits.enumerated() {
        guard let fired = counts.bits[name] else { throw fail("\(field).bits", "no count for bit \(name)") }
        guard Self.countRange.contains(fired) else { throw fail("\(field).bits.\(name)", Self.countProblem(fired)) }
        run.bits[k] = fired
      }
      for (k, name) in lineNames.enumerated() {
        guard let line = counts.lines[name] else { throw fail("\(field).lines", "no counts for line \(name)") }
        run.lines[k] = line
      }
      run.anyLine = LineCounts(raw: counts.anyLine.raw, accepted: counts.anyLine.accepted)
      for (k, name) in document.hltLines.enumerated() {
        guard let line = counts.hltLines[name] else { throw fail("\(field).hlt_lines", "no counts for HLT line \(name)") }
        run.hltLines[k] = line
      }
      run.hltKept = counts.hltKept
      for (position, overlap) in counts.overlaps.enumerated() {
        guard let i = lineNames.firstIndex(of: overlap.first), let j = lineNames.firstIndex(of: overlap.second), i < j else {
          throw fail("\(field).overlaps[\(position)]", "\(overlap.first) and \(overlap.second) are not two lines of the menu in menu order")
        }
        for (label, count) in [("raw", overlap.raw), ("accepted", overlap.accepted)] where !Self.countRange.contains(count) {
          throw fail("\(field).overlaps[\(position)].\(label)", Self.countProblem(count))
        }
        let pair = Run.pairIndex(i, j, lineCount: lineNames.count)
        run.rawOverlaps[pair] = overlap.raw
        run.acceptedOverlaps[pair] = overlap.accepted
        guard let weight = Self.micro(checking: overlap.acceptedWeightSum) else {
          throw fail("\(field).overlaps[\(position)].accepted_weight_sum", Self.weightProblem(overlap.acceptedWeightSum))
        }
        run.acceptedOverlapWeightMicro[pair] = weight
      }
      runs.append(run)
    }
    self.init(
      provenance: document.provenance, bitNames: document.bits, lineNames: lineNames, prescales: document.prescales, runs: runs,
      hltLineNames: document.hltLines, hltKinds: document.hltKinds, hltPrescales: document.hltPrescales)
  }
}

/// `{"events": n, "weight_sum": Σw, "weight2_sum": Σw²}`, the sums as decimals of their 10⁻⁶ units.
extension TriggerTallies.WeightedCount: Codable {
  enum CodingKeys: String, CodingKey {
    case events
    case weightSum = "weight_sum", weightSquaredSum = "weight2_sum"
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(events, forKey: .events)
    try container.encode(weight, forKey: .weightSum)
    try container.encode(weightSquared, forKey: .weightSquaredSum)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    func sum(_ key: CodingKeys) throws -> Int64 {
      let value = try container.decode(Double.self, forKey: key)
      guard let micro = TriggerTallies.micro(checking: value) else {
        throw DecodingError.dataCorrupted(
          DecodingError.Context(codingPath: container.codingPath + [key], debugDescription: TriggerTallies.weightProblem(value)))
      }
      return micro
    }
    let events = try container.decode(Int.self, forKey: .events)
    guard TriggerTallies.countRange.contains(events) else {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: container.codingPath + [CodingKeys.events], debugDescription: TriggerTallies.countProblem(events)))
    }
    self.init(events: events, weightMicro: try sum(.weightSum), weightSquaredMicro: try sum(.weightSquaredSum))
  }
}

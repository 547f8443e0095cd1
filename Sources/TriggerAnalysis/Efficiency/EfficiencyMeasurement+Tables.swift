extension EfficiencyMeasurement {
  /// A ratio's cells: k, n, efficiency, lower, upper (efficiency and limits undefined when n = 0).
  static func cells(_ ratio: Ratio) -> [ReportTable.Cell] {
    [
      .integer(ratio.k), .integer(ratio.n), ratio.efficiency.map { .number($0, digits: 4) } ?? .missing,
      ratio.interval.map { .number($0.lower, digits: 4) } ?? .missing, ratio.interval.map { .number($0.upper, digits: 4) } ?? .missing,
    ]
  }

  static func optional(_ value: Double?, digits: Int = 4) -> ReportTable.Cell { value.map { .number($0, digits: digits) } ?? .missing }

  /// Per run: luminosity, k, n, ε with its interval, the true efficiency, and whether the run is good.
  public var runTable: ReportTable {
    var table = ReportTable(
      name: "runs",
      columns: [
        "line", "reference", "run", "experiment", "firmware", "luminosity_pb", "k", "n", "efficiency", "lower", "upper", "truth_k", "truth_n",
        "truth_efficiency", "status",
      ])
    for run in runs {
      table.add(
        [.text(line), .text(reference), .integer(Int(run.run)), .integer(Int(run.experiment)), .text(run.firmware), Self.optional(run.luminosityPb, digits: 2)]
          + Self.cells(run.measured) + [.integer(run.truth.k), .integer(run.truth.n), Self.optional(run.truth.efficiency), .text(run.status.text)])
    }
    return table
  }

  /// Per variable and bin: k, n, ε with its interval, the truth, and whether it enters the systematic.
  public var binTable: ReportTable {
    var table = ReportTable(
      name: "bins",
      columns: ["line", "reference", "variable", "low", "high", "k", "n", "efficiency", "lower", "upper", "truth_efficiency", "in_systematic"])
    for result in binned {
      for bin in result.bins {
        table.add(
          [.text(line), .text(reference), .text(result.binning.variable.rawValue), .number(bin.low, digits: 2), .number(bin.high, digits: 2)]
            + Self.cells(bin.measured) + [Self.optional(bin.truth.efficiency), .text(bin.usedForSystematic ? "yes" : "no")])
      }
    }
    return table
  }

  /// Per variable: the bins used, the centre and the relative variations (the systematic's parts).
  public var systematicTable: ReportTable {
    var table = ReportTable(
      name: "systematics",
      columns: ["line", "reference", "variable", "bins_used", "centre", "max_relative_variation", "rms_relative_variation"])
    for result in binned {
      table.add([
        .text(line), .text(reference), .text(result.binning.variable.rawValue), .integer(result.bins.filter(\.usedForSystematic).count),
        Self.optional(result.centre), Self.optional(result.maxRelativeVariation), Self.optional(result.rmsRelativeVariation),
      ])
    }
    return table
  }

  /// The headline row: luminosity-weighted ε ± stat ± syst, pooled, truth and reference bias.
  public var summaryRow: [ReportTable.Cell] {
    [
      .text(line), .text(reference), .text(selection.name), .integer(goodRuns.count), .integer(runs.count), .number(goodLuminosityPb, digits: 2),
      Self.optional(weighted?.efficiency), Self.optional(weighted?.statUp), Self.optional(weighted?.statDown), Self.optional(systematic),
      Self.optional(relativeSystematic), Self.optional(relativeSystematicRMS),
    ] + Self.cells(pooled) + [Self.optional(weightedTruth?.efficiency), Self.optional(referenceBias)]
  }

  public static let summaryColumns = [
    "line", "reference", "selection", "good_runs", "runs", "good_luminosity_pb", "efficiency", "stat_up", "stat_down", "syst",
    "syst_relative", "syst_rms_relative", "pooled_k", "pooled_n", "pooled_efficiency", "pooled_lower", "pooled_upper", "truth_efficiency",
    "reference_bias",
  ]
}

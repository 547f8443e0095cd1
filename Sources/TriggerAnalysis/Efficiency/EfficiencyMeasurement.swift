import Foundation
import TriggerSupport
import TriggerEvents

/// How counts become efficiencies: the interval, the good-run criteria and the systematic.
public struct EfficiencyOptions: Sendable {
  public var interval: BinomialInterval.Method = .clopperPearson
  /// Confidence level of every interval (0.6827: ±1σ).
  public var confidenceLevel = 0.6827
  /// A run is good when its efficiency is at least this (docs/physics.md: ε_CDC,i > 50 % in 2018).
  public var minimumRunEfficiency = 0.5
  /// … and it has at least this many reference events.
  public var minimumReferenceEvents = 10
  /// Bins with fewer reference events do not enter the systematic.
  public var minimumBinReferenceEvents = 20
  /// Runs of the input missing from the run list are excluded and listed instead of an error.
  public var excludeUnlistedRuns = false

  public init() {}
}

/// The result of one efficiency measurement: per run, luminosity-weighted over good runs,
/// pooled, binned with the systematic, and beside each the true efficiency of the probe line.
///
/// Definitions (docs/efficiency.md): per run ε = k / n with k = N(line ∧ reference) and
/// n = N(reference) among selected events; ε = Σ εᵢLᵢ / ΣLᵢ over good runs, its statistical
/// errors Σ (Lᵢ/ΣL)² (upperᵢ − εᵢ)² and likewise below; bins pool the good runs.
public struct EfficiencyMeasurement: Sendable {
  /// Why a run is not used.
  public enum Status: Equatable, Sendable {
    case good
    case dropped(String)

    public var isGood: Bool { self == .good }
    public var text: String {
      switch self {
      case .good: "good"
      case .dropped(let reason): reason
      }
    }
  }

  /// An efficiency k / n with its interval; nil efficiency when n = 0 (undefined).
  public struct Ratio: Equatable, Sendable {
    public var k: Int
    public var n: Int
    public var efficiency: Double?
    public var interval: BinomialInterval?

    init(k: Int, n: Int, options: EfficiencyOptions) {
      self.k = k
      self.n = n
      efficiency = n > 0 ? Double(k) / Double(n) : nil
      interval = BinomialInterval(k: k, n: n, confidenceLevel: options.confidenceLevel, method: options.interval)
    }
  }

  public struct RunResult: Sendable {
    public var run: UInt32
    public var experiment: UInt16
    /// The firmware model the run was emulated with.
    public var firmware: String
    /// nil when the run is not in the run list (and unlisted runs are excluded).
    public var luminosityPb: Double?
    /// The orthogonal-method efficiency.
    public var measured: Ratio
    /// The true efficiency of the probe line on the selected events.
    public var truth: Ratio
    public var status: Status
  }

  /// A luminosity-weighted efficiency with asymmetric statistical errors.
  public struct Weighted: Equatable, Sendable {
    public var efficiency: Double
    public var statUp: Double
    public var statDown: Double
  }

  public struct BinResult: Sendable {
    public var low: Double
    public var high: Double
    public var measured: Ratio
    public var truth: Ratio
    /// Whether the bin has enough reference events to enter the systematic.
    public var usedForSystematic: Bool
  }

  /// One variable's bins and the relative variations across them.
  public struct BinnedResult: Sendable {
    public var binning: Binning
    public var bins: [BinResult]
    /// Σk / Σn over the bins used for the systematic: the centre the variations are taken from.
    public var centre: Double?
    /// max |ε_bin − centre| / centre over the bins used.
    public var maxRelativeVariation: Double?
    /// √(mean (ε_bin − centre)²) / centre over the bins used.
    public var rmsRelativeVariation: Double?
  }

  public let line: String
  public let reference: String
  public let selection: OfflineSelection
  public let options: EfficiencyOptions
  public let runs: [RunResult]
  public var goodRuns: [RunResult] { runs.filter { $0.status.isGood } }
  public var goodLuminosityPb: Double { goodRuns.reduce(0) { $0 + ($1.luminosityPb ?? 0) } }
  /// Luminosity-weighted over good runs; nil when no run is good.
  public let weighted: Weighted?
  /// The same for the true efficiency (good runs with a defined truth efficiency).
  public let weightedTruth: Weighted?
  /// Σk / Σn over good runs.
  public let pooled: Ratio
  public let pooledTruth: Ratio
  public let binned: [BinnedResult]
  /// The relative systematic: the largest of the variables' max-variations.
  public var relativeSystematic: Double? { binned.compactMap(\.maxRelativeVariation).max() }
  /// The RMS variant, the largest over variables.
  public var relativeSystematicRMS: Double? { binned.compactMap(\.rmsRelativeVariation).max() }
  /// Absolute systematic on the luminosity-weighted efficiency.
  public var systematic: Double? {
    guard let weighted, let relativeSystematic else { return nil }
    return weighted.efficiency * relativeSystematic
  }
  /// The orthogonal-method estimate minus the truth, luminosity-weighted: the reference bias.
  public var referenceBias: Double? {
    guard let weighted, let weightedTruth else { return nil }
    return weighted.efficiency - weightedTruth.efficiency
  }

  /// Efficiencies from `counts`, with luminosities from `runList` (`runListName` in errors);
  /// `goodRuns`, when given, replaces the good-run selection by that list (as the 2018 analysis
  /// used the CDC line's good runs for the ECL line too).
  public init(
    counts: EfficiencyCounts, runList: RunList, runListName: String, options: EfficiencyOptions,
    goodRuns: (runs: Set<UInt32>, from: String)? = nil
  ) throws(LocatedError) {
    line = counts.question.line
    reference = counts.question.reference
    selection = counts.question.selection
    self.options = options
    var results: [RunResult] = []
    for run in counts.runs {
      let luminosity = runList.info(for: run.run)?.luminosityPb
      if luminosity == nil && !options.excludeUnlistedRuns {
        throw LocatedError(
          "run \(run.run) (experiment \(run.experiment)) is in the input but not in the run list \(runListName), so it has no luminosity; "
            + "add it to the run list, or exclude such runs with --exclude-unlisted-runs")
      }
      let measured = Ratio(k: run.total.both, n: run.total.reference, options: options)
      let truth = Ratio(k: run.total.probeFired, n: run.total.selected, options: options)
      let status: Status
      if luminosity == nil {
        status = .dropped("not in the run list")
      } else if let goodRuns {
        status = goodRuns.runs.contains(run.run) ? .good : .dropped("not a good run of \(goodRuns.from)")
      } else if measured.n == 0 {
        status = .dropped("no reference events")
      } else if measured.n < options.minimumReferenceEvents {
        status = .dropped("n = \(measured.n) < \(options.minimumReferenceEvents) reference events")
      } else if measured.efficiency! < options.minimumRunEfficiency {
        status = .dropped(String(format: "ε = %.1f %% < %.0f %%", 100 * measured.efficiency!, 100 * options.minimumRunEfficiency))
      } else {
        status = .good
      }
      results.append(RunResult(run: run.run, experiment: run.experiment, firmware: run.firmware, luminosityPb: luminosity, measured: measured, truth: truth, status: status))
    }
    runs = results
    let good = results.filter { $0.status.isGood }
    weighted = Self.weight(good.map { ($0.measured, $0.luminosityPb!) })
    weightedTruth = Self.weight(good.map { ($0.truth, $0.luminosityPb!) })
    let goodNumbers = Set(good.map(\.run))
    let goodCounts = counts.runs.filter { goodNumbers.contains($0.run) }
    let total = goodCounts.reduce(EfficiencyCounts.Cell()) { $0 + $1.total }
    pooled = Ratio(k: total.both, n: total.reference, options: options)
    pooledTruth = Ratio(k: total.probeFired, n: total.selected, options: options)
    binned = counts.question.binnings.enumerated().map { variable, binning in
      let cells = (0..<binning.binCount).map { bin in goodCounts.reduce(EfficiencyCounts.Cell()) { $0 + $1.bins[variable][bin] } }
      return Self.binnedResult(binning, cells, options)
    }
  }

  /// Σ εᵢLᵢ / ΣLᵢ over runs with a defined efficiency and positive luminosity, with the
  /// interval half-widths propagated in quadrature; nil when there are none.
  static func weight(_ runs: [(Ratio, Double)]) -> Weighted? {
    let usable = runs.filter { $0.0.efficiency != nil && $0.1 > 0 }
    let luminosity = usable.reduce(0) { $0 + $1.1 }
    guard luminosity > 0 else { return nil }
    var efficiency = 0.0, up = 0.0, down = 0.0
    for (ratio, runLuminosity) in usable {
      let weight = runLuminosity / luminosity
      efficiency += weight * ratio.efficiency!
      up += weight * weight * pow(ratio.interval!.upper - ratio.efficiency!, 2)
      down += weight * weight * pow(ratio.efficiency! - ratio.interval!.lower, 2)
    }
    return Weighted(efficiency: efficiency, statUp: up.squareRoot(), statDown: down.squareRoot())
  }

  static func binnedResult(_ binning: Binning, _ cells: [EfficiencyCounts.Cell], _ options: EfficiencyOptions) -> BinnedResult {
    let bins = cells.enumerated().map { bin, cell in
      BinResult(
        low: binning.edges[bin], high: binning.edges[bin + 1], measured: Ratio(k: cell.both, n: cell.reference, options: options),
        truth: Ratio(k: cell.probeFired, n: cell.selected, options: options),
        usedForSystematic: cell.reference >= max(1, options.minimumBinReferenceEvents))
    }
    let used = bins.filter(\.usedForSystematic)
    let k = used.reduce(0) { $0 + $1.measured.k }, n = used.reduce(0) { $0 + $1.measured.n }
    guard n > 0, k > 0 else { return BinnedResult(binning: binning, bins: bins, centre: n > 0 ? 0 : nil) }
    let centre = Double(k) / Double(n)
    let deviations = used.map { abs($0.measured.efficiency! - centre) / centre }
    let rms = (deviations.reduce(0) { $0 + $1 * $1 } / Double(deviations.count)).squareRoot()
    return BinnedResult(binning: binning, bins: bins, centre: centre, maxRelativeVariation: deviations.max(), rmsRelativeVariation: rms)
  }
}

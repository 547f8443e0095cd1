import TriggerEmulation
import TriggerEvents
import TriggerSupport

/// The same events through two or more firmware models: per line, the orthogonal-method and
/// the true efficiency under each model, and the distributions of selected events the line
/// fired on, by the leading selected track's θ, φ and p_T, with their ratio to the first model.
///
/// One streaming pass per model; each model applies to every run (`FirmwarePlan(single:)`).
public struct FirmwareComparison: Sendable {
  public var models: [FirmwareModel]
  public var questions: [EfficiencyQuestion]
  /// `counts[model][question]`, summed over runs.
  public var counts: [[EfficiencyCounts.Run]]
  public var interval: BinomialInterval.Method
  public var confidenceLevel: Double
  /// Events read per model pass (the same for every model).
  public var events: Int

  /// Runs every model over `inputs` and counts every question under each.
  public static func compare(
    models: [FirmwareModel], questions: [EfficiencyQuestion], menu: TriggerMenu, registry: PluginRegistry, inputs: [String],
    interval: BinomialInterval.Method = .clopperPearson, confidenceLevel: Double = 0.6827, threads: Int,
    progress: (String, Int, Int?) -> Void = { _, _, _ in }
  ) throws -> FirmwareComparison {
    guard models.count >= 2 else { throw LocatedError("compare at least two firmware models (give --firmware twice or more)") }
    var counts: [[EfficiencyCounts.Run]] = [], events = 0
    for model in models {
      var seen = 0
      let perQuestion = try EfficiencyCounts.collect(
        questions, menu: menu, registry: registry, firmware: FirmwarePlan(single: model), inputs: inputs, threads: threads
      ) { done, total in
        seen = done
        progress(model.name, done, total)
      }
      events = seen
      counts.append(perQuestion.map(\.summedOverRuns))
    }
    return FirmwareComparison(models: models, questions: questions, counts: counts, interval: interval, confidenceLevel: confidenceLevel, events: events)
  }
}

extension EfficiencyCounts {
  /// All runs added together, in total and per bin.
  var summedOverRuns: Run {
    var sum = Run(run: 0, experiment: 0, firmware: runs.first?.firmware ?? FirmwareModel.ideal.name, bins: question.binnings.map { Array(repeating: Cell(), count: $0.binCount) })
    for run in runs {
      sum.total = sum.total + run.total
      for variable in run.bins.indices {
        for bin in run.bins[variable].indices { sum.bins[variable][bin] = sum.bins[variable][bin] + run.bins[variable][bin] }
      }
    }
    return sum
  }
}

extension FirmwareComparison {
  /// The questions of a comparison: `lines` as `LINE` (against its reference pair) or
  /// `LINE:REFERENCE` (default: every reference pair of the menu), each on the selection
  /// `selections` gives it (`SELECTION` for all, `LINE=SELECTION` for one; default two-track).
  public static func questions(menu: TriggerMenu, lines: [String], selections: [String], binnings: [Binning]) throws -> [EfficiencyQuestion] {
    var pairs: [(line: String, reference: String)] = []
    if lines.isEmpty {
      pairs = menu.referencePairs
      guard !pairs.isEmpty else { throw LocatedError("menu \(menu.name) declares no reference_pairs: give --line LINE:REFERENCE") }
    }
    for spec in lines {
      let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
      guard (1...2).contains(parts.count), !parts.contains(where: \.isEmpty) else { throw LocatedError("--line \(spec): expected LINE or LINE:REFERENCE") }
      guard let reference = parts.count == 2 ? parts[1] : menu.reference(of: parts[0]) else {
        throw LocatedError("--line \(spec): menu \(menu.name) pairs \(parts[0]) with no reference line; give it as \(parts[0]):REFERENCE")
      }
      pairs.append((parts[0], reference))
    }
    var common = OfflineSelection.twoTrack
    var perLine: [String: OfflineSelection] = [:]
    for spec in selections {
      if let equals = spec.firstIndex(of: "=") {
        let line = String(spec[..<equals])
        guard pairs.contains(where: { $0.line == line }) else {
          throw LocatedError("--selection \(spec): \(line) is not among the measured lines (\(pairs.map(\.line).joined(separator: ", ")))")
        }
        perLine[line] = try OfflineSelection.named(String(spec[spec.index(after: equals)...]))
      } else {
        common = try OfflineSelection.named(spec)
      }
    }
    return pairs.map { EfficiencyQuestion(line: $0.line, reference: $0.reference, selection: perLine[$0.line] ?? common, binnings: binnings) }
  }
}

import Foundation
import TriggerEvents
import TriggerSupport

/// Which firmware model each run gets (docs/firmware-models.md, "Which model a run gets"):
///
/// 1. `--firmware F`: F for every run (`init(single:)`);
/// 2. otherwise the run list's firmware tag of the run, when a run list names it;
/// 3. otherwise the model whose run ranges hold the run (ranges of different models must not
///    overlap);
/// 4. otherwise the ideal firmware.
public struct FirmwarePlan: Sendable {
  /// The models in play; index 0 is the fallback for runs nothing else decides.
  public let models: [FirmwareModel]
  /// Run → model index, from the run list's tags (key: experiment << 32 | run).
  private let tagged: [UInt64: Int]
  /// Model indices that have run ranges, in model order.
  private let ranged: [Int]
  /// Runs whose tag names no model: an error when an event of such a run is read (so a run
  /// list's tags for runs the input does not hold need no model file).
  private let untagged: [UInt64: String]
  /// Where the models were looked for, for messages.
  private let directory: String?

  /// The ideal firmware for every run.
  public static let ideal = FirmwarePlan(single: .ideal)

  /// One model for every run, whatever its run ranges say.
  public init(single model: FirmwareModel) {
    models = [model]
    tagged = [:]
    ranged = []
    untagged = [:]
    directory = nil
  }

  /// The models of `directory` (every `*.yaml` in it, validated; missing directory: none), or
  /// the shipped models when `directory` is nil, with the built-in ideal one, assigned by
  /// `runTags` (a run list's experiment, run and firmware tag) and then by run ranges. A tag
  /// naming no model, or run ranges of two models that overlap, is an error. Every file is
  /// validated; `models` keeps those a run can get.
  public init(directory: String?, runTags: [(experiment: UInt16, run: UInt32, firmware: String)] = []) throws {
    let models = try FirmwareModel.all(in: directory)
    // Keep the models a run can get: the fallback, the tagged ones and those with run ranges.
    let tags = Set(runTags.map(\.firmware))
    try self.init(
      models: models.enumerated().filter { $0.offset == 0 || tags.contains($0.element.name) || !$0.element.runRanges.isEmpty }.map(\.element),
      runTags: runTags, directory: directory ?? ShippedFiles.Kind.firmwareModel.rawValue)
  }

  /// `models[0]` is the fallback (normally the ideal firmware); `directory` is where they came from.
  public init(models: [FirmwareModel], runTags: [(experiment: UInt16, run: UInt32, firmware: String)] = [], directory: String? = nil) throws {
    for (index, model) in models.enumerated() {
      for (other, otherModel) in models.enumerated() where other < index {
        for (rangeIndex, range) in model.runRanges.enumerated() {
          guard let clash = otherModel.runRanges.first(where: { $0.overlaps(range) }) else { continue }
          let place = model.runRangePlaces[rangeIndex]
          throw LocatedError(
            file: model.path, line: place.line, column: place.column,
            message: "run range \(range) of model \(model.name) overlaps run range \(clash) of model \(otherModel.name) (\(otherModel.path)); a run can have only one firmware model")
        }
      }
    }
    var tagged: [UInt64: Int] = [:], untagged: [UInt64: String] = [:]
    for tag in runTags {
      let key = UInt64(tag.experiment) << 32 | UInt64(tag.run)
      if let index = models.firstIndex(where: { $0.name == tag.firmware }) { tagged[key] = index } else { untagged[key] = tag.firmware }
    }
    self.models = models
    self.tagged = tagged
    self.untagged = untagged
    self.directory = directory
    ranged = models.indices.filter { !models[$0].runRanges.isEmpty }
  }

  /// The index in `models` of the model for the run; −1 when the run list tags it with a model
  /// that is not there (`missingModelError` says which).
  public func modelIndex(experiment: UInt16, run: UInt32) -> Int {
    let key = UInt64(experiment) << 32 | UInt64(run)
    if let index = tagged[key] { return index }
    if untagged[key] != nil { return -1 }
    return ranged.first { models[$0].applies(experiment: experiment, run: run) } ?? 0
  }

  /// The model for the run (throws when its tag names no model).
  public func model(experiment: UInt16, run: UInt32) throws -> FirmwareModel {
    let index = modelIndex(experiment: experiment, run: run)
    guard index >= 0 else { throw missingModelError(experiment: experiment, run: run) }
    return models[index]
  }

  /// Why a run has no model: its run-list tag names none of the models.
  public func missingModelError(experiment: UInt16, run: UInt32) -> LocatedError {
    let tag = untagged[UInt64(experiment) << 32 | UInt64(run)] ?? "?"
    let place = directory.map { " in \($0)/ (give --firmware-dir or --firmware)" } ?? ""
    return LocatedError(
      file: "", line: 0, column: 0,
      message: "run \(run) of experiment \(experiment): the run list names firmware model \"\(tag)\", which is not among the models\(place) (known: \(models.map(\.name).joined(separator: ", ")))")
  }
}

extension FirmwarePlan {
  /// What results record about the firmware: the model's name (or "per run: " and the names),
  /// and the SHA-256 of its file (or of the list of names and file hashes); empty for the
  /// built-in ideal model alone.
  public func provenance() -> (name: String, sha256: String) {
    let hashes = models.map(\.sha256)
    if models.count == 1 { return (models[0].name, hashes[0]) }
    let listing = zip(models, hashes).map { "\($0.name) \($1)\n" }.joined()
    return ("per run: " + models.map(\.name).joined(separator: ", "), SHA256.hex(of: Array(listing.utf8)))
  }
}

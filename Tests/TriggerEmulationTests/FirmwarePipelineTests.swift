import Foundation
import TestSupport
import Testing
import TriggerEmulation
import TriggerEvents
import TriggerSupport

/// Firmware models in the streaming pipeline: applied per run, with no effect outside their run
/// ranges, and the same decisions whatever the thread count.
@Suite struct FirmwarePipelineTests {
  /// One fault of every kind, with parameters that change something on the sample.
  static let faultOfEachKind: [String: String] = [
    "cdc.dead_segments": "{kind: cdc.dead_segments, parameters: {phiMin: 0 deg, phiMax: 120 deg}}",
    "cdc.phi_efficiency": "{kind: cdc.phi_efficiency, parameters: {depth: 0.6, harmonic: 2}}",
    "cdc.hough_quantisation": "{kind: cdc.hough_quantisation, parameters: {phiCells: 40, curvatureCells: 4}}",
    "cdc.track_count_offset": "{kind: cdc.track_count_offset, parameters: {offset: -1}}",
    "ecl.dead_cells": "{kind: ecl.dead_cells, parameters: {first: 81, last: 300}}",
    "ecl.energy_scale": "{kind: ecl.energy_scale, parameters: {factor: 0.4}}",
    "klm.dead_sectors": "{kind: klm.dead_sectors, parameters: {section: barrel, first: 1, last: 6}}",
    "klm.disabled": "{kind: klm.disabled}",
    "timing.window_shift": "{kind: timing.window_shift, parameters: {detector: ecl, shift: 200 ns}}",
    "threshold.offset": "{kind: threshold.offset, parameters: {condition: ecl.energy_sum, parameter: threshold, offset: 2}}",
    "threshold.scale": "{kind: threshold.scale, parameters: {condition: cdc.track_count, parameter: min, factor: 2}}",
    "angle.wrong_unit": "{kind: angle.wrong_unit, parameters: {condition: cdc.two_track, parameter: minOpeningAngle, mode: deg_as_rad}}",
    "logic.never_true": "{kind: logic.never_true, parameters: {condition: ecl.bhabha_veto}}",
    "bit.stuck": "{kind: bit.stuck, parameters: {bit: bhabha_veto, value: 1}}",
    "bit.random_errors": "{kind: bit.random_errors, parameters: {rate: 0.05}}",
  ]

  /// A small simulated sample twice: as run 5 and as run 6 of experiment 8, same event numbers.
  static let directory = TemporaryDirectory()
  static let sample: String = {
    let events = try! SimulatedSamples.events(["mumu", "ee", "gg"], luminosityPb: 0.1, scales: ["ee": 0.002, "gg": 0.05], seed: 3)
    var both: [Event] = []
    for run: UInt32 in [5, 6] {
      for var event in events {
        event.header.run = run
        both.append(event)
      }
    }
    let path = FirmwarePipelineTests.directory.file("two-runs.trg")
    try! EventFiles.write(both, to: path, chunkCapacityBytes: 16 << 10)
    return path
  }()

  static let menu = try! TriggerMenu(path: RepositoryFiles.path("trigger-menus/belle2-lowmult.yaml"))

  /// Per run: every event's bits and raw lines, and the model index it was emulated with.
  static func decisions(_ plan: FirmwarePlan, threads: Int = 2) throws -> [UInt32: [[UInt64]]] {
    let pipeline = try TriggerPipeline(menu: menu, registry: PluginRegistry(), firmware: plan, prescaleMode: .counter, threads: threads)
    var result: [UInt32: [[UInt64]]] = [:]
    _ = try pipeline.run(paths: [sample]) { decision in
      result[decision.header.run, default: []].append(Array(decision.bits) + Array(decision.raw) + [UInt64(decision.firmwareModel)])
    }
    return result
  }

  /// What each fault may change on the shipped low-multiplicity menu: the bits of the stage it
  /// acts on, and whether it can only take bits away (`off`), only add them (`on`), or both.
  static let effectOfEachKind: [String: (bits: Set<String>, direction: Direction)] = {
    // The KLM bits match CDC tracks; single_photon_1 asks for no track (maxTracks: 0).
    let cdc: Set = ["opening_90", "tracks_2", "tracks_0", "stt_track", "displaced_vertex", "klm_muon", "klm_b2b", "single_photon_1"]
    let ecl: Set = ["ecl_e_0p5", "ecl_e_1", "clusters_4", "bhabha_veto", "gg_veto", "ecl_mumu", "single_photon_1", "single_photon_2"]
    let klm: Set = ["klm_muon", "klm_b2b"]
    return [
      "cdc.dead_segments": (cdc, .either), "cdc.phi_efficiency": (cdc, .either), "cdc.hough_quantisation": (cdc, .either),
      "cdc.track_count_offset": (cdc, .either), "ecl.dead_cells": (ecl, .either), "ecl.energy_scale": (ecl, .either),
      "klm.dead_sectors": (klm, .off), "klm.disabled": (klm, .off), "timing.window_shift": (ecl, .either),
      "threshold.offset": (["ecl_e_0p5", "ecl_e_1"], .off), "threshold.scale": (["tracks_2", "tracks_0"], .off),
      "angle.wrong_unit": (["opening_90"], .either), "logic.never_true": (["bhabha_veto"], .off), "bit.stuck": (["bhabha_veto"], .on),
      "bit.random_errors": (Set(menu.bits.map(\.name)), .either),
    ]
  }()

  enum Direction { case off, on, either }

  @Test func everyFaultChangesOnlyTheBitsOfItsStageAndOnlyInsideItsRunRange() throws {
    #expect(Set(Self.faultOfEachKind.keys) == Set(FaultRegistry.kinds.map(\.name)), "one fault of every kind")
    #expect(Set(Self.effectOfEachKind.keys) == Set(FaultRegistry.kinds.map(\.name)))
    let ideal = try Self.decisions(.ideal)
    #expect(ideal[5]!.count == ideal[6]!.count && ideal[5]!.count > 100)
    let names = Self.menu.bits.map(\.name)
    precondition(names.count <= 64, "the bits fit the first word of a decision")
    for (kind, fault) in Self.faultOfEachKind.sorted(by: { $0.key < $1.key }) {
      let model = try FirmwareModel(text: "name: \(kind)\nruns: [\"8:5\"]\nfaults:\n  - \(fault)", path: "\(kind)-model")
      let faulted = try Self.decisions(try FirmwarePlan(models: [.ideal, model]))
      #expect(faulted[6] == ideal[6], "\(kind): run 6 is outside the model's runs")
      #expect(faulted[5]!.allSatisfy { $0.last == 1 } && faulted[6]!.allSatisfy { $0.last == 0 })
      let effect = try #require(Self.effectOfEachKind[kind])
      let allowed = names.indices.filter { effect.bits.contains(names[$0]) }.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
      var changed: UInt64 = 0, gained: UInt64 = 0, lost: UInt64 = 0
      for (withFault, without) in zip(faulted[5]!, ideal[5]!) {
        changed |= withFault[0] ^ without[0]
        gained |= withFault[0] & ~without[0]
        lost |= without[0] & ~withFault[0]
      }
      func listed(_ mask: UInt64) -> [String] { names.indices.filter { mask & 1 << UInt64($0) != 0 }.map { names[$0] } }
      #expect(changed != 0, "\(kind): the fault changes bits in run 5")
      #expect(changed & ~allowed == 0, "\(kind) changed bits outside its stage: \(listed(changed & ~allowed))")
      switch effect.direction {
      case .off: #expect(gained == 0, "\(kind) can only take bits away, but set \(listed(gained))")
      case .on: #expect(lost == 0, "\(kind) can only set bits, but cleared \(listed(lost))")
      case .either: break
      }
    }
  }

  @Test func faultedDecisionsAreTheSameWhateverTheThreadCount() throws {
    let model = try FirmwareModel(
      text: "name: all\nfaults:\n" + Self.faultOfEachKind.keys.sorted().filter { $0 != "cdc.hough_quantisation" }.map { "  - " + Self.faultOfEachKind[$0]! }.joined(separator: "\n"),
      path: "all-model")
    let plan = FirmwarePlan(single: model)
    #expect(try Self.decisions(plan, threads: 1) == Self.decisions(plan, threads: 3))
  }

  @Test func aRunTaggedWithAMissingModelStopsThePassNamingTheRunButOtherRunsTagsDoNot() throws {
    #expect(throws: LocatedError(
      file: "", line: 0, column: 0,
      message: "run 6 of experiment 8: the run list names firmware model \"lost\", which is not among the models (known: ideal)")) {
      try Self.decisions(try FirmwarePlan(models: [.ideal], runTags: [(8, 6, "lost")]))
    }
    #expect(try Self.decisions(try FirmwarePlan(models: [.ideal], runTags: [(8, 99, "lost")])) == Self.decisions(.ideal))
    let printed = try FirmwarePlan(models: [.ideal], runTags: [(8, 6, "lost")]).missingModelError(experiment: 8, run: 6).description
    #expect(printed.hasPrefix("run 6 of experiment 8: "), "no empty file name in front: \(printed)")
  }
}

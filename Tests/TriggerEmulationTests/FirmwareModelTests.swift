import Foundation
import TestSupport
import Testing
import TriggerEmulation
import TriggerEvents
import TriggerSupport

/// Firmware-model files: every validation error with its place, run ranges and which model a
/// run gets, and the shipped models.
@Suite struct FirmwareModelTests {
  func message(_ text: String, path: String = "m.yaml") -> String? {
    do {
      _ = try FirmwareModel(text: text, path: path)
      return nil
    } catch {
      return "\(error)"
    }
  }

  func faults(_ lines: String) -> String? { message("name: m\nfaults:\n" + lines) }

  @Test func badModelFilesAreRefusedWithFileLineAndColumn() {
    #expect(faults("  - kind: cdc.broken")?.hasPrefix("m.yaml:3:11: fault 1: unknown fault kind \"cdc.broken\" (known: angle.wrong_unit, bit.random_errors,") == true)
    #expect(faults("  - kind: klm.disabled\n  - {kind: cdc.phi_efficiency, parameters: {depth: 1.5}}")
      == "m.yaml:4:52: fault 2 (cdc.phi_efficiency): cdc.phi_efficiency.depth: 1.5 is outside the allowed range 0–1")
    #expect(faults("  - {kind: cdc.phi_efficiency, parameters: {phase: 1 GeV}}")
      == "m.yaml:3:52: fault 1 (cdc.phi_efficiency): phase: \"1 GeV\" is an energy, but this parameter is an angle in deg")
    #expect(faults("  - {kind: cdc.phi_efficiency, parameters: {deep: 0.5}}")
      == "m.yaml:3:45: fault 1 (cdc.phi_efficiency): cdc.phi_efficiency has no parameter \"deep\" (it takes superlayerMin, superlayerMax, depth, harmonic, phase, seed)")
    #expect(faults("  - {kind: cdc.dead_segments, parameters: {superlayerMin: 5, superlayerMax: 2}}")
      == "m.yaml:3:77: fault 1 (cdc.dead_segments): cdc.dead_segments.superlayerMax: superlayerMax 2 is below superlayerMin 5")
    #expect(faults("  - {kind: klm.dead_sectors, parameters: {section: forward, first: 1, last: 5}}")
      == "m.yaml:3:77: fault 1 (klm.dead_sectors): klm.dead_sectors.last: sectors 1…5 are not a range within 1…4 of the forward section")
    #expect(faults("  - {kind: klm.dead_sectors, parameters: {section: middle}}")
      == "m.yaml:3:52: fault 1 (klm.dead_sectors): klm.dead_sectors.section: \"middle\" is not one of barrel, forward, backward")
    #expect(faults("  - {kind: bit.stuck, parameters: {value: 1}}")
      == "m.yaml:3:12: fault 1 (bit.stuck): bit.stuck: the parameter bit must be given (the menu's bit name)")
    #expect(faults("  - {kind: threshold.scale, parameters: {condition: ecl.energy, parameter: threshold, factor: 2}}")?
      .hasPrefix("m.yaml:3:53: fault 1 (threshold.scale): threshold.scale.condition: unknown condition kind \"ecl.energy\" (known: cdc.displaced_vertex,") == true)
    #expect(faults("  - {kind: threshold.offset, parameters: {condition: cdc.two_track, parameter: logicBins, offset: 1}}")
      == "m.yaml:3:80: fault 1 (threshold.offset): threshold.offset.parameter: cdc.two_track has no numeric parameter \"logicBins\" (it has minTracks, minOpeningAngle)")
    #expect(faults("  - {kind: angle.wrong_unit, parameters: {condition: ecl.energy_sum, parameter: threshold}}")
      == "m.yaml:3:81: fault 1 (angle.wrong_unit): angle.wrong_unit.parameter: ecl.energy_sum.threshold is in GeV, not an angle in deg")
    #expect(faults("  - {kind: logic.never_true, parameters: {condition: ecl.veto}}")?
      .hasPrefix("m.yaml:3:54: fault 1 (logic.never_true): logic.never_true.condition: unknown condition kind \"ecl.veto\"") == true)
    #expect(message("name: m\nfaults: [{kind: klm.disabled}]\ncolour: red") == "m.yaml:3:1: unknown field \"colour\" in the firmware model (allowed: name, description, runs, faults)")
    #expect(message("name: m\n") == "m.yaml:1:1: the firmware model needs the field \"faults\"")
    #expect(message("name: m\nfaults: [\n") != nil && message("name: m\nfaults: [\n")!.hasPrefix("m.yaml:3:1: YAML syntax:"))
    #expect(message("name: other\nfaults: []", path: "dir/mine.yaml")
      == "dir/mine.yaml:1:7: the model's name \"other\" differs from its file name \"mine\" (run lists name models by file name)")
  }

  @Test func runRangesParseAndMayNotOverlapWithinOrAcrossModels() throws {
    #expect(RunRange("8:1001-1003") == RunRange(experiment: 8, runs: 1001...1003))
    #expect(RunRange("8:7") == RunRange(experiment: 8, runs: 7...7))
    #expect(RunRange("3:*")?.contains(experiment: 3, run: 123_456) == true)
    for bad in ["8", "8:", "8:5-3", "x:1", "8:1-2-3", "8:-4"] { #expect(RunRange(bad) == nil, "\(bad)") }
    #expect(message("name: m\nruns: [\"8:1-10\", \"8:x\"]\nfaults: []")
      == "m.yaml:2:18: run range \"8:x\" is not of the form EXPERIMENT:FIRST-LAST, EXPERIMENT:RUN or EXPERIMENT:* (e.g. \"8:1001-1003\")")
    #expect(message("name: m\nruns:\n  - \"8:1-10\"\n  - \"8:10-12\"\nfaults: []") == "m.yaml:4:5: run range 8:10-12 overlaps 8:1-10 on line 3")
    let a = try FirmwareModel(text: "name: a\nruns: [\"8:1-10\"]\nfaults: []", path: "a.yaml")
    let b = try FirmwareModel(text: "name: b\nruns: [\"9:1-10\", \"8:5\"]\nfaults: []", path: "b.yaml")
    #expect(throws: LocatedError(
      file: "b.yaml", line: 2, column: 18,
      message: "run range 8:5 of model b overlaps run range 8:1-10 of model a (a.yaml); a run can have only one firmware model")) {
      try FirmwarePlan(models: [.ideal, a, b])
    }
  }

  @Test func aRunGetsItsRunListTagThenTheModelWhoseRangeHoldsItThenTheIdealFirmware() throws {
    let a = try FirmwareModel(text: "name: a\nruns: [\"8:1-10\"]\nfaults: [{kind: klm.disabled}]", path: "a.yaml")
    let b = try FirmwareModel(text: "name: b\nfaults: [{kind: klm.disabled}]", path: "b.yaml")
    let plan = try FirmwarePlan(models: [.ideal, a, b], runTags: [(8, 5, "b"), (8, 11, "ideal")])
    #expect(try plan.model(experiment: 8, run: 5).name == "b", "the tag wins over a's range")
    #expect(try plan.model(experiment: 8, run: 6).name == "a")
    #expect(try plan.model(experiment: 9, run: 6).name == "ideal", "another experiment")
    #expect(try plan.model(experiment: 8, run: 11).name == "ideal")
    // A tag naming no model is an error only for a run the input holds.
    let untagged = try FirmwarePlan(models: [.ideal, a, b], runTags: [(8, 3, "c")], directory: "models")
    #expect(untagged.modelIndex(experiment: 8, run: 3) == -1)
    #expect(throws: LocatedError(
      file: "", line: 0, column: 0,
      message: "run 3 of experiment 8: the run list names firmware model \"c\", which is not among the models in models/ (give --firmware-dir or --firmware) (known: ideal, a, b)")) {
      try untagged.model(experiment: 8, run: 3)
    }
  }

  @Test func aBitAModelNamesMustBeInTheMenu() throws {
    let menu = try TriggerMenu(text: "name: t\nbits: {e: {kind: ecl.energy_sum}}\nlines: {l: {expression: e}}", path: "t.yaml")
    let model = try FirmwareModel(text: "name: m\nfaults:\n  - kind: klm.disabled\n  - {kind: bit.stuck, parameters: {bit: ffo, value: 1}}", path: "m.yaml")
    #expect(throws: LocatedError(file: "m.yaml", line: 4, column: 0, message: "firmware model m: bit.stuck names bit \"ffo\", which menu t does not have (its bits: e)")) {
      try MenuEvaluator(menu: menu, registry: PluginRegistry(), firmware: model)
    }
  }

  @Test func theShippedModelsValidateAndFitBothShippedMenus() throws {
    let directory = RepositoryFiles.path("firmware-models")
    let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(names == [
      "belle2-2018-phase2.yaml", "cdc-merger-crate-off.yaml", "ecl-bhabha-veto-stuck-off.yaml", "ecl-latency-shift.yaml", "gdl-constants-mixup.yaml", "ideal.yaml",
    ])
    let models = try names.map { try FirmwareModel(path: directory + "/" + $0) }
    #expect(models.map(\.name) == names.map { String($0.dropLast(".yaml".count)) }, "each model is named as its file")
    #expect(models.first { $0.name == "ideal" }?.compiled == .ideal)
    let plan = try FirmwarePlan(directory: directory, runTags: [(8, 1005, "cdc-merger-crate-off")])
    #expect(try plan.model(experiment: 8, run: 1005).name == "cdc-merger-crate-off")
    #expect(try plan.model(experiment: 3, run: 77).name == "belle2-2018-phase2")
    for menuFile in ["belle2-lowmult.yaml", "belle2-2018-phase2.yaml"] {
      let menu = try TriggerMenu(path: RepositoryFiles.path("trigger-menus/" + menuFile))
      for model in models {
        #expect(throws: Never.self, "\(model.name) names only bits of \(menuFile)") { try MenuEvaluator(menu: menu, registry: PluginRegistry(), firmware: model) }
      }
    }
    // Applied to every run of a μμ, ee and γγ sample, each model but the ideal one changes decisions.
    let ideal = try FirmwarePipelineTests.decisions(.ideal)
    for model in models {
      let decisions = try FirmwarePipelineTests.decisions(FirmwarePlan(single: model))
      let changed = zip(decisions[5]!, ideal[5]!).filter { $0.dropLast() != $1.dropLast() }.count
      if model.name == "ideal" {
        #expect(changed == 0)
      } else {
        #expect(changed > 0, "\(model.name) changes no decision")
      }
    }
  }
}

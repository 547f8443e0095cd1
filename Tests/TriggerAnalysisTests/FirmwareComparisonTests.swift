import Foundation
import TestSupport
import Testing
import TriggerAnalysis
import TriggerEmulation
import TriggerEvents

/// `FirmwareComparison` on simulated μμ(γ): the 2018 Phase-2 model against the ideal firmware.
@Suite struct FirmwareComparisonTests {
  @Test func thePhase2ModelLowersTheCDCLineAndDistortsItsPhiDistributionWhileTheECLLineStays() throws {
    let directory = TemporaryDirectory()
    let sample = directory.file("mumu.trg")
    try EventFiles.write(try SimulatedSamples.events(["mumu"], luminosityPb: 3, background: 1, seed: 21), to: sample)
    let menu = try TriggerMenu(path: RepositoryFiles.path("trigger-menus/belle2-2018-phase2.yaml"))
    let models = [FirmwareModel.ideal, try FirmwareModel(path: RepositoryFiles.path("firmware-models/belle2-2018-phase2.yaml"))]
    let binnings = [Binning(variable: .phi), Binning(variable: .theta)]
    let questions = try FirmwareComparison.questions(menu: menu, lines: [], selections: ["ffo=zprime-mumu", "hie=mumu-gamma"], binnings: binnings)
    #expect(questions.map(\.line) == ["ffo", "hie"] && questions.map(\.selection.name) == ["zprime-mumu", "mumu-gamma"])
    let comparison = try FirmwareComparison.compare(models: models, questions: questions, menu: menu, registry: PluginRegistry(), inputs: [sample], threads: 2)

    func truth(_ q: Int, _ m: Int) -> Double { Double(comparison.counts[m][q].total.probeFired) / Double(comparison.counts[m][q].total.selected) }
    func orthogonal(_ q: Int, _ m: Int) -> Double { Double(comparison.counts[m][q].total.both) / Double(comparison.counts[m][q].total.reference) }
    // Printed for the record (issue notes): the figures this test asserts.
    print("ffo truth \(truth(0, 0)) → \(truth(0, 1)), orthogonal \(orthogonal(0, 0)) → \(orthogonal(0, 1)); hie truth \(truth(1, 0)) → \(truth(1, 1))")
    #expect(truth(0, 0) > 0.99 && orthogonal(0, 0) > 0.99)
    // 2018: ε_CDC = (79 ± 6) %.
    #expect(truth(0, 1) > 0.70 && truth(0, 1) < 0.90)
    #expect(abs(orthogonal(0, 1) - truth(0, 1)) < 0.04)
    // The ECL line is untouched by the model: the same events fire it.
    #expect(comparison.counts[1][1].total.probeFired == comparison.counts[0][1].total.probeFired)

    // φ: the ratio of accepted events swings with the two-period modulation; θ: flat within the statistics.
    func ratios(_ variable: Int) -> [Double] {
      zip(comparison.counts[1][0].bins[variable], comparison.counts[0][0].bins[variable]).map { Double($0.probeFired) / Double(max(1, $1.probeFired)) }
    }
    let phi = ratios(0), theta = ratios(1)
    print("φ ratios \(phi.map { String(format: "%.2f", $0) }), θ ratios \(theta.map { String(format: "%.2f", $0) })")
    #expect(phi.max()! - phi.min()! > 0.25, "the φ distortion")
    #expect(theta.max()! - theta.min()! < 0.15, "no θ distortion")
    // The largest losses sit around the model's phase, 60° and 240° (−120°): bins 30…60/60…90 and −150…−120/−120…−90.
    let worst = phi.indices.sorted { phi[$0] < phi[$1] }.prefix(4).map { Binning(variable: .phi).edges[$0] }
    #expect(Set(worst).isSubset(of: [30, 60, -150, -120]), "lowest ratios start at \(worst)")

    // Every table, with the same columns in CSV and JSON.
    #expect(comparison.efficiencyTable.rows.count == 4 && comparison.distributionTable.rows.count == 2 * 2 * (12 + 8))
    let json = try ReportDocument<FirmwareComparison.Summary>(data: Data(comparison.jsonBytes()), file: "c.json", format: FirmwareComparison.format)
    #expect(json.tables["efficiencies"]?.keyedRows.first.map { Set($0.keys) } == Set(comparison.efficiencyTable.columns))
    #expect(json.summary.firmware.map(\.name) == ["ideal", "belle2-2018-phase2"])
    #expect(comparison.text.contains("ffo: belle2-2018-phase2 − ideal = "))
  }

  @Test func comparisonQuestionsNameTheirProblems() throws {
    let menu = try TriggerMenu(path: RepositoryFiles.path("trigger-menus/belle2-2018-phase2.yaml"))
    func message(_ lines: [String], _ selections: [String]) -> String? {
      do {
        _ = try FirmwareComparison.questions(menu: menu, lines: lines, selections: selections, binnings: Binning.defaults)
        return nil
      } catch { return "\(error)" }
    }
    #expect(message(["ff"], []) == "--line ff: menu belle2-2018-phase2 pairs ff with no reference line; give it as ff:REFERENCE")
    #expect(message(["ffo:"], []) == "--line ffo:: expected LINE or LINE:REFERENCE")
    #expect(message([], ["lowe=two-track"]) == "--selection lowe=two-track: lowe is not among the measured lines (ffo, hie)")
    #expect(message([], ["ffo=nothing"]) == "unknown offline selection 'nothing'; the presets are zprime-mumu, emu, mumu-gamma, two-track, all")
    #expect(try FirmwareComparison.questions(menu: menu, lines: ["ff:hie"], selections: ["all"], binnings: []).map(\.selection.name) == ["all"])
  }
}

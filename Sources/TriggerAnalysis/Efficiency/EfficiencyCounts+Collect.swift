import TriggerEmulation
import TriggerEvents

extension EfficiencyCounts {
  /// Counts every question in one streaming pass of `inputs` through the L1 pipeline (each run
  /// with its model from `firmware`) and `menu`.
  ///
  /// The probe line is read before its prescale and the reference line after it, as the counts
  /// would be in recorded data (docs/efficiency.md, "Prescales").
  public static func collect(
    _ questions: [EfficiencyQuestion], menu: TriggerMenu, registry: PluginRegistry, firmware: FirmwarePlan = .ideal, inputs: [String],
    mode: PrescaleMode = .counter,
    threads: Int, progress: (Int, Int?) -> Void = { _, _ in }
  ) throws -> [EfficiencyCounts] {
    func lineIndex(_ name: String, _ role: String) throws(AnalysisError) -> Int {
      guard let index = menu.lines.firstIndex(where: { $0.name == name }) else {
        throw AnalysisError("\(role) '\(name)' is not a line of menu \(menu.name) (\(menu.path)); its lines are \(menu.lines.map(\.name).joined(separator: ", "))")
      }
      return index
    }
    let lines = try questions.map { question throws(AnalysisError) in
      guard question.line != question.reference else {
        throw AnalysisError("the reference line must differ from the measured line (both are '\(question.line)')")
      }
      return (probe: try lineIndex(question.line, "--line"), reference: try lineIndex(question.reference, "--reference"))
    }
    var counts = questions.map { EfficiencyCounts(question: $0) }
    let pipeline = try TriggerPipeline(menu: menu, registry: registry, firmware: firmware, prescaleMode: mode, threads: threads)
    _ = try pipeline.run(paths: inputs, progress: progress) { decision in
      let header = decision.header
      for (index, question) in questions.enumerated() {
        let run = counts[index].runIndex(
          run: header.run, experiment: header.experiment, firmware: pipeline.firmware.models[decision.firmwareModel].name)
        guard let track = question.selection.select(decision.event) else { continue }
        counts[index].add(
          at: run, track: track, probe: decision.rawFired(line: lines[index].probe), reference: decision.accepted(line: lines[index].reference))
      }
    }
    return counts
  }
}

import TriggerEmulation
import TriggerEvents
import TriggerSupport

extension EfficiencyCounts {
  /// Counts every question in one streaming pass of `inputs` through the L1 pipeline (each run
  /// with its model from `firmware`), `menu` and its HLT.
  ///
  /// The probe line is read before its prescale and the reference line after it, as the counts
  /// would be in recorded data (docs/efficiency.md, "Prescales"). Either may be an L1 or an HLT
  /// line; an HLT line exists only on the events L1 accepted, so an HLT probe measured against an
  /// L1 reference is the HLT's efficiency on the events that reference kept. The truth of an HLT
  /// probe is its cut on every selected event, whatever L1 did.
  public static func collect(
    _ questions: [EfficiencyQuestion], menu: TriggerMenu, registry: PluginRegistry, firmware: FirmwarePlan = .ideal, inputs: [String],
    mode: PrescaleMode = .counter,
    threads: Int, progress: (Int, Int?) -> Void = { _, _ in }
  ) throws -> [EfficiencyCounts] {
    func lineIndex(_ name: String, _ role: String) throws(LocatedError) -> TriggerMenu.LineIndex {
      guard let index = menu.lineIndex(named: name) else {
        throw LocatedError("\(role) '\(name)' is not a line of menu \(menu.name) (\(menu.path)); its lines are \(menu.lineNameList)")
      }
      return index
    }
    let lines = try questions.map { question throws(LocatedError) in
      guard question.line != question.reference else {
        throw LocatedError("the reference line must differ from the measured line (both are '\(question.line)')")
      }
      return (probe: try lineIndex(question.line, "--line"), reference: try lineIndex(question.reference, "--reference"))
    }
    var counts = questions.map { EfficiencyCounts(question: $0) }
    let hltProbe = lines.contains { if case .hlt = $0.probe { true } else { false } }
    let pipeline = try TriggerPipeline(
      menu: menu, registry: registry, firmware: firmware, prescaleMode: mode, threads: threads, hltOnEveryEvent: hltProbe)
    _ = try pipeline.run(paths: inputs, progress: progress) { decision in
      let header = decision.header
      for (index, question) in questions.enumerated() {
        let run = counts[index].runIndex(
          run: header.run, experiment: header.experiment, firmware: pipeline.firmware.models[decision.firmwareModel].name)
        guard let track = question.selection.select(decision.event) else { continue }
        let (probe, reference) = lines[index]
        counts[index].add(
          at: run, track: track, probe: decision.rawFired(probe), truth: decision.firedAlone(probe), reference: decision.accepted(reference))
      }
    }
    return counts
  }
}

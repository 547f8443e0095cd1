import TriggerEmulation
import TriggerEvents
import TriggerSupport

extension TriggerTallies {
  /// Runs `menu` over `inputs` (in order, as one stream) on `threads` threads with each run's
  /// firmware model from `firmware`, and tallies the decisions, with provenance: trigemu
  /// version, SHA-256 of the menu, the firmware models and every input.
  /// `progress` gets the number of events done so far and the total the inputs announce. With
  /// `decisions`, every event's decisions also go to that decision stream, written atomically
  /// once every event is through.
  public static func collect(
    menu: TriggerMenu, registry: PluginRegistry, firmware: FirmwarePlan = .ideal, inputs: [String], mode: PrescaleMode, threads: Int,
    decisions: String? = nil, progress: (Int, Int?) -> Void = { _, _ in }
  ) throws -> TriggerTallies {
    let firmwareProvenance = firmware.provenance()
    let menuSHA256 = menu.sha256
    var tallies = TriggerTallies(
      menu: menu,
      provenance: Provenance(
        trigemuVersion: TrigemuVersion.current, menuName: menu.name, menuSHA256: menuSHA256,
        firmware: firmwareProvenance.name, firmwareSHA256: firmwareProvenance.sha256, prescaleMode: mode.description))
    tallies.firmwareNames = firmware.models.map(\.name)
    let pipeline = try TriggerPipeline(menu: menu, registry: registry, firmware: firmware, prescaleMode: mode, threads: threads)
    let writer = try decisions.map { try DecisionStreamWriter(path: $0, stream: DecisionStream(menu: menu, menuSHA256: menuSHA256, firmware: firmware)) }
    let inputsRead = try pipeline.run(paths: inputs, hashingInputs: true, progress: progress) { decision in
      guard tallies.add(decision) else {
        throw LocatedError(
          "run \(decision.header.run) event \(decision.header.eventNumber): the run's sum of weights or of squared weights passed \(TriggerTallies.maximumWeightSum), the most the tallies hold (64 bits in 10⁻⁶ units); simulate with smaller event weights (a larger --scale)")
      }
      try writer?.append(decision)
    }
    try writer?.finish()
    for (path, read) in zip(inputs, inputsRead) {  // hashed while read (hashingInputs above)
      tallies.provenance.inputs.append(Input(path: path, sha256: read.sha256!, events: read.events))
    }
    return tallies
  }
}

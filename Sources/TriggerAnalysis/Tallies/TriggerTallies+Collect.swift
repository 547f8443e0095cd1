import TriggerEmulation
import TriggerEvents

extension TriggerTallies {
  /// Runs `menu` over `inputs` (in order, as one stream) on `threads` threads with each run's
  /// firmware model from `firmware`, and tallies the decisions, with provenance: trigemu
  /// version, SHA-256 of the menu, the firmware models and every input.
  /// `progress` gets the number of events done so far and the total the inputs announce.
  public static func collect(
    menu: TriggerMenu, registry: PluginRegistry, firmware: FirmwarePlan = .ideal, inputs: [String], mode: PrescaleMode, threads: Int,
    progress: (Int, Int?) -> Void = { _, _ in }
  ) throws -> TriggerTallies {
    let firmwareProvenance = try firmware.provenance()
    var tallies = TriggerTallies(
      menu: menu,
      provenance: Provenance(
        trigemuVersion: TrigemuVersion.current, menuName: menu.name, menuSHA256: try SHA256.hex(ofFile: menu.path),
        firmware: firmwareProvenance.name, firmwareSHA256: firmwareProvenance.sha256, prescaleMode: mode.description))
    tallies.firmwareNames = firmware.models.map(\.name)
    let pipeline = try TriggerPipeline(menu: menu, registry: registry, firmware: firmware, prescaleMode: mode, threads: threads)
    let eventsPerInput = try pipeline.run(paths: inputs, progress: progress) { tallies.add($0) }
    for (path, events) in zip(inputs, eventsPerInput) {
      tallies.provenance.inputs.append(Input(path: path, sha256: try SHA256.hex(ofFile: path), events: events))
    }
    return tallies
  }
}

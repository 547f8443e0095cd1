import TriggerEvents

extension DecisionStream {
  /// The stream header for `menu` (whose file has SHA-256 `menuSHA256`) run with `firmware`'s models.
  public init(menu: TriggerMenu, menuSHA256: String, firmware: FirmwarePlan) {
    self.init(
      menuName: menu.name, menuSHA256: menuSHA256, bitNames: menu.bits.map(\.name), lineNames: menu.lines.map(\.name),
      hltLineNames: menu.hltLines.map(\.name), firmwareNames: firmware.models.map(\.name))
  }
}

extension DecisionStreamWriter {
  /// Appends the pipeline's decision for one event: its bits, L1 lines raw and accepted, HLT
  /// lines raw and accepted, and whether L1 accepted and the HLT kept it.
  public func append(_ decision: TriggerPipeline.Decision) throws {
    let header = decision.header
    try append(
      run: header.run, eventNumber: header.eventNumber, experiment: header.experiment, firmwareModel: decision.firmwareModel,
      l1Accepted: decision.l1Accepted, hltKept: decision.hltKept, bits: decision.bits, raw: decision.raw,
      accepted: decision.accepted, hltRaw: decision.hltRaw, hltAccepted: decision.hltAccepted)
  }
}

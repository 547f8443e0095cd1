/// The energy one ECL trigger cell (TC) reported for the event.
public struct ECLTriggerCellHit: Hashable, Sendable {
  /// Trigger-cell id 1…576 (`DetectorGeometry.ECL`).
  public var cellId: UInt16
  /// Deposited energy in GeV (lab frame), finite and ≥ 0.
  public var energyGeV: Float
  /// Signal time in ns relative to the nominal bunch crossing.
  public var timeNs: Float

  public init(cellId: UInt16, energyGeV: Float, timeNs: Float) {
    self.cellId = cellId
    self.energyGeV = energyGeV
    self.timeNs = timeNs
  }
}

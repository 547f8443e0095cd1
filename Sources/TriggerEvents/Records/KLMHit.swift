/// One hit in the K_L and muon detector: a strip or RPC signal in one plane of one layer.
public struct KLMHit: Hashable, Sendable {
  /// Barrel, forward or backward endcap.
  public var section: DetectorGeometry.KLM.Section
  /// Sector from 1 (1…8 in the barrel, 1…4 in the endcaps).
  public var sector: UInt8
  /// Layer from 1 (1…15 barrel, 1…14 forward, 1…12 backward).
  public var layer: UInt8
  /// Readout plane 0 or 1 (the two strip orientations of a layer).
  public var plane: UInt8
  /// Hit time in ns relative to the nominal bunch crossing.
  public var timeNs: Float

  public init(section: DetectorGeometry.KLM.Section, sector: UInt8, layer: UInt8, plane: UInt8, timeNs: Float) {
    self.section = section
    self.sector = sector
    self.layer = layer
    self.plane = plane
    self.timeNs = timeNs
  }
}

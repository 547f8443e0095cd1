import TriggerEvents

/// The KLM trigger: for each sector, which layers have a hit in the time window.
///
/// Simplification: hits count within 0–40 ns of the bunch crossing (muons arrive at ≈ 15 ns in
/// the simulation; beam background is spread over ±100 ns), either plane of a layer.
public final class KLMTriggerProcessor {
  public var windowNs: ClosedRange<Float> = 0...40
  private var masks = [UInt16](repeating: 0, count: 3 * 8)

  public init() {}

  public func process(_ hits: ArraySlice<KLMHit>, into summary: inout TriggerSummary) {
    var masks = self.masks
    self.masks = []
    defer { self.masks = masks }
    for index in masks.indices { masks[index] = 0 }
    let windowNs = self.windowNs
    for hit in hits where windowNs.contains(hit.timeNs) {
      masks[Int(hit.section.rawValue) * 8 + Int(hit.sector) - 1] |= 1 << (hit.layer - 1)
    }
    for section in DetectorGeometry.KLM.Section.allCases {
      for sector in 1...section.sectorCount where masks[Int(section.rawValue) * 8 + sector - 1] != 0 {
        summary.klmSectors.append(KLMSectorHits(section: section, sector: sector, layerMask: masks[Int(section.rawValue) * 8 + sector - 1]))
      }
    }
  }
}

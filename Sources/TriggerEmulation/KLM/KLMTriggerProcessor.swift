import TriggerEvents

/// The KLM trigger: for each sector, which layers have a hit in the time window.
///
/// Simplification: hits count within 0–40 ns of the bunch crossing (muons arrive at ≈ 15 ns in
/// the simulation; beam background is spread over ±100 ns), either plane of a layer.
public final class KLMTriggerProcessor {
  public var windowNs: ClosedRange<Float> = 0...40
  private var masks = [UInt16](repeating: 0, count: 3 * 8)
  /// Per section × 8 + sector − 1: whether the firmware model lets the sector report.
  private let live: [Bool]
  private let disabled: Bool

  /// A processor as the firmware model makes it (ideal by default): dead sectors, the whole
  /// trigger off, a shifted time window.
  public init(firmware: FirmwareFaults = .ideal) {
    var live = [Bool](repeating: true, count: 3 * 8)
    for mask in firmware.deadKLMSectors { for sector in mask.sectors { live[Int(mask.section.rawValue) * 8 + sector - 1] = false } }
    self.live = live
    disabled = firmware.klmDisabled
    let shift = Float(firmware.klmWindowShiftNs)
    windowNs = (windowNs.lowerBound + shift)...(windowNs.upperBound + shift)
  }

  public func process(_ hits: ArraySlice<KLMHit>, into summary: inout TriggerSummary) {
    if disabled { return }
    var masks = self.masks
    self.masks = []
    defer { self.masks = masks }
    for index in masks.indices { masks[index] = 0 }
    let windowNs = self.windowNs
    for hit in hits where windowNs.contains(hit.timeNs) {
      masks[Int(hit.section.rawValue) * 8 + Int(hit.sector) - 1] |= 1 << (hit.layer - 1)
    }
    for section in DetectorGeometry.KLM.Section.allCases {
      for sector in 1...section.sectorCount where masks[Int(section.rawValue) * 8 + sector - 1] != 0 && live[Int(section.rawValue) * 8 + sector - 1] {
        summary.klmSectors.append(KLMSectorHits(section: section, sector: sector, layerMask: masks[Int(section.rawValue) * 8 + sector - 1]))
      }
    }
  }
}

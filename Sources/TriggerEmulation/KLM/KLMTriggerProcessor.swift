import TriggerEvents

/// The KLM trigger: for each sector, which layers have a hit in the time window.
///
/// Simplification: hits count within 0–40 ns of the bunch crossing (muons arrive at ≈ 15 ns in
/// the simulation; beam background is spread over ±100 ns), either plane of a layer.
public final class KLMTriggerProcessor {
  /// The window of the ideal firmware, ns from the bunch crossing.
  public static let nominalWindowNs: ClosedRange<Float> = 0...40
  /// Hits count within this window, ns from the bunch crossing (the model's shift applied).
  public let windowNs: ClosedRange<Float>
  /// Per section × 8 + sector − 1: whether the firmware model lets the sector report.
  private let live: [Bool]
  private let disabled: Bool
  /// Scratch: one layer mask per section × 8 + sector − 1.
  private let masks = UnsafeMutablePointer<UInt16>.allocate(capacity: 24)

  /// A processor as the firmware model makes it (ideal by default): dead sectors, the whole
  /// trigger off, a shifted time window.
  public init(firmware: FirmwareFaults = .ideal) {
    var live = [Bool](repeating: true, count: 3 * 8)
    for mask in firmware.deadKLMSectors { for sector in mask.sectors { live[Int(mask.section.rawValue) * 8 + sector - 1] = false } }
    self.live = live
    disabled = firmware.klmDisabled
    let shift = Float(firmware.klmWindowShiftNs)
    windowNs = (Self.nominalWindowNs.lowerBound + shift)...(Self.nominalWindowNs.upperBound + shift)
  }

  deinit { masks.deallocate() }

  public func process(_ hits: ArraySlice<KLMHit>, into summary: inout TriggerSummary) {
    if disabled { return }
    let masks = self.masks
    masks.update(repeating: 0, count: 24)
    let earliestNs = windowNs.lowerBound, latestNs = windowNs.upperBound
    hits.withUnsafeBufferPointer { hits in
      for hit in hits where earliestNs <= hit.timeNs && hit.timeNs <= latestNs {
        // A sector outside 1…8 (which the reader rejects) is skipped.
        guard hit.sector &- 1 < 8 else { continue }
        masks[Int(hit.section.rawValue) &* 8 &+ Int(hit.sector) &- 1] |= 1 << (hit.layer &- 1)
      }
    }
    // In section order, then sector order.
    for index in 0..<24 where masks[index] != 0 && live[index] {
      let section = DetectorGeometry.KLM.Section(rawValue: UInt8(index / 8))!, sector = index % 8 + 1
      guard sector <= section.sectorCount else { continue }
      summary.klmSectors.append(KLMSectorHits(section: section, sector: sector, layerMask: masks[index]))
    }
  }
}

import TriggerEvents

/// The CDC trigger chain: segment finder → 2D Hough finder → fitters (2D, 3D) → vertex finder.
/// One per thread: it keeps scratch buffers between events.
///
/// A firmware model acts here on the segments handed to the Hough finder (dead or φ-dependent
/// inputs), on the Hough plane's cells and on the number of tracks reported.
public final class CDCTriggerProcessor {
  let segmentFinder = TrackSegmentFinder()
  let houghFinder: HoughFinder
  let fitter = TrackFitter()
  let vertexFinder = VertexFinder()
  private let firmware: FirmwareFaults

  public init(firmware: FirmwareFaults = .ideal) {
    self.firmware = firmware
    houghFinder = HoughFinder(phiCells: firmware.houghPhiCells, curvatureCells: firmware.houghCurvatureCells)
  }

  /// Fills the summary's segments, tracks and vertices from the event's CDC hits; `header`
  /// seeds the firmware model's random segment losses.
  public func process(_ hits: ArraySlice<CDCHit>, header: EventHeader, into summary: inout TriggerSummary) {
    segmentFinder.find(hits, into: &summary.segments)
    if firmware.editsSegments { applySegmentFaults(to: &summary.segments, header: header) }
    houghFinder.find(summary.segments, into: &summary.tracks)
    if firmware.trackCountOffset != 0 { applyTrackCountOffset(to: &summary.tracks) }
    summary.segments.withUnsafeBufferPointer { segments in
      let index = SegmentIndex(segments)
      for track in summary.tracks.indices { fitter.fit(&summary.tracks[track], segments: segments, bySuperlayer: index) }
    }
    vertexFinder.find(summary.tracks, into: &summary.vertices)
  }

  /// Drops the segments the firmware model masks or loses (in place, order kept).
  private func applySegmentFaults(to segments: inout [TrackSegment], header: EventHeader) {
    let firmware = self.firmware
    segments.removeAll { segment in
      for mask in firmware.deadSegments where mask.masks(superlayer: segment.superlayer, phiRad: segment.phiRad) { return true }
      for loss in firmware.segmentEfficiencies where loss.superlayers.contains(segment.superlayer) {
        let draw = FirmwareFaults.draw(seed: loss.seed, header, item: UInt64(segment.superlayer) << 16 | UInt64(segment.wire))
        if Double(draw >> 11) * 0x1p-53 >= loss.efficiency(phiRad: segment.phiRad) { return true }
      }
      return false
    }
  }

  /// The track count off by the model's offset: the last tracks dropped, or the last repeated.
  private func applyTrackCountOffset(to tracks: inout [TriggerTrack]) {
    if firmware.trackCountOffset < 0 {
      tracks.removeLast(min(tracks.count, -firmware.trackCountOffset))
    } else if let last = tracks.last {
      for _ in 0..<firmware.trackCountOffset { tracks.append(last) }
    }
  }
}

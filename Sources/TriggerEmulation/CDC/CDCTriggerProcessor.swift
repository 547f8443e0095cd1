import TriggerEvents

/// The CDC trigger chain: segment finder → 2D Hough finder → fitters (2D, 3D) → vertex finder.
/// One per thread: it keeps scratch buffers between events.
public final class CDCTriggerProcessor {
  let segmentFinder = TrackSegmentFinder()
  let houghFinder = HoughFinder()
  let fitter = TrackFitter()
  let vertexFinder = VertexFinder()

  public init() {}

  /// Fills the summary's segments, tracks and vertices from the event's CDC hits.
  public func process(_ hits: ArraySlice<CDCHit>, into summary: inout TriggerSummary) {
    segmentFinder.find(hits, into: &summary.segments)
    houghFinder.find(summary.segments, into: &summary.tracks)
    summary.segments.withUnsafeBufferPointer { segments in
      let index = SegmentIndex(segments)
      for track in summary.tracks.indices { fitter.fit(&summary.tracks[track], segments: segments, bySuperlayer: index) }
    }
    vertexFinder.find(summary.tracks, into: &summary.vertices)
  }
}

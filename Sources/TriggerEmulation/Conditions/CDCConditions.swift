import Foundation

/// Conditions on CDC trigger tracks and vertices (docs/physics.md, "The L1 trigger lines").
enum CDCConditions {
  static let kinds: [ConditionKind] = [
    ConditionKind(
      name: "cdc.two_track",
      summary: "At least N tracks, two of them with an opening angle above the minimum (the ffo/ff lines).",
      parameters: [
        .integer("minTracks", 2, 2...20, "tracks needed"),
        .real("minOpeningAngle", "deg", 90, 0...180, "smallest opening angle between two of them"),
        .boolean("logicBins", true, "compare φ0 in 10° bins as the global logic does (> 90° is a bin difference in [9, 27]); false: exact angle"),
      ],
      make: { p in TwoTrack(minTracks: p.integer("minTracks"), minAngleDeg: p.real("minOpeningAngle"), logicBins: p.boolean("logicBins")) }),
    ConditionKind(
      name: "cdc.track_count",
      summary: "The number of tracks above a p_T is within [min, max].",
      parameters: [
        .integer("min", 1, 0...50, "fewest tracks"), .integer("max", 50, 0...50, "most tracks"),
        .real("minPt", "GeV", 0.3, 0...10, "tracks counted from this p_T"),
      ],
      make: { p in TrackCount(range: p.integer("min")...max(p.integer("min"), p.integer("max")), minPtGeV: p.real("minPt")) }),
    ConditionKind(
      name: "cdc.z0_window",
      summary: "At least N tracks from the 3D stage with |z0| inside the window (3D: 35 cm, neural: 20 cm, stt: 15 cm).",
      parameters: [
        .integer("minTracks", 1, 1...20, "tracks needed"), .real("maxAbsZ0", "cm", 20, 0...200, "largest |z0|"),
        .real("minP", "GeV", 0, 0...10, "smallest momentum (stt uses 0.7 GeV)"),
      ],
      make: { p in Z0Window(minTracks: p.integer("minTracks"), maxAbsZ0Cm: p.real("maxAbsZ0"), minPGeV: p.real("minP")) }),
    ConditionKind(
      name: "cdc.displaced_vertex",
      summary: "A vertex of two opposite-charge tracks inside the R_xy window, both above the p_T minimum.",
      parameters: [
        .real("minRxy", "cm", 0.9, 0...100, "smallest transverse distance of the vertex from the beam"),
        .real("maxRxy", "cm", 60, 0...200, "largest transverse distance"),
        .real("minPt", "GeV", 0.1, 0...10, "smallest p_T of each track"),
      ],
      make: { p in DisplacedVertex(rxyCm: p.real("minRxy")...max(p.real("minRxy"), p.real("maxRxy")), minPtGeV: p.real("minPt")) }),
  ]

  struct TwoTrack: TriggerCondition {
    var minTracks: Int
    var minAngleDeg: Double
    var logicBins: Bool
    /// The logic's window of φ0-bin differences, [⌈min/10⌉, 36 − ⌈min/10⌉] ([9, 27] for 90°);
    /// nil when it is empty, which only a faulted constant above 180° makes (`angle.wrong_unit`).
    let binWindow: ClosedRange<Int>?

    init(minTracks: Int, minAngleDeg: Double, logicBins: Bool) {
      self.minTracks = minTracks
      self.minAngleDeg = minAngleDeg
      self.logicBins = logicBins
      let lowBin = Int((minAngleDeg / 10).rounded(.up))
      binWindow = lowBin <= 36 - lowBin ? lowBin...(36 - lowBin) : nil
    }

    func evaluate(_ summary: TriggerSummary) -> Bool {
      let tracks = summary.tracks
      guard tracks.count >= minTracks, !logicBins || binWindow != nil else { return false }
      for i in 0..<(tracks.count - 1) {
        for j in (i + 1)..<tracks.count {
          if let binWindow, logicBins {
            if OpeningAngle.binDifference(tracks[i], tracks[j], isIn: binWindow) { return true }
          } else if OpeningAngle.exactDeg(tracks[i], tracks[j]) > minAngleDeg {
            return true
          }
        }
      }
      return false
    }
  }

  struct TrackCount: TriggerCondition {
    var range: ClosedRange<Int>
    var minPtGeV: Double
    func evaluate(_ summary: TriggerSummary) -> Bool {
      range.contains(summary.tracks.reduce(0) { $0 + ($1.ptGeV >= minPtGeV ? 1 : 0) })
    }
  }

  struct Z0Window: TriggerCondition {
    var minTracks: Int
    var maxAbsZ0Cm: Double
    var minPGeV: Double
    func evaluate(_ summary: TriggerSummary) -> Bool {
      var count = 0
      for track in summary.tracks {
        guard let z0 = track.z0Cm, let theta = track.thetaRad, abs(z0) <= maxAbsZ0Cm, track.ptGeV / max(sin(theta), 1e-6) >= minPGeV else { continue }
        count += 1
      }
      return count >= minTracks
    }
  }

  struct DisplacedVertex: TriggerCondition {
    var rxyCm: ClosedRange<Double>
    var minPtGeV: Double
    func evaluate(_ summary: TriggerSummary) -> Bool {
      summary.vertices.contains { vertex in
        rxyCm.contains(vertex.radiusCm) && summary.tracks[vertex.firstTrack].ptGeV >= minPtGeV
          && summary.tracks[vertex.secondTrack].ptGeV >= minPtGeV
      }
    }
  }
}

import Foundation

/// Vertices of opposite-charge trigger-track pairs: where their freely fitted circles cross
/// (docs/physics.md, "The L1 trigger lines": displaced vertex). Of two crossings the one nearer the
/// beam line is kept. Circles that cross at less than `minimumCrossingAngleDeg` (nearly
/// tangent, as two back-to-back tracks from the origin are) give no vertex: their crossing point
/// slides far along the tangent for the smallest error.
struct VertexFinder {
  var minimumCrossingAngleDeg = 10.0

  /// Radius in cm of the first axial superlayer's reference layer.
  static let innermostAxialRadiusCm = TrackSegmentFinder.layouts[0].referenceRadiusCm

  func find(_ tracks: [TriggerTrack], into vertices: inout [TriggerVertex]) {
    guard tracks.count >= 2 else { return }
    for i in 0..<(tracks.count - 1) {
      guard let a = tracks[i].freeCircle else { continue }
      for j in (i + 1)..<tracks.count where tracks[j].charge != tracks[i].charge {
        guard let b = tracks[j].freeCircle, let point = Self.crossing(a, b) else { continue }
        // Angle between the circles at the crossing: between the radii to it, folded to 0…90°.
        let ua = (point.x - a.x, point.y - a.y), ub = (point.x - b.x, point.y - b.y)
        let cosine = abs(ua.0 * ub.0 + ua.1 * ub.1) / (a.radius * b.radius)
        guard acos(min(1, cosine)) * 180 / .pi >= minimumCrossingAngleDeg else { continue }
        vertices.append(TriggerVertex(xCm: point.x, yCm: point.y, firstTrack: i, secondTrack: j))
      }
    }
  }

  /// The crossing of two circles that lies inside the CDC's outer radius and is nearest the beam line.
  static func crossing(_ a: (x: Double, y: Double, radius: Double), _ b: (x: Double, y: Double, radius: Double)) -> (x: Double, y: Double)? {
    let dx = b.x - a.x, dy = b.y - a.y
    let d = (dx * dx + dy * dy).squareRoot()
    guard d > 1e-9, d <= a.radius + b.radius, d >= abs(a.radius - b.radius) else { return nil }
    let along = (a.radius * a.radius - b.radius * b.radius + d * d) / (2 * d)
    let across = max(0, a.radius * a.radius - along * along).squareRoot()
    let mx = a.x + along * dx / d, my = a.y + along * dy / d
    let first = (x: mx + across * dy / d, y: my - across * dx / d), second = (x: mx - across * dy / d, y: my + across * dx / d)
    return second.x * second.x + second.y * second.y < first.x * first.x + first.y * first.y ? second : first
  }
}

import Foundation
import TriggerEvents

/// The stages after the Hough finder: collect each track's segments, refit its circle (through
/// the origin for φ0 and p_T, and freely for vertexing) and find z0 and θ from the stereo
/// superlayers (the 2D fitter and 3D fitter of PHYSICS.md, simplified).
struct TrackFitter {
  /// A segment belongs to a track when it lies within this many of its own wire cells of the
  /// track's predicted azimuth at its radius.
  var axialWindowCells = 2.0

  /// The azimuth (−π…π) of a track with (φ0, κ) from the origin at radius r, or nil if it turns back before.
  static func phi(atRadius r: Double, phi0: Double, curvature: Double) -> Double? {
    let sine = r * curvature / 2
    guard abs(sine) < 1 else { return nil }
    return phi0 - asin(sine)
  }

  /// Difference a − b wrapped to −π…π.
  static func wrapped(_ angle: Double) -> Double {
    var a = angle.remainder(dividingBy: 2 * .pi)
    if a <= -.pi { a += 2 * .pi }
    return a
  }

  /// Refits `track` from the axial segments near it, then adds z0 and θ from the stereo ones.
  ///
  /// The axial fit is iterated: first through the wires, then with each drift distance on the
  /// side the previous fit passes (the Hough cell alone is too coarse to tell the sides apart).
  func fit(_ track: inout TriggerTrack, segments: [TrackSegment]) {
    var chosen: [TrackSegment] = []
    for superlayer in HoughFinder.axialSuperlayers {
      let layout = TrackSegmentFinder.layouts[superlayer]
      guard let predicted = Self.phi(atRadius: layout.referenceRadiusCm, phi0: track.phi0Rad, curvature: track.curvaturePerCm) else { continue }
      let window = axialWindowCells * 2 * .pi / Double(layout.wires)
      var best: TrackSegment?
      var bestDistance = Double.infinity
      for segment in segments where segment.superlayer == superlayer {
        let distance = abs(Self.wrapped(segment.phiRad - predicted))
        guard distance <= window else { continue }
        // A segment whose reference wire itself fired contains the track; its neighbours,
        // fired by the same hits, do not: they only count when no such segment is near.
        let rank = distance + (segment.driftCm == nil ? 1000 : 0)
        if rank < bestDistance {
          bestDistance = rank
          best = segment
        }
      }
      if let best { chosen.append(best) }
    }
    guard chosen.count >= 3 else {
      fitStereo(&track, segments: segments)
      return
    }
    var points = chosen.map { (x: $0.radiusCm * cos($0.phiRad), y: $0.radiusCm * sin($0.phiRad)) }
    refitThroughOrigin(&track, points)
    for _ in 0..<2 {
      points = chosen.map { segment in
        let predicted = Self.phi(atRadius: segment.radiusCm, phi0: track.phi0Rad, curvature: track.curvaturePerCm) ?? segment.phiRad
        let phi = Self.driftCorrected(segment, towards: predicted)
        return (x: segment.radiusCm * cos(phi), y: segment.radiusCm * sin(phi))
      }
      refitThroughOrigin(&track, points)
    }
    track.freeCircle = Self.freeCircle(points)
    fitStereo(&track, segments: segments)
  }

  /// The segment's azimuth moved by its drift distance to the side of `predicted` (the
  /// left/right ambiguity resolved by the track); the wire's azimuth without a drift time.
  static func driftCorrected(_ segment: TrackSegment, towards predicted: Double) -> Double {
    guard let drift = segment.driftCm else { return segment.phiRad }
    let offset = drift / segment.radiusCm
    let side = segment.side != 0 ? Double(segment.side) : (wrapped(predicted - segment.phiRad) >= 0 ? 1 : -1)
    return segment.phiRad + side * offset
  }

  /// Least-squares circle through the origin, x² + y² = u·x + v·y, keeping the Hough charge.
  private func refitThroughOrigin(_ track: inout TriggerTrack, _ points: [(x: Double, y: Double)]) {
    var sxx = 0.0, sxy = 0.0, syy = 0.0, sxr = 0.0, syr = 0.0
    for p in points {
      let r2 = p.x * p.x + p.y * p.y
      sxx += p.x * p.x; sxy += p.x * p.y; syy += p.y * p.y; sxr += p.x * r2; syr += p.y * r2
    }
    let determinant = sxx * syy - sxy * sxy
    guard abs(determinant) > 1e-9 else { return }
    let u = (sxr * syy - syr * sxy) / determinant, v = (syr * sxx - sxr * sxy) / determinant
    let a = u / 2, b = v / 2
    let radius = (a * a + b * b).squareRoot()
    guard radius > 1, radius.isFinite else { return }
    // Centre = q·R·(sin φ0, −cos φ0).
    let q = Double(track.charge)
    let phi0 = atan2(q * a, -q * b)
    // Keep the fit only when it agrees with the Hough cell it came from.
    guard abs(Self.wrapped(phi0 - track.phi0Rad)) < 3 * HoughFinder.phiCellRad else { return }
    track.phi0Rad = phi0
    track.curvaturePerCm = q / radius
  }

  /// Algebraic (Kåsa) circle fit x² + y² + Dx + Ey + F = 0, not constrained to the origin.
  static func freeCircle(_ points: [(x: Double, y: Double)]) -> (x: Double, y: Double, radius: Double)? {
    // Normal equations of the 3 × 3 linear least-squares problem.
    var m = [[Double]](repeating: [0, 0, 0], count: 3)
    var rhs = [0.0, 0.0, 0.0]
    for p in points {
      let row = [p.x, p.y, 1.0], value = -(p.x * p.x + p.y * p.y)
      for i in 0..<3 {
        for j in 0..<3 { m[i][j] += row[i] * row[j] }
        rhs[i] += row[i] * value
      }
    }
    guard let solution = solve3(m, rhs) else { return nil }
    let x = -solution[0] / 2, y = -solution[1] / 2
    let r2 = x * x + y * y - solution[2]
    guard r2 > 0 else { return nil }
    return (x, y, r2.squareRoot())
  }

  private static func solve3(_ m: [[Double]], _ b: [Double]) -> [Double]? {
    func det(_ a: [[Double]]) -> Double {
      a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
        + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
    }
    let d = det(m)
    guard abs(d) > 1e-12 * max(1, abs(m[0][0] * m[1][1] * m[2][2])) else { return nil }
    return (0..<3).map { column in
      var replaced = m
      for row in 0..<3 { replaced[row][column] = b[row] }
      return det(replaced) / d
    }
  }

  /// The 3D stage: in each stereo superlayer, the segment nearest the track gives a z (a stereo
  /// wire at φ_w(z = 0) is at φ_w + z·tan α / r at height z); z against the transverse arc
  /// length s is fitted with a line z = z0 + s·cot θ when two or more stereo superlayers agree.
  /// A first fit uses the wires; the second moves each by its drift distance to the side that
  /// agrees better with the first (resolving the left/right ambiguity), which is what makes
  /// |z0| windows of a few cm possible.
  private func fitStereo(_ track: inout TriggerTrack, segments: [TrackSegment]) {
    var found: [(s: Double, z: Double, zPerRad: Double, drift: Double?, radius: Double, side: Int8)] = []
    for superlayer in [1, 3, 5, 7] {
      let layout = TrackSegmentFinder.layouts[superlayer]
      let r = layout.referenceRadiusCm
      guard let predicted = Self.phi(atRadius: r, phi0: track.phi0Rad, curvature: track.curvaturePerCm) else { continue }
      let tangent = tan(DetectorGeometry.CDC.stereoAngleRad(ofSuperlayer: superlayer))
      let zMax = r / tan(17 * Double.pi / 180), zMin = r / tan(150 * Double.pi / 180)
      var best: (z: Double, drift: Double?, side: Int8)?
      var bestDistance = Double.infinity
      for segment in segments where segment.superlayer == superlayer {
        let z = Self.wrapped(predicted - segment.phiRad) * r / tangent
        guard z >= zMin && z <= zMax else { continue }
        // As for axial segments: one whose reference wire fired always wins (the nearest of those).
        let distance = abs(Self.wrapped(predicted - segment.phiRad)) + (segment.driftCm == nil ? 1000 : 0)
        if distance < bestDistance {
          bestDistance = distance
          best = (z, segment.driftCm, segment.side)
        }
      }
      if let best {
        let s = abs(track.curvaturePerCm) > 1e-9 ? 2 * asin(min(1, r * abs(track.curvaturePerCm) / 2)) / abs(track.curvaturePerCm) : r
        found.append((s, best.z, r / tangent, best.drift, r, best.side))
      }
    }
    guard found.count >= 2, var line = Self.line(found.map { ($0.s, $0.z) }) else { return }
    // Second pass: the track passed the wire on `side` (from the segment's hit pattern) at the
    // drift distance, i.e. z moves by −side·drift/tan α; without a side, take the one nearer the first line.
    let refined = found.map { point -> (s: Double, z: Double) in
      guard let drift = point.drift else { return (point.s, point.z) }
      let shift = drift / point.radius * point.zPerRad
      if point.side != 0 { return (point.s, point.z - Double(point.side) * shift) }
      let expected = line.z0 + line.slope * point.s
      let plus = point.z + shift, minus = point.z - shift
      return (point.s, abs(plus - expected) < abs(minus - expected) ? plus : minus)
    }
    if let better = Self.line(refined) { line = better }
    track.z0Cm = line.z0
    track.thetaRad = atan2(1, line.slope)
  }

  /// Least-squares line z = z0 + slope·s.
  static func line(_ points: [(s: Double, z: Double)]) -> (z0: Double, slope: Double)? {
    let n = Double(points.count)
    let ms = points.reduce(0) { $0 + $1.s } / n, mz = points.reduce(0) { $0 + $1.z } / n
    let sxx = points.reduce(0) { $0 + ($1.s - ms) * ($1.s - ms) }
    guard sxx > 1e-6 else { return nil }
    let slope = points.reduce(0) { $0 + ($1.s - ms) * ($1.z - mz) } / sxx
    return (mz - slope * ms, slope)
  }
}

import Foundation
import TriggerEvents

/// The stages after the Hough finder: collect each track's segments, refit its circle (through
/// the origin for φ0 and p_T, and freely for vertexing) and find z0 and θ from the stereo
/// superlayers (the 2D fitter and 3D fitter of docs/physics.md, simplified). Allocation-free: the
/// chosen segments live in stack scratch.
struct TrackFitter {
  /// A segment belongs to a track when it lies within this many of its own wire cells of the
  /// track's predicted azimuth at its radius.
  var axialWindowCells = 2.0

  /// The angle a track of signed curvature κ from the origin has turned by at radius r,
  /// asin(rκ/2) (its azimuth there is φ0 minus it, its arc length 2|asin(rκ/2)|/|κ|), or nil if
  /// it turns back before.
  @inline(__always)
  static func turn(atRadius r: Double, curvature: Double) -> Double? {
    let sine = r * curvature / 2
    guard abs(sine) < 1 else { return nil }
    return asin(sine)
  }

  /// The azimuth of a track with (φ0, κ) from the origin at radius r, or nil if it turns back before.
  @inline(__always)
  static func phi(atRadius r: Double, phi0: Double, curvature: Double) -> Double? {
    turn(atRadius: r, curvature: curvature).map { phi0 - $0 }
  }

  /// An angle wrapped to −π…π (the inputs here are within a few turns).
  @inline(__always)
  static func wrapped(_ angle: Double) -> Double {
    var a = angle
    while a > .pi { a -= 2 * .pi }
    while a <= -.pi { a += 2 * .pi }
    return a
  }

  /// The segment's azimuth moved by its drift distance to the side the track passed: from the
  /// segment's hit pattern when it tells, else towards the azimuth `predicted` gives (asked only
  /// then, as it costs an arcsine); the wire's azimuth without a drift time.
  @inline(__always)
  static func driftCorrected(_ segment: TrackSegment, towards predicted: () -> Double) -> Double {
    guard let drift = segment.driftCm else { return segment.phiRad }
    let offset = drift / segment.radiusCm
    let side = segment.side != 0 ? Double(segment.side) : (wrapped(predicted() - segment.phiRad) >= 0 ? 1 : -1)
    return segment.phiRad + side * offset
  }

  /// The segment of `superlayer` nearest to the track's azimuth there: one whose reference wire
  /// itself fired always wins over one whose did not (its neighbours, fired by the same hits,
  /// sit a cell off); `window` bounds the distance when given.
  @inline(__always)
  static func nearest(_ segments: UnsafeBufferPointer<TrackSegment>, among candidates: Range<Int>, to predicted: Double, within window: Double) -> Int? {
    var best: Int?
    var bestRank = Double.infinity
    for index in candidates {
      let distance = abs(wrapped(segments[index].phiRad - predicted))
      guard distance <= window else { continue }
      let rank = distance + (segments[index].driftCm == nil ? 1000 : 0)
      if rank < bestRank {
        bestRank = rank
        best = index
      }
    }
    return best
  }

  /// Refits `track` from the axial segments near it, then adds z0 and θ from the stereo ones.
  ///
  /// The axial fit is iterated: first through the wires, then with each drift distance on the
  /// side the segment's hit pattern or the previous fit says.
  func fit(_ track: inout TriggerTrack, segments: UnsafeBufferPointer<TrackSegment>, bySuperlayer: SegmentIndex) {
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 5) { chosen in
      var count = 0
      for superlayer in HoughFinder.axialSuperlayers {
        let layout = TrackSegmentFinder.layouts[superlayer]
        guard let predicted = Self.phi(atRadius: layout.referenceRadiusCm, phi0: track.phi0Rad, curvature: track.curvaturePerCm) else { continue }
        let window = axialWindowCells * 2 * .pi / Double(layout.wires)
        if let index = Self.nearest(segments, among: bySuperlayer[superlayer], to: predicted, within: window) {
          chosen[count] = index
          count += 1
        }
      }
      guard count >= 3 else { return }
      var sums = CircleSums()
      for k in 0..<count { sums.add(segments[chosen[k]], offset: 0) }
      refitThroughOrigin(&track, sums)
      for _ in 0..<2 {
        sums = CircleSums()
        for k in 0..<count {
          let segment = segments[chosen[k]], phi0 = track.phi0Rad, curvature = track.curvaturePerCm
          let corrected = Self.driftCorrected(segment) {
            Self.phi(atRadius: segment.radiusCm, phi0: phi0, curvature: curvature) ?? segment.phiRad
          }
          sums.add(segment, offset: corrected - segment.phiRad)
        }
        refitThroughOrigin(&track, sums)
      }
      track.freeCircle = sums.freeCircle()
    }
    fitStereo(&track, segments: segments, bySuperlayer: bySuperlayer)
  }

  /// Running sums for the two circle fits over points (x, y) with z = x² + y².
  struct CircleSums {
    var n = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0, syy = 0.0, sxz = 0.0, syz = 0.0, sz = 0.0

    /// Adds the segment's point, turned by the small angle `offset` (a drift distance over the
    /// radius, below 0.05 rad) from its wire: cos and sin of the offset by their series, exact
    /// to 10⁻¹⁰ there.
    mutating func add(_ segment: TrackSegment, offset: Double) {
      let o2 = offset * offset
      let c = 1 - o2 / 2 + o2 * o2 / 24, s = offset * (1 - o2 / 6 + o2 * o2 / 120)
      let x = segment.radiusCm * (segment.cosPhi * c - segment.sinPhi * s)
      let y = segment.radiusCm * (segment.sinPhi * c + segment.cosPhi * s)
      let z = x * x + y * y
      n += 1; sx += x; sy += y; sxx += x * x; sxy += x * y; syy += y * y; sxz += x * z; syz += y * z; sz += z
    }

    /// Algebraic (Kåsa) circle x² + y² + Dx + Ey + F = 0, not constrained to the origin.
    func freeCircle() -> (x: Double, y: Double, radius: Double)? {
      // Normal equations [sxx sxy sx; sxy syy sy; sx sy n]·(D, E, F) = −(sxz, syz, sz), by Cramer's rule.
      func det(_ a: Double, _ b: Double, _ c: Double, _ d: Double, _ e: Double, _ f: Double, _ g: Double, _ h: Double, _ i: Double) -> Double {
        a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)
      }
      let d = det(sxx, sxy, sx, sxy, syy, sy, sx, sy, n)
      guard abs(d) > 1e-9 * max(1, abs(sxx * syy * n)) else { return nil }
      let D = det(-sxz, sxy, sx, -syz, syy, sy, -sz, sy, n) / d
      let E = det(sxx, -sxz, sx, sxy, -syz, sy, sx, -sz, n) / d
      let F = det(sxx, sxy, -sxz, sxy, syy, -syz, sx, sy, -sz) / d
      let x = -D / 2, y = -E / 2, r2 = x * x + y * y - F
      guard r2 > 0 else { return nil }
      return (x, y, r2.squareRoot())
    }
  }

  /// Least-squares circle through the origin, x² + y² = u·x + v·y, keeping the Hough charge.
  private func refitThroughOrigin(_ track: inout TriggerTrack, _ s: CircleSums) {
    let determinant = s.sxx * s.syy - s.sxy * s.sxy
    guard abs(determinant) > 1e-9 else { return }
    let u = (s.sxz * s.syy - s.syz * s.sxy) / determinant, v = (s.syz * s.sxx - s.sxz * s.sxy) / determinant
    let a = u / 2, b = v / 2
    let radius = (a * a + b * b).squareRoot()
    guard radius > 1, radius.isFinite else { return }
    // Centre = q·R·(sin φ0, −cos φ0).
    let q = Double(track.charge)
    let phi0 = atan2(q * a, -q * b)
    // Keep the fit only when it agrees with the Hough cell it came from.
    guard abs(Self.wrapped(phi0 - track.phi0Rad)) < 3 * HoughFinder.nominalPhiCellRad else { return }
    track.phi0Rad = phi0
    track.curvaturePerCm = q / radius
  }

  /// The stereo superlayers, their reference radii, z limits and tan(stereo angle).
  static let stereo: [(superlayer: Int, radius: Double, zMin: Double, zMax: Double, tangent: Double)] = [1, 3, 5, 7].map { superlayer in
    let r = TrackSegmentFinder.layouts[superlayer].referenceRadiusCm
    return (superlayer, r, r / tan(150 * Double.pi / 180), r / tan(17 * Double.pi / 180), tan(DetectorGeometry.CDC.stereoAngleRad(ofSuperlayer: superlayer)))
  }

  /// The 3D stage: in each stereo superlayer, the segment nearest the track gives a z (a stereo
  /// wire at φ_w(z = 0) is at φ_w + z·tan α / r at height z); z against the transverse arc
  /// length s is fitted with a line z = z0 + s·cot θ when two or more stereo superlayers agree.
  /// The track passed the wire on the segment's side at the drift distance, which moves z by
  /// ∓drift/tan α; without a side, the one nearer a first fit through the wires is taken. This
  /// is what makes |z0| windows of a few cm possible.
  private func fitStereo(_ track: inout TriggerTrack, segments: UnsafeBufferPointer<TrackSegment>, bySuperlayer: SegmentIndex) {
    withUnsafeTemporaryAllocation(of: (s: Double, z: Double, shift: Double, side: Int8).self, capacity: 4) { points in
      var count = 0
      let curvature = abs(track.curvaturePerCm)
      for layer in Self.stereo {
        // One arcsine for both the predicted azimuth and the arc length.
        guard let turn = Self.turn(atRadius: layer.radius, curvature: track.curvaturePerCm) else { continue }
        let predicted = track.phi0Rad - turn
        // Window: the z range of the layer, seen as an azimuth offset.
        let window = max(abs(layer.zMax), abs(layer.zMin)) * abs(layer.tangent) / layer.radius
        guard let index = Self.nearest(segments, among: bySuperlayer[layer.superlayer], to: predicted, within: window) else { continue }
        let segment = segments[index]
        let z = Self.wrapped(predicted - segment.phiRad) * layer.radius / layer.tangent
        guard z >= layer.zMin && z <= layer.zMax else { continue }
        let s = curvature > 1e-9 ? 2 * abs(turn) / curvature : layer.radius
        points[count] = (s, z, (segment.driftCm ?? 0) / layer.tangent, segment.side)
        count += 1
      }
      guard count >= 2, let first = Self.line(points, count) else { return }
      // Resolve each drift distance's side, then refit.
      for k in 0..<count where points[k].shift != 0 {
        let point = points[k]
        if point.side != 0 {
          points[k].z = point.z - Double(point.side) * point.shift
        } else {
          let expected = first.z0 + first.slope * point.s
          let plus = point.z + point.shift, minus = point.z - point.shift
          points[k].z = abs(plus - expected) < abs(minus - expected) ? plus : minus
        }
      }
      let line = Self.line(points, count) ?? first
      track.z0Cm = line.z0
      track.thetaRad = atan2(1, line.slope)
    }
  }

  /// Least-squares line z = z0 + slope·s over the first `count` points.
  static func line(_ points: UnsafeMutableBufferPointer<(s: Double, z: Double, shift: Double, side: Int8)>, _ count: Int) -> (z0: Double, slope: Double)? {
    var ss = 0.0, zz = 0.0
    for k in 0..<count { ss += points[k].s; zz += points[k].z }
    let ms = ss / Double(count), mz = zz / Double(count)
    var sxx = 0.0, sxz = 0.0
    for k in 0..<count {
      sxx += (points[k].s - ms) * (points[k].s - ms)
      sxz += (points[k].s - ms) * (points[k].z - mz)
    }
    guard sxx > 1e-6 else { return nil }
    let slope = sxz / sxx
    return (mz - slope * ms, slope)
  }
}

/// Where each superlayer's segments lie in an event's segment list, which the segment finder
/// fills superlayer by superlayer.
struct SegmentIndex {
  private var starts = InlineArray<10, Int>(repeating: 0)

  init(_ segments: UnsafeBufferPointer<TrackSegment>) {
    for segment in segments { starts[segment.superlayer &+ 1] &+= 1 }
    for superlayer in 0..<DetectorGeometry.CDC.superlayerCount { starts[superlayer &+ 1] &+= starts[superlayer] }
  }

  subscript(superlayer: Int) -> Range<Int> { starts[superlayer]..<starts[superlayer &+ 1] }
}

import Foundation
import TriggerEvents

extension DetectorResponse {
  /// Hit efficiency of one wire for a crossing track. Simplification: one number for all wires.
  static let wireEfficiency = 0.97
  static let driftVelocityCmPerNs = DetectorGeometry.CDC.driftVelocityCmPerNs
  /// First wire index of each layer in a flat 0 ..< 14 336 numbering.
  static let firstWireOfLayer: [Int] = {
    var first = 0
    return DetectorGeometry.CDC.wiresPerLayer.map { wires in
      defer { first += Int(wires) }
      return first
    }
  }()
  static let layerRadiiCm: [Double] = (0..<DetectorGeometry.CDC.layerCount).map { DetectorGeometry.CDC.radiusMM(ofLayer: $0) / 10 }
  static let layerStereoTangent: [Double] = (0..<DetectorGeometry.CDC.layerCount).map {
    tan(DetectorGeometry.CDC.stereoAngleRad(ofSuperlayer: DetectorGeometry.CDC.superlayer(ofLayer: $0)))
  }
  /// Per layer, the constants of the hit loop, so that it divides by nothing: tan(stereo)/r,
  /// cells per radian, and the drift time in ns of a whole cell width.
  static let layerConstants: [(stereoPerCm: Double, cellsPerRadian: Double, cellDriftNs: Double)] =
    (0..<DetectorGeometry.CDC.layerCount).map { layer in
      let r = layerRadiiCm[layer], wires = Double(DetectorGeometry.CDC.wiresPerLayer[layer])
      return (layerStereoTangent[layer] / r, wires / (2 * Double.pi), 2 * Double.pi * r / wires / driftVelocityCmPerNs)
    }
  /// cot θ at the chamber's polar acceptance edges (17°, 150°): a layer of radius r spans
  /// z from r·cot(150°) to r·cot(17°). Simplification: the CDC's true end plates are stepped.
  static let forwardCotangent = 1 / tan(17 * Double.pi / 180)
  static let backwardCotangent = 1 / tan(150 * Double.pi / 180)

  /// Where a helix starting at `vertex` with transverse momentum direction `phi0` crosses the
  /// cylinder of radius `r` going outward: turning angle α ≥ 0 and the azimuth of the point.
  /// Positive charges turn clockwise seen from +z (B along +z).
  public static func crossing(radius r: Double, curvatureRadius R: Double, charge: Int, phi0: Double, vertex: (x: Double, y: Double)) -> (alpha: Double, phi: Double)? {
    let q = Double(charge)
    if abs(vertex.x) < 1e-9 && abs(vertex.y) < 1e-9 {
      // From the origin: chord r = 2R sin(α/2), the point at φ0 − qα/2.
      guard r < 2 * R else { return nil }
      let alpha = 2 * asin(r / (2 * R))
      return (alpha, phi0 - q * alpha / 2)
    }
    let centre = (x: vertex.x + q * R * sin(phi0), y: vertex.y - q * R * cos(phi0))
    let distance = (centre.x * centre.x + centre.y * centre.y).squareRoot()
    let kappa = (r * r - distance * distance - R * R) / (2 * R * distance)
    guard abs(kappa) <= 1, r > (vertex.x * vertex.x + vertex.y * vertex.y).squareRoot() else { return nil }
    let gamma = atan2(centre.y, centre.x)
    let beta0 = atan2(vertex.y - centre.y, vertex.x - centre.x)
    var best = Double.infinity
    for sign in [1.0, -1.0] {
      var alpha = q * (beta0 - (gamma + sign * acos(kappa)))
      alpha -= 2 * .pi * (alpha / (2 * .pi)).rounded(.down)
      best = min(best, alpha)
    }
    let beta = beta0 - q * best
    let point = (x: centre.x + R * cos(beta), y: centre.y + R * sin(beta))
    return (best, atan2(point.y, point.x))
  }

  /// Adds the CDC hits of one charged particle (outgoing half-turn only); returns how many it made.
  ///
  /// Simplifications: a track fires the wire of its cell in every layer it crosses (with
  /// `wireEfficiency`), the drift distance is the azimuthal distance to the wire at the layer
  /// radius, odd layers are staggered by half a cell, curlers stop at their turning point, and
  /// energy loss and multiple scattering are ignored.
  func simulateCDC(_ particle: GeneratedParticle, charge: Int, random: inout EventRandom, into event: inout Event) -> Int {
    let momentum = particle.momentum
    let R = momentum.pt * DetectorGeometry.CDC.curvatureRadiusCmPerGeV
    guard momentum.pt > 0.01 else { return 0 }
    let cotTheta = momentum.pz / momentum.pt
    let phi0 = momentum.phi
    let adcScale = 40 * (1 + cotTheta * cotTheta).squareRoot()  // path length ∝ 1/sin θ
    // Tables read once here rather than through their lazy globals in the loop.
    let radii = Self.layerRadiiCm, constants = Self.layerConstants, wiresPerLayer = DetectorGeometry.CDC.wiresPerLayer
    let efficiency = Self.wireEfficiency
    let inverseDiameter = 1 / (2 * R)
    let forward = Self.forwardCotangent, backward = Self.backwardCotangent
    var made = 0
    let prompt = abs(particle.vertex.x) < 1e-9 && abs(particle.vertex.y) < 1e-9
    let vertexRadius = (particle.vertex.x * particle.vertex.x + particle.vertex.y * particle.vertex.y).squareRoot()
    let q = Double(charge)
    for layer in 0..<radii.count {
      let r = radii[layer]
      let alpha: Double, phi: Double
      if prompt {
        // From the origin: chord r = 2R sin(α/2), the point at φ0 − qα/2.
        let sine = r * inverseDiameter
        guard sine < 1 else { break }
        alpha = 2 * asin(sine)
        phi = phi0 - q * alpha / 2
      } else {
        guard let point = Self.crossing(radius: r, curvatureRadius: R, charge: charge, phi0: phi0, vertex: (particle.vertex.x, particle.vertex.y)) else {
          if r > vertexRadius { break }
          continue
        }
        (alpha, phi) = point
      }
      let z = particle.vertex.z + R * alpha * cotTheta
      guard z <= r * forward && z >= r * backward else { break }
      guard random.uniform() < efficiency else { continue }
      // A stereo wire at φ(z = 0) sits at φ + z·tan(α)/r at height z.
      let layerConstants = constants[layer]
      let wirePhi = phi - z * layerConstants.stereoPerCm
      let wires = Int(wiresPerLayer[layer])
      // Position in cell widths from wire 0, in [0, wires); odd layers are staggered by half a cell.
      var position = wirePhi * layerConstants.cellsPerRadian - (layer & 1 == 1 ? 0.5 : 0) + 0.5
      while position < 0 { position += Double(wires) }
      while position >= Double(wires) { position -= Double(wires) }
      let cell = Int(position)  // truncation is floor here: position ≥ 0
      let wire = cell == wires ? 0 : cell
      let driftNs = abs(position - Double(cell) - 0.5) * layerConstants.cellDriftNs
      let tdc = UInt16(min(4000, max(0, driftNs + 2 * random.approximateGaussian())))
      let adc = UInt16(max(1, min(1000, adcScale * (1 + 0.25 * random.approximateGaussian()))))
      addCDCHit(layer: layer, wire: wire, tdc: tdc, adc: adc, into: &event)
      made += 1
    }
    return made
  }

  /// Adds a hit, keeping only the earliest on a wire (as a TDC records the first pulse).
  func addCDCHit(layer: Int, wire: Int, tdc: UInt16, adc: UInt16, into event: inout Event) {
    let flat = firstWireOfLayer[layer] + wire
    if wireStamp[flat] == stamp {
      let index = Int(wireHit[flat])
      if tdc < event.cdcHits[index].tdc { event.cdcHits[index].tdc = tdc }
      return
    }
    wireStamp[flat] = stamp
    wireHit[flat] = Int32(event.cdcHits.count)
    event.cdcHits.append(CDCHit(layer: UInt8(layer), wire: UInt16(wire), tdc: tdc, adc: adc))
  }

  /// Adds the offline track of a particle with at least 10 CDC hits, smeared by the tracking
  /// resolution: σ(p_T)/p_T = 0.11 %·p_T ⊕ 0.25 %, 1 mrad in θ and φ, 20 µm in d0, 30 µm in z0
  /// (simplified Belle II figures). d0 and z0 are those of the true helix at its point of
  /// closest approach to the beam line (zero for prompt tracks).
  func reconstructTrack(_ particle: GeneratedParticle, charge: Int, cdcHits: Int, random: inout EventRandom, into event: inout Event) {
    guard cdcHits >= 10 else { return }
    let momentum = particle.momentum
    let R = momentum.pt * DetectorGeometry.CDC.curvatureRadiusCmPerGeV
    let q = Double(charge)
    let phi0 = momentum.phi
    let centre = (x: particle.vertex.x + q * R * sin(phi0), y: particle.vertex.y - q * R * cos(phi0))
    let distance = (centre.x * centre.x + centre.y * centre.y).squareRoot()
    let d0 = q * (distance - R)
    // Arc from the point of closest approach to the vertex, in (−π, π].
    let closest = atan2(-centre.y, -centre.x)
    let atVertex = atan2(particle.vertex.y - centre.y, particle.vertex.x - centre.x)
    var turn = q * (closest - atVertex)
    turn -= 2 * .pi * ((turn + .pi) / (2 * .pi)).rounded(.down)
    let z0 = particle.vertex.z - R * turn * momentum.pz / momentum.pt
    let pt = momentum.pt * (1 + (pow(0.0011 * momentum.pt, 2) + 0.0025 * 0.0025).squareRoot() * random.gaussian())
    let theta = min(Double.pi, max(0, momentum.theta + 0.001 * random.gaussian()))
    var phi = phi0 + 0.001 * random.gaussian()
    if phi > .pi { phi -= 2 * .pi } else if phi < -.pi { phi += 2 * .pi }
    event.tracks.append(Track(
      charge: Int8(charge), cdcHitCount: UInt16(cdcHits), pGeV: Float(abs(pt) / max(sin(theta), 1e-6)),
      thetaRad: Float(theta), phiRad: Float(phi), d0Cm: Float(d0 + 0.002 * random.gaussian()),
      z0Cm: Float(z0 + 0.003 * random.gaussian())))
  }
}

import Foundation
import TriggerEvents

/// The CDC track-segment finder: one segment per wire of each superlayer's reference layer,
/// firing when at least `minimumLayers` of its five layers have a hit inside an hourglass-shaped
/// window around the reference wire (PHYSICS.md, "Detector numbers": the firmware uses a
/// lookup table of hit patterns; this is its simplified equivalent).
///
/// Simplifications: superlayers 1–8 use their first five layers with the third as reference;
/// superlayer 0 uses layers 3–7 with layer 5 as reference; the window is one cell in the
/// reference layer, two in the layers next to it and three two layers away (the hourglass), so
/// tracks above ≈ 0.3 GeV fit; drift times are not used.
final class TrackSegmentFinder {
  /// The five layers and reference wire layout of one superlayer.
  struct Layout {
    var superlayer: Int
    var firstLayer: Int
    var referenceLayer: Int
    var wires: Int
    var referenceRadiusCm: Double
    /// Index of the superlayer's first segment in the flat 0 ..< 2336 numbering.
    var firstSegment: Int
  }

  static let layouts: [Layout] = {
    var first = 0
    return (0..<DetectorGeometry.CDC.superlayerCount).map { superlayer in
      let start = superlayer == 0 ? 3 : DetectorGeometry.CDC.firstLayer(ofSuperlayer: superlayer)
      let wires = DetectorGeometry.CDC.wiresPerLayerBySuperlayer[superlayer]
      defer { first += wires }
      return Layout(
        superlayer: superlayer, firstLayer: start, referenceLayer: start + 2, wires: wires,
        referenceRadiusCm: DetectorGeometry.CDC.radiusMM(ofLayer: start + 2) / 10, firstSegment: first)
    }
  }()

  /// Hits needed in the five layers of a segment (the firmware requires 4 of 5).
  var minimumLayers = 4

  /// What a hit in each layer does, precomputed: the superlayer's first segment and wire count,
  /// the layer's bit in the segment mask, and the reference wires it serves relative to its own
  /// wire (the hourglass: same wire in the reference layer, the two half-cell neighbours one
  /// layer away, three wires two layers away; −1: the layer is not in a segment).
  struct LayerRole {
    var firstSegment: Int32
    var wires: Int32
    var bit: UInt8
    var low: Int8
    var high: Int8
    var isReference: Bool
    var isNextToReference: Bool
  }

  static let roles: [LayerRole] = (0..<DetectorGeometry.CDC.layerCount).map { layer in
    let superlayer = DetectorGeometry.CDC.superlayer(ofLayer: layer)
    let layout = layouts[superlayer]
    let position = layer - layout.firstLayer
    guard (0..<5).contains(position) else {
      return LayerRole(firstSegment: -1, wires: Int32(layout.wires), bit: 0, low: 0, high: 0, isReference: false, isNextToReference: false)
    }
    // Hit position in reference-wire units is wire + stagger difference (0 or ±½).
    let stagger = Double((layer & 1) - (layout.referenceLayer & 1)) * 0.5
    let halfWidth = 0.5 + 0.5 * Double(abs(position - 2)) + 1e-6
    return LayerRole(
      firstSegment: Int32(layout.firstSegment), wires: Int32(layout.wires), bit: UInt8(1 << position),
      low: Int8((stagger - halfWidth).rounded(.up)), high: Int8((stagger + halfWidth).rounded(.down)),
      isReference: position == 2, isNextToReference: abs(position - 2) == 1)
  }

  /// Azimuth of each of the 2336 segments' reference wire with its cosine and sine.
  static let segmentDirections: [(phi: Double, cos: Double, sin: Double)] = layouts.flatMap { layout in
    (0..<layout.wires).map { wire in
      let phi = DetectorGeometry.CDC.wirePhiRad(layer: layout.referenceLayer, wire: wire, wiresInLayer: layout.wires)
      return (phi, cos(phi), sin(phi))
    }
  }

  /// Superlayer of each of the 2336 segments.
  static let segmentSuperlayer: [UInt8] = layouts.flatMap { Array(repeating: UInt8($0.superlayer), count: $0.wires) }

  // Scratch over the 2336 segments, as raw buffers kept clean between events (each event
  // resets the segments it touched): layer masks, reference-wire TDCs, side votes, and the
  // segments touched this event. A segment is new to the event exactly when its mask is 0,
  // which lets the hit loop count first touches without a branch.
  private let masks = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: DetectorGeometry.CDC.trackSegmentCount)
  private let referenceTDC = UnsafeMutableBufferPointer<UInt16>.allocate(capacity: DetectorGeometry.CDC.trackSegmentCount)
  private let sideVotes = UnsafeMutableBufferPointer<Int8>.allocate(capacity: DetectorGeometry.CDC.trackSegmentCount)
  private let touched = UnsafeMutableBufferPointer<Int32>.allocate(capacity: DetectorGeometry.CDC.trackSegmentCount + 1)
  private let roles = TrackSegmentFinder.roles

  init() {
    masks.initialize(repeating: 0)
    referenceTDC.initialize(repeating: .max)
    sideVotes.initialize(repeating: 0)
  }

  deinit {
    masks.deallocate()
    referenceTDC.deallocate()
    sideVotes.deallocate()
    touched.deallocate()
  }

  /// Appends the fired segments of `hits` to `segments`.
  func find(_ hits: ArraySlice<CDCHit>, into segments: inout [TrackSegment]) {
    let masks = self.masks, referenceTDC = self.referenceTDC, sideVotes = self.sideVotes, touched = self.touched
    var touchedCount = 0
    roles.withUnsafeBufferPointer { roles in
      hits.withUnsafeBufferPointer { hits in
      for hit in hits {
        let role = roles[Int(hit.layer)]
        guard role.firstSegment >= 0 else { continue }
        let wire = Int32(hit.wire)
        var offset = Int32(role.low)
        let high = Int32(role.high)
        let vote: Int8 = role.isNextToReference ? 1 : 0
        while offset <= high {
          var reference = wire &+ offset
          if reference < 0 { reference &+= role.wires } else if reference >= role.wires { reference &-= role.wires }
          let flat = Int(role.firstSegment &+ reference)
          let old = masks[flat]
          touched[touchedCount] = Int32(flat)
          touchedCount &+= old == 0 ? 1 : 0
          masks[flat] = old | role.bit
          // A hit half a cell away in a neighbouring layer tells the side: it lies above the
          // lower of its two reference wires and below the upper.
          sideVotes[flat] &+= offset == Int32(role.low) ? vote : 0 &- vote
          if role.isReference && offset == 0 && hit.tdc < referenceTDC[flat] { referenceTDC[flat] = hit.tdc }
          offset &+= 1
        }
      }
      }
    }
    let layouts = Self.layouts, superlayers = Self.segmentSuperlayer, bitCount = Self.bitCount, directions = Self.segmentDirections
    for flat in touched[..<touchedCount] {
      let index = Int(flat)
      let mask = masks[index], tdc = referenceTDC[index], side = sideVotes[index].signum()
      masks[index] = 0
      referenceTDC[index] = .max
      sideVotes[index] = 0
      guard bitCount[Int(mask)] >= minimumLayers else { continue }
      let layout = layouts[Int(superlayers[index])]
      let direction = directions[index]
      segments.append(TrackSegment(
        superlayer: layout.superlayer, wire: index - layout.firstSegment, phiRad: direction.phi,
        radiusCm: layout.referenceRadiusCm, cosPhi: direction.cos, sinPhi: direction.sin, layerMask: mask,
        driftCm: tdc == .max ? nil : Double(tdc) * DetectorGeometry.CDC.driftVelocityCmPerNs,
        side: side))
    }
  }

  private static let bitCount: [Int] = (0..<256).map { $0.nonzeroBitCount }
}

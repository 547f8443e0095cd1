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

  // Per-event scratch over the 2336 segments: layer masks, the event that last touched each,
  // and the segments touched this event.
  private var masks = [UInt8](repeating: 0, count: DetectorGeometry.CDC.trackSegmentCount)
  /// Sum of the sides (−1/+1) on which the next layers' hits lie.
  private var sideVotes = [Int8](repeating: 0, count: DetectorGeometry.CDC.trackSegmentCount)
  /// TDC of the reference wire's own hit (UInt16.max: none).
  private var referenceTDC = [UInt16](repeating: .max, count: DetectorGeometry.CDC.trackSegmentCount)
  private var stamps = [UInt32](repeating: 0, count: DetectorGeometry.CDC.trackSegmentCount)
  private var touched: [Int32] = []
  private var stamp: UInt32 = 0
  /// For each layer: its superlayer's layout index and its position 0…4 in the segment (−1: unused).
  private let layerRole: [(superlayer: Int, position: Int)] = (0..<DetectorGeometry.CDC.layerCount).map { layer in
    let superlayer = DetectorGeometry.CDC.superlayer(ofLayer: layer)
    let position = layer - TrackSegmentFinder.layouts[superlayer].firstLayer
    return (superlayer, (0..<5).contains(position) ? position : -1)
  }

  /// Appends the fired segments of `hits` to `segments`.
  func find(_ hits: ArraySlice<CDCHit>, into segments: inout [TrackSegment]) {
    stamp &+= 1
    if stamp == 0 {
      for index in stamps.indices { stamps[index] = 0 }
      stamp = 1
    }
    touched.removeAll(keepingCapacity: true)
    let layouts = Self.layouts, roles = layerRole
    masks.withUnsafeMutableBufferPointer { masks in
      referenceTDC.withUnsafeMutableBufferPointer { referenceTDC in
      sideVotes.withUnsafeMutableBufferPointer { sideVotes in
      stamps.withUnsafeMutableBufferPointer { stamps in
        for hit in hits {
          let layer = Int(hit.layer)
          let role = roles[layer]
          guard role.position >= 0 else { continue }
          let layout = layouts[role.superlayer]
          let distance = abs(role.position - 2)
          // Hit position in reference-wire units (layers of a superlayer differ only in stagger).
          let position = Double(hit.wire) + Double((layer & 1) - (layout.referenceLayer & 1)) * 0.5
          let halfWidth = 0.5 + 0.5 * Double(distance) + 1e-6
          var low = Int((position - halfWidth).rounded(.up))
          let high = Int((position + halfWidth).rounded(.down))
          let bit = UInt8(1 << role.position)
          while low <= high {
            var wire = low % layout.wires
            if wire < 0 { wire += layout.wires }
            let flat = layout.firstSegment + wire
            if stamps[flat] != stamp {
              stamps[flat] = stamp
              masks[flat] = 0
              referenceTDC[flat] = .max
              sideVotes[flat] = 0
              touched.append(Int32(flat))
            }
            masks[flat] |= bit
            if role.position == 2 && wire == Int(hit.wire) { referenceTDC[flat] = min(referenceTDC[flat], hit.tdc) }
            if distance == 1 { sideVotes[flat] &+= position > Double(low) ? 1 : -1 }
            low += 1
          }
        }
      }
      }
      }
    }
    for flat in touched {
      let mask = masks[Int(flat)]
      guard mask.nonzeroBitCount >= minimumLayers else { continue }
      let superlayer = layouts.lastIndex { $0.firstSegment <= Int(flat) }!
      let layout = layouts[superlayer]
      let wire = Int(flat) - layout.firstSegment
      segments.append(TrackSegment(
        superlayer: superlayer, wire: wire,
        phiRad: DetectorGeometry.CDC.wirePhiRad(layer: layout.referenceLayer, wire: wire, wiresInLayer: layout.wires),
        radiusCm: layout.referenceRadiusCm, layerMask: mask,
        driftCm: referenceTDC[Int(flat)] == .max ? nil : Double(referenceTDC[Int(flat)]) * DetectorGeometry.CDC.driftVelocityCmPerNs,
        side: sideVotes[Int(flat)].signum()))
    }
  }
}

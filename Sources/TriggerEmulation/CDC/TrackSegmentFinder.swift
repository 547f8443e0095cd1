import Foundation
import TriggerEvents

/// The CDC track-segment finder: one segment per wire of each superlayer's reference layer,
/// firing when at least four of its five layers have a hit inside an hourglass-shaped
/// window around the reference wire (PHYSICS.md, "Detector numbers": the firmware uses a
/// lookup table of hit patterns; this is its simplified equivalent).
///
/// Each fired segment carries the drift distance of its reference wire's own hit and the side of
/// the wire the track passed (from the hits half a cell away in the next layers), as the
/// firmware's left/right lookup does; the fitters use both.
///
/// Simplifications: superlayers 1–8 use their first five layers with the third as reference;
/// superlayer 0 uses layers 3–7 with layer 5 as reference; the window is one cell in the
/// reference layer, two in the layers next to it and three two layers away (the hourglass), so
/// tracks above ≈ 0.3 GeV fit.
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

  /// One of the five layers of a superlayer's segments, precomputed for the window loop.
  private struct WindowLayer {
    /// First word of the layer in the wire bitset.
    var wordOffset: Int
    /// +1 when the layer sits half a cell up from the reference layer, −1 down, 0 in step with it.
    var stagger: Int
    /// All ones when the window takes the wire below (bit w takes wire w − 1: the layer is
    /// staggered up), else zero; likewise for the wire above.
    var takeBelow: UInt64 { stagger > 0 ? ~0 : 0 }
    var takeAbove: UInt64 { stagger < 0 ? ~0 : 0 }
  }

  /// Where one of the 56 layers' wires start in the scratch: `word` in the wire bitset; `tdc` in
  /// `earliestTDC`, the segment numbering for reference layers and one of four scratch rows past
  /// the end for all others (so the hit loop needs no branch), by layer mod 4: a track's hits in
  /// consecutive layers, on the same wire number, then land in different rows, and the loop does
  /// not wait for one hit's store before the next hit's load. One load per hit for both.
  private struct LayerOffsets {
    var word: Int32
    var tdc: Int32
  }

  // Per-layer tables (56 layers) and per-segment-layer tables (9 × 5), built once per finder.
  private let layerOffsets: UnsafeMutablePointer<LayerOffsets>
  private let windowLayers: UnsafeMutablePointer<WindowLayer>
  private let bitsetWords: Int
  /// Azimuth of each of the 2336 segments' reference wire with its cosine and sine.
  private let directions: UnsafeMutablePointer<(phi: Double, cos: Double, sin: Double)>

  // Scratch: one bit per wire (all layers); the earliest TDC of each reference wire this event.
  private let bits: UnsafeMutablePointer<UInt64>
  private let earliestTDC: UnsafeMutablePointer<UInt16>
  /// Wires in the largest layer: the length of a scratch row.
  private static let maximumWires = DetectorGeometry.CDC.wiresPerLayerBySuperlayer.max()!

  init() {
    let cdc = DetectorGeometry.CDC.self
    layerOffsets = .allocate(capacity: cdc.layerCount)
    var words = 0
    for layer in 0..<cdc.layerCount {
      let layout = Self.layouts[cdc.superlayer(ofLayer: layer)]
      layerOffsets[layer] = LayerOffsets(
        word: Int32(words),
        tdc: Int32(layer == layout.referenceLayer ? layout.firstSegment : cdc.trackSegmentCount + (layer & 3) * Self.maximumWires))
      words += (Int(cdc.wiresPerLayer[layer]) + 63) / 64
    }
    bitsetWords = words
    bits = .allocate(capacity: words)
    bits.initialize(repeating: 0, count: words)
    // The reference wires (the segment numbering), then the four scratch rows.
    let tdcEntries = cdc.trackSegmentCount + 4 * Self.maximumWires
    earliestTDC = .allocate(capacity: tdcEntries)
    earliestTDC.initialize(repeating: .max, count: tdcEntries)

    windowLayers = .allocate(capacity: Self.layouts.count * 5)
    for layout in Self.layouts {
      for position in 0..<5 {
        let layer = layout.firstLayer + position
        // Hit position in reference-wire units is wire + stagger (0 or ±½): the reference wires
        // a hit serves run from ⌈stagger − width⌉ to ⌊stagger + width⌋ around it, width being
        // ½ cell in the reference layer, 1 next to it and 1½ two layers away (the hourglass).
        let stagger = (layer & 1) - (layout.referenceLayer & 1)
        let width = 0.5 + 0.5 * Double(abs(position - 2)) + 1e-6
        let low = Int((Double(stagger) * 0.5 - width).rounded(.up)), high = Int((Double(stagger) * 0.5 + width).rounded(.down))
        // The loop in `find` hard-codes these offsets (wire w takes hit wire w − offset).
        let assumed = position == 2 ? [0] : (position % 4 == 0 ? [-1, 0, 1] : (stagger > 0 ? [0, 1] : [-1, 0]))
        precondition(Array(low...high) == assumed, "the segment window must be the hourglass the finder's loop assumes")
        windowLayers[layout.superlayer * 5 + position] = WindowLayer(wordOffset: Int(layerOffsets[layer].word), stagger: stagger)
      }
    }
    directions = .allocate(capacity: cdc.trackSegmentCount)
    for layout in Self.layouts {
      for wire in 0..<layout.wires {
        let phi = cdc.wirePhiRad(layer: layout.referenceLayer, wire: wire, wiresInLayer: layout.wires)
        directions[layout.firstSegment + wire] = (phi, cos(phi), sin(phi))
      }
    }
  }

  deinit {
    layerOffsets.deallocate()
    windowLayers.deallocate()
    directions.deallocate()
    bits.deallocate()
    earliestTDC.deallocate()
  }

  /// Appends the fired segments of `hits` to `segments`.
  ///
  /// Bit-parallel, as a lookup-table firmware works on wire patterns: every layer's hits become
  /// a bitset; a segment layer's window is its bitset OR'ed with its ring shifted by one wire
  /// (the hourglass: the wire itself in the reference layer, the two half-cell neighbours one
  /// layer away, three wires two layers away); "hits in at least 4 of 5 layers" is then a few
  /// ANDs and ORs per 64 reference wires.
  func find(_ hits: ArraySlice<CDCHit>, into segments: inout [TrackSegment]) {
    let bits = self.bits, earliestTDC = self.earliestTDC, layerOffsets = self.layerOffsets
    bits.update(repeating: 0, count: bitsetWords)
    hits.withUnsafeBufferPointer { hits in
      for hit in hits {
        let offsets = layerOffsets[Int(hit.layer)], wire = Int(hit.wire)
        bits[Int(offsets.word) &+ (wire &>> 6)] |= 1 &<< UInt64(wire & 63)
        // The earlier TDC, without a branch: the difference's sign bit selects it.
        let slot = Int(offsets.tdc) &+ wire, earliest = Int32(earliestTDC[slot])
        let difference = Int32(hit.tdc) &- earliest
        earliestTDC[slot] = UInt16(truncatingIfNeeded: earliest &+ (difference & (difference &>> 31)))
      }
    }
    for layout in Self.layouts {
      let n = layout.wires, words = (n &+ 63) &>> 6
      let lastMask: UInt64 = n & 63 == 0 ? ~0 : (1 &<< UInt64(n & 63)) &- 1
      let lastShift = UInt64((n &- 1) & 63)
      let layers = windowLayers + layout.superlayer &* 5
      // The hourglass, by position: two layers away, the wire and both neighbours; next to the
      // reference, the wire and the neighbour on the side the layer is staggered to; in the
      // reference layer, the wire itself (checked in `init`).
      let s0 = bits + layers[0].wordOffset, s1 = bits + layers[1].wordOffset, s2 = bits + layers[2].wordOffset
      let s3 = bits + layers[3].wordOffset, s4 = bits + layers[4].wordOffset
      let below1 = layers[1].takeBelow, above1 = layers[1].takeAbove, below3 = layers[3].takeBelow, above3 = layers[3].takeAbove
      /// Word `j` of a layer's ring shifted by one wire either way: bit w holding wire w − 1
      /// (`below`) and wire w + 1 (`above`).
      @inline(__always) func shifted(_ source: UnsafeMutablePointer<UInt64>, _ j: Int) -> (value: UInt64, below: UInt64, above: UInt64) {
        let value = source[j]
        let previous = j > 0 ? source[j &- 1] &>> 63 : (source[words &- 1] &>> lastShift) & 1
        let next = j &+ 1 < words ? (source[j &+ 1] & 1) &<< 63 : (source[0] & 1) &<< lastShift
        return (value, (value &<< 1) | previous, (value &>> 1) | next)
      }
      for j in 0..<words {
        let l0 = shifted(s0, j), l1 = shifted(s1, j), l3 = shifted(s3, j), l4 = shifted(s4, j)
        let last = j &+ 1 == words ? lastMask : ~0
        let a = (l0.value | l0.below | l0.above) & last
        let b = (l1.value | (l1.below & below1) | (l1.above & above1)) & last
        let c = s2[j]
        let d = (l3.value | (l3.below & below3) | (l3.above & above3)) & last
        let e = (l4.value | l4.below | l4.above) & last
        // At least four of the five layers (the firmware's requirement).
        let ab = a & b, cd = c & d
        var fired = (ab & cd) | (e & ((ab & (c | d)) | (cd & (a | b))))
        // Side: hits in the two layers next to the reference, half a cell above (larger φ) or
        // below the reference wire: for a layer staggered up, its wire w and w − 1; down, w + 1 and w.
        let up1 = (l1.value & below1) | (l1.above & above1), down1 = (l1.below & below1) | (l1.value & above1)
        let up3 = (l3.value & below3) | (l3.above & above3), down3 = (l3.below & below3) | (l3.value & above3)
        while fired != 0 {
          let bitIndex = UInt64(fired.trailingZeroBitCount)
          fired &= fired &- 1
          let wire = j &* 64 &+ Int(bitIndex)
          let mask = UInt8(truncatingIfNeeded: (a &>> bitIndex) & 1 | ((b &>> bitIndex) & 1) &<< 1 | ((c &>> bitIndex) & 1) &<< 2
            | ((d &>> bitIndex) & 1) &<< 3 | ((e &>> bitIndex) & 1) &<< 4)
          let votes = Int((up1 &>> bitIndex) & 1) &+ Int((up3 &>> bitIndex) & 1) &- Int((down1 &>> bitIndex) & 1)
            &- Int((down3 &>> bitIndex) & 1)
          let flat = layout.firstSegment &+ wire
          let tdc = earliestTDC[flat]
          let direction = directions[flat]
          segments.append(TrackSegment(
            superlayer: layout.superlayer, wire: wire, phiRad: direction.phi, radiusCm: layout.referenceRadiusCm,
            cosPhi: direction.cos, sinPhi: direction.sin, layerMask: mask,
            driftCm: tdc == .max ? nil : Double(tdc) * DetectorGeometry.CDC.driftVelocityCmPerNs,
            side: Int8(votes.signum())))
        }
      }
    }
    // Only the reference layers' entries are read; the scratch rows need no reset.
    earliestTDC.update(repeating: .max, count: DetectorGeometry.CDC.trackSegmentCount)
  }

}

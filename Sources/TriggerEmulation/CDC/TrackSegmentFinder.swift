import Foundation
import TriggerEvents
import TriggerKernels

/// The CDC track-segment finder: one segment per wire of each superlayer's reference layer,
/// firing when at least four of its five layers have a hit inside an hourglass-shaped
/// window around the reference wire (docs/physics.md, "Detector numbers": the firmware uses a
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

  /// Where one of the 56 layers' wires start in the scratch: `word` in the wire bitset (for a
  /// segment layer, its place in its position's plane of `segmentLayout`, stored one bit up: bit
  /// k is wire k − 1; for the three layers of superlayer 0 outside its segments, a junk area);
  /// `tdc` in `earliestTDC`, the segment numbering for reference layers and one of four scratch
  /// rows past the end for all others (so the hit loop needs no branch), by layer mod 4: a track's
  /// hits in consecutive layers, on the same wire number, then land in different rows, and the
  /// loop does not wait for one hit's store before the next hit's load. One load per hit for both.
  private struct LayerOffsets {
    var word: Int32
    var tdc: Int32
  }

  private let layerOffsets: UnsafeMutablePointer<LayerOffsets>
  /// Where `trigemu_find_segments` finds each superlayer's segment layers, built once.
  private let segmentLayout: UnsafeMutablePointer<trigemu_segment_layout>
  /// Azimuth of each of the 2336 segments' reference wire with its cosine and sine.
  private let directions: UnsafeMutablePointer<(phi: Double, cos: Double, sin: Double)>

  // Scratch: one bit per wire (the five segment positions' planes, then the junk area); the
  // earliest TDC of each reference wire this event; the kernel's segments.
  private let bits: UnsafeMutablePointer<UInt64>
  private let earliestTDC: UnsafeMutablePointer<UInt16>
  private let found: UnsafeMutablePointer<trigemu_segment>
  /// The event's segments as built, before they are appended to the caller's list.
  private let built: UnsafeMutablePointer<TrackSegment>
  /// Wires in the largest layer: the length of a scratch row.
  private static let maximumWires = DetectorGeometry.CDC.wiresPerLayerBySuperlayer.max()!
  private static let planeWords = Int(TRIGEMU_SEGMENT_PLANE_WORDS)
  /// The five planes and a junk area as large as a layer.
  private static let bitsetWords = 5 * planeWords + (maximumWires + 63) / 64 + 1

  init() {
    let cdc = DetectorGeometry.CDC.self
    var staggers: [[Int8]] = [[], []]
    for layout in Self.layouts {
      for position in 0..<5 {
        let layer = layout.firstLayer + position
        // Hit position in reference-wire units is wire + stagger (0 or ±½): the reference wires
        // a hit serves run from ⌈stagger − width⌉ to ⌊stagger + width⌋ around it, width being
        // ½ cell in the reference layer, 1 next to it and 1½ two layers away (the hourglass).
        let stagger = (layer & 1) - (layout.referenceLayer & 1)
        let width = 0.5 + 0.5 * Double(abs(position - 2)) + 1e-6
        let low = Int((Double(stagger) * 0.5 - width).rounded(.up)), high = Int((Double(stagger) * 0.5 + width).rounded(.down))
        // The kernel hard-codes these offsets (wire w takes hit wire w − offset).
        let assumed = position == 2 ? [0] : (position % 4 == 0 ? [-1, 0, 1] : (stagger > 0 ? [0, 1] : [-1, 0]))
        precondition(Array(low...high) == assumed, "the segment window must be the hourglass the kernel assumes")
        if position == 1 || position == 3 { staggers[position / 2].append(Int8(stagger)) }
      }
    }
    segmentLayout = .allocate(capacity: 1)
    let wires = Self.layouts.map { UInt16($0.wires) }
    let fits = trigemu_segment_layout_init(segmentLayout, Self.layouts.count, wires, staggers[0], staggers[1]) == 0
    precondition(fits, "the segment planes must hold every superlayer")
    let firstWords = withUnsafeBytes(of: segmentLayout.pointee.first_word) { Array($0.bindMemory(to: UInt16.self)) }

    layerOffsets = .allocate(capacity: cdc.layerCount)
    for layer in 0..<cdc.layerCount {
      let layout = Self.layouts[cdc.superlayer(ofLayer: layer)], position = layer - layout.firstLayer
      let word = (0..<5).contains(position) ? position * Self.planeWords + Int(firstWords[layout.superlayer]) : 5 * Self.planeWords
      layerOffsets[layer] = LayerOffsets(
        word: Int32(word),
        tdc: Int32(layer == layout.referenceLayer ? layout.firstSegment : cdc.trackSegmentCount + (layer & 3) * Self.maximumWires))
    }
    bits = .allocate(capacity: Self.bitsetWords)
    bits.initialize(repeating: 0, count: Self.bitsetWords)
    // The reference wires (the segment numbering), then the four scratch rows.
    let tdcEntries = cdc.trackSegmentCount + 4 * Self.maximumWires
    earliestTDC = .allocate(capacity: tdcEntries)
    earliestTDC.initialize(repeating: .max, count: tdcEntries)
    found = .allocate(capacity: cdc.trackSegmentCount)
    built = .allocate(capacity: cdc.trackSegmentCount)
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
    segmentLayout.deallocate()
    directions.deallocate()
    bits.deallocate()
    earliestTDC.deallocate()
    found.deallocate()
    built.deallocate()
  }

  /// Appends the fired segments of `hits` to `segments`.
  ///
  /// Bit-parallel, as a lookup-table firmware works on wire patterns: every layer's hits become
  /// a bitset; `trigemu_find_segments` ORs each segment layer's bitset with its ring shifted by one
  /// wire (the hourglass: the wire itself in the reference layer, the two half-cell neighbours one
  /// layer away, three wires two layers away), and "hits in at least 4 of 5 layers" is then a few
  /// ANDs and ORs per 64 reference wires.
  func find(_ hits: ArraySlice<CDCHit>, into segments: inout [TrackSegment]) {
    // The planes are zero here: zeroed when allocated, then cleared by the kernel as it reads them
    // (the words of layers outside the five segment positions are written, never read).
    let bits = self.bits, earliestTDC = self.earliestTDC, layerOffsets = self.layerOffsets
    hits.withUnsafeBufferPointer { hits in
      for hit in hits {
        // Wire w at bit w + 1 of its layer (the kernel's layout).
        let offsets = layerOffsets[Int(hit.layer)], wire = Int(hit.wire), bit = wire &+ 1
        bits[Int(offsets.word) &+ (bit &>> 6)] |= 1 &<< UInt64(bit & 63)
        // The earlier TDC, without a branch: the difference's sign bit selects it.
        let slot = Int(offsets.tdc) &+ wire, earliest = Int32(earliestTDC[slot])
        let difference = Int32(hit.tdc) &- earliest
        earliestTDC[slot] = UInt16(truncatingIfNeeded: earliest &+ (difference & (difference &>> 31)))
      }
    }
    let count = trigemu_find_segments(segmentLayout, bits, found)
    // Built in the scratch, then appended at once (no capacity or uniqueness check per segment).
    let built = self.built
    Self.layouts.withUnsafeBufferPointer { layouts in
      for index in 0..<count {
        let segment = found[index], wire = Int(segment.wire), layout = layouts[Int(segment.superlayer)]
        let flat = layout.firstSegment &+ wire
        let tdc = earliestTDC[flat]
        let direction = directions[flat]
        (built + index).initialize(to: TrackSegment(
          superlayer: layout.superlayer, wire: wire, phiRad: direction.phi, radiusCm: layout.referenceRadiusCm,
          cosPhi: direction.cos, sinPhi: direction.sin, layerMask: segment.layer_mask,
          driftCm: tdc == .max ? nil : Double(tdc) * DetectorGeometry.CDC.driftVelocityCmPerNs,
          side: segment.side))
      }
    }
    segments.append(contentsOf: UnsafeBufferPointer(start: built, count: count))
    // Only the reference layers' entries are read; the scratch rows need no reset.
    earliestTDC.update(repeating: .max, count: DetectorGeometry.CDC.trackSegmentCount)
  }

}

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

  /// First word of each layer in the flat wire bitset, and words per layer.
  static let layerWordOffset: [Int] = {
    var offset = 0
    return (0..<DetectorGeometry.CDC.layerCount).map { layer in
      defer { offset += (Int(DetectorGeometry.CDC.wiresPerLayer[layer]) + 63) / 64 }
      return offset
    }
  }()
  static let bitsetWords = (0..<DetectorGeometry.CDC.layerCount).reduce(0) { $0 + (Int(DetectorGeometry.CDC.wiresPerLayer[$1]) + 63) / 64 }

  /// Azimuth of each of the 2336 segments' reference wire with its cosine and sine.
  static let segmentDirections: [(phi: Double, cos: Double, sin: Double)] = layouts.flatMap { layout in
    (0..<layout.wires).map { wire in
      let phi = DetectorGeometry.CDC.wirePhiRad(layer: layout.referenceLayer, wire: wire, wiresInLayer: layout.wires)
      return (phi, cos(phi), sin(phi))
    }
  }

  // Scratch: one bit per wire (all layers), and the TDC of each reference-layer wire hit this
  // event (indexed by segment; reset through the list of reference hits).
  private let bits = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: TrackSegmentFinder.bitsetWords)
  private let referenceTDC = UnsafeMutableBufferPointer<UInt16>.allocate(capacity: DetectorGeometry.CDC.trackSegmentCount)
  private let referenceHits = UnsafeMutableBufferPointer<Int32>.allocate(capacity: DetectorGeometry.CDC.trackSegmentCount)
  /// Per-layer window bitsets of the superlayer being evaluated (5 layers × up to 6 words).
  private let windows = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 5 * 6)
  private let layerWordOffset = TrackSegmentFinder.layerWordOffset

  init() {
    bits.initialize(repeating: 0)
    referenceTDC.initialize(repeating: .max)
    windows.initialize(repeating: 0)
  }

  deinit {
    bits.deallocate()
    referenceTDC.deallocate()
    windows.deallocate()
    referenceHits.deallocate()
  }

  /// Bit `i` of the ring of `n` bits in `words`.
  @inline(__always)
  private static func bit(_ words: UnsafeMutablePointer<UInt64>, _ i: Int, _ n: Int) -> UInt64 {
    let j = i < 0 ? i + n : (i >= n ? i - n : i)
    return (words[j >> 6] >> UInt64(j & 63)) & 1
  }

  /// Appends the fired segments of `hits` to `segments`.
  ///
  /// Bit-parallel, as a lookup-table firmware works on wire patterns: every layer's hits become
  /// a bitset; a segment layer's window is its bitset OR'ed with its ring shifted by one wire
  /// (the hourglass: the wire itself in the reference layer, the two half-cell neighbours one
  /// layer away, three wires two layers away); "hits in at least 4 of 5 layers" is then five
  /// 4-way ANDs per 64 reference wires.
  func find(_ hits: ArraySlice<CDCHit>, into segments: inout [TrackSegment]) {
    let bits = self.bits, referenceTDC = self.referenceTDC, offsets = layerWordOffset
    bits.update(repeating: 0)
    let referenceHits = self.referenceHits
    var referenceCount = 0
    let layouts = Self.layouts
    hits.withUnsafeBufferPointer { hits in
      for hit in hits {
        let layer = Int(hit.layer), wire = Int(hit.wire)
        bits[offsets[layer] + (wire >> 6)] |= 1 << UInt64(wire & 63)
        let superlayer = DetectorGeometry.CDC.superlayer(ofLayer: layer)
        if layer == layouts[superlayer].referenceLayer {
          let flat = layouts[superlayer].firstSegment + wire
          if referenceTDC[flat] == .max {
            referenceHits[referenceCount] = Int32(flat)
            referenceCount += 1
          }
          referenceTDC[flat] = min(referenceTDC[flat], hit.tdc)
        }
      }
    }
    let base = bits.baseAddress!, window = windows.baseAddress!
    let directions = Self.segmentDirections
    for layout in layouts {
      let n = layout.wires, words = (n + 63) / 64
      let lastMask: UInt64 = n % 64 == 0 ? ~0 : (1 << UInt64(n % 64)) - 1
      var anyHits: UInt64 = 0
      for position in 0..<5 {
        let layer = layout.firstLayer + position
        let source = base + offsets[layer]
        // Hit position in reference-wire units is wire + stagger (0 or ±½): the reference wires
        // a hit serves run from ⌈stagger − width⌉ to ⌊stagger + width⌋ around it.
        let stagger = Double((layer & 1) - (layout.referenceLayer & 1)) * 0.5
        let width = 0.5 + 0.5 * Double(abs(position - 2)) + 1e-6
        let low = Int((stagger - width).rounded(.up)), high = Int((stagger + width).rounded(.down))
        // Reference wire w fires on hit wire w − o for each offset o in low…high (−1, 0 or +1):
        // the window is the layer's ring of bits, OR'ed with it shifted up (o = +1: bit w takes
        // wire w − 1) and/or down (o = −1: bit w takes wire w + 1), around the ring.
        let out = window + position * 6
        let takeSelf = low <= 0 && 0 <= high, takeUp = low <= 1 && 1 <= high, takeDown = low <= -1 && -1 <= high
        for j in 0..<words {
          let value = source[j]
          var result: UInt64 = takeSelf ? value : 0
          if takeUp {
            let carry = j > 0 ? source[j - 1] >> 63 : Self.bit(source, n - 1, n)
            result |= (value << 1) | carry
          }
          if takeDown {
            let carry: UInt64
            if j + 1 < words {
              carry = (source[j + 1] & 1) << 63
            } else {
              carry = Self.bit(source, 0, n) << UInt64((n - 1) & 63)  // wire 0 feeds the last wire
            }
            result |= (value >> 1) | carry
          }
          out[j] = j + 1 == words ? result & lastMask : result
          anyHits |= out[j]
        }
      }
      guard anyHits != 0 else { continue }
      for j in 0..<words {
        let a = window[j], b = window[6 + j], c = window[12 + j], d = window[18 + j], e = window[24 + j]
        // At least four of the five layers (the firmware's requirement).
        var fired = (b & c & d & e) | (a & c & d & e) | (a & b & d & e) | (a & b & c & e) | (a & b & c & d)
        while fired != 0 {
          let bitIndex = fired.trailingZeroBitCount
          fired &= fired - 1
          let wire = j * 64 + bitIndex
          var mask: UInt8 = 0
          for position in 0..<5 where (window[position * 6 + j] >> UInt64(bitIndex)) & 1 != 0 { mask |= 1 << position }
          // Side: hits in the two layers next to the reference, half a cell above or below.
          var votes = 0
          for position in stride(from: 1, through: 3, by: 2) {
            let layer = layout.firstLayer + position
            let source = base + offsets[layer]
            let stagger = (layer & 1) - (layout.referenceLayer & 1)  // +1: the layer sits half a cell up
            let above = stagger > 0 ? wire : wire + 1, below = stagger > 0 ? wire - 1 : wire
            votes += Int(Self.bit(source, above, n)) - Int(Self.bit(source, below, n))
          }
          let flat = layout.firstSegment + wire
          let tdc = referenceTDC[flat]
          let direction = directions[flat]
          segments.append(TrackSegment(
            superlayer: layout.superlayer, wire: wire, phiRad: direction.phi, radiusCm: layout.referenceRadiusCm,
            cosPhi: direction.cos, sinPhi: direction.sin, layerMask: mask,
            driftCm: tdc == .max ? nil : Double(tdc) * DetectorGeometry.CDC.driftVelocityCmPerNs,
            side: Int8(votes.signum())))
        }
      }
    }
    for flat in referenceHits[..<referenceCount] { referenceTDC[Int(flat)] = .max }
  }

}

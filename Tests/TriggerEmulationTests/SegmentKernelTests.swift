import Testing
import TriggerEvents
import TriggerKernels
import TriggerSupport

/// The segment finder's kernel (`trigemu_find_segments`): the hourglass window around each
/// reference wire, four of five layers, the side of the wire, and the ring's wrap at wire 0.
@Suite struct SegmentKernelTests {
  /// The CDC's superlayers, with the second and fourth segment layers alternately half a cell up
  /// and down (both cases in one layout).
  static let wires = DetectorGeometry.CDC.wiresPerLayerBySuperlayer.map { UInt16($0) }
  static let stagger1: [Int8] = (0..<9).map { $0 % 2 == 0 ? 1 : -1 }
  static let stagger3: [Int8] = (0..<9).map { $0 % 3 == 0 ? -1 : 1 }

  /// A fired segment as the kernel reports it.
  struct Segment: Equatable, CustomStringConvertible {
    var superlayer: Int, wire: Int, layerMask: UInt8, side: Int8
    var description: String { "SL\(superlayer) wire \(wire) mask \(String(layerMask, radix: 2)) side \(side)" }
  }

  /// `hits[superlayer][position]` lists the hit wires of each of the five layers. Runs the
  /// dispatched kernel (AVX2 where the CPU has it) and the portable one; both must agree.
  static func kernelSegments(_ hits: [[[Int]]]) -> [Segment] {
    var layout = trigemu_segment_layout()
    _ = trigemu_segment_layout_init(&layout, 9, wires, stagger1, stagger3)
    let firstWords = withUnsafeBytes(of: layout.first_word) { Array($0.bindMemory(to: UInt16.self)) }
    var results: [[Segment]] = []
    for portable in [false, true] {
      let planeWords = Int(TRIGEMU_SEGMENT_PLANE_WORDS)
      var planes = [UInt64](repeating: 0, count: 5 * planeWords)
      for (superlayer, layers) in hits.enumerated() {
        for (position, layer) in layers.enumerated() {
          for wire in layer {
            let bit = wire + 1
            planes[position * planeWords + Int(firstWords[superlayer]) + bit / 64] |= 1 << UInt64(bit % 64)
          }
        }
      }
      var found = [trigemu_segment](repeating: trigemu_segment(), count: DetectorGeometry.CDC.trackSegmentCount)
      let count = portable ? trigemu_find_segments_portable(&layout, &planes, &found) : trigemu_find_segments(&layout, &planes, &found)
      #expect(planes.allSatisfy { $0 == 0 }, "the kernel leaves the planes cleared for the next event (portable: \(portable))")
      results.append(found[..<count].map { Segment(superlayer: Int($0.superlayer), wire: Int($0.wire), layerMask: $0.layer_mask, side: $0.side) })
    }
    #expect(results[0] == results[1], "the AVX2 and portable kernels differ")
    return results[0]
  }

  /// The definition, wire by wire: reference wire w takes hit wires w − 1, w, w + 1 two layers
  /// away; w and w − 1 (layer half a cell up) or w + 1 and w (down) next to the reference; w in
  /// the reference layer. Fires with hits in at least four layers; the side is the sign of the
  /// hits half a cell above minus those half a cell below in the two layers next to the reference.
  static func definitionSegments(_ hits: [[[Int]]]) -> [Segment] {
    var segments: [Segment] = []
    for superlayer in 0..<9 {
      let n = Int(wires[superlayer])
      let sets = hits[superlayer].map(Set.init)
      func hit(_ position: Int, _ wire: Int) -> Bool { sets[position].contains((wire + n) % n) }
      for w in 0..<n {
        var mask: UInt8 = 0, votes = 0
        for position in 0..<5 {
          let taken: [Int]
          switch position {
          case 2: taken = [w]
          case 0, 4: taken = [w - 1, w, w + 1]
          default:
            let up = (position == 1 ? stagger1 : stagger3)[superlayer] > 0
            // Up: wire w sits at w + ½ (above), w − 1 at w − ½ (below); down: w + 1 above, w below.
            let above = up ? w : w + 1, below = up ? w - 1 : w
            taken = [above, below]
            votes += (hit(position, above) ? 1 : 0) - (hit(position, below) ? 1 : 0)
          }
          if taken.contains(where: { hit(position, $0) }) { mask |= 1 << UInt8(position) }
        }
        if mask.nonzeroBitCount >= 4 { segments.append(Segment(superlayer: superlayer, wire: w, layerMask: mask, side: Int8(votes.signum()))) }
      }
    }
    return segments
  }

  static func noHits() -> [[[Int]]] { Array(repeating: Array(repeating: [], count: 5), count: 9) }

  @Test func aStraightTrackFiresItsWireAndTheSideOfItsHits() {
    // Superlayer 2 (layers 1 and 3 half a cell up): wire 100 in every layer.
    var hits = Self.noHits()
    hits[2] = Array(repeating: [100], count: 5)
    let segments = Self.kernelSegments(hits)
    #expect(segments.contains(Segment(superlayer: 2, wire: 100, layerMask: 0b11111, side: 1)))
    #expect(segments == Self.definitionSegments(hits))
  }

  @Test func theWindowWrapsAroundTheRingAtWireZero() {
    // Superlayer 0 (160 wires): hits on wire 159 two layers away serve reference wire 0;
    // superlayer 1: wire 0 two layers away and next to the reference (its second layer sits half
    // a cell down) serves reference wire 159.
    var hits = Self.noHits()
    hits[0] = [[159], [0], [0], [0], [159]]
    hits[1] = [[0], [0], [159], [158], [0]]
    let segments = Self.kernelSegments(hits)
    #expect(segments.contains { $0.superlayer == 0 && $0.wire == 0 && $0.layerMask == 0b11111 })
    #expect(segments.contains { $0.superlayer == 1 && $0.wire == 159 && $0.layerMask == 0b11111 })
    #expect(segments == Self.definitionSegments(hits))
  }

  @Test func threeLayersAreNotEnough() {
    var hits = Self.noHits()
    hits[5] = [[50], [], [50], [], [50]]
    #expect(Self.kernelSegments(hits).isEmpty)
  }

  @Test func randomHitsGiveTheSegmentsOfTheDefinition() {
    var random = SplitMix64(seed: 7)
    for trial in 0..<40 {
      // Sparse to dense, and some hits always on the ring's ends.
      let density = [0.02, 0.1, 0.3, 0.6][trial % 4]
      var hits = Self.noHits()
      for superlayer in 0..<9 {
        let n = Int(Self.wires[superlayer])
        for position in 0..<5 {
          hits[superlayer][position] = (0..<n).filter { _ in Double.random(in: 0..<1, using: &random) < density } + [0, n - 1].filter { _ in Bool.random(using: &random) }
        }
      }
      let kernel = Self.kernelSegments(hits), definition = Self.definitionSegments(hits)
      #expect(kernel == definition, "trial \(trial) (density \(density))")
      if kernel != definition { return }
    }
  }
}

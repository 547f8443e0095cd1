import Foundation
import TriggerEvents

/// The CDC 2D Hough finder on the five axial superlayers (PHYSICS.md, "Detector numbers"):
/// 160 φ0 cells × 34 curvature cells covering p_T ≥ 0.3 GeV of either charge; a track needs
/// segments in ≥ 4 of the 5 axial superlayers; neighbouring cells over threshold are clustered
/// into one track.
///
/// A track from the origin with azimuth φ0 and signed curvature κ = q/R passes radius r at
/// φ = φ0 − asin(rκ/2). Each segment votes for every φ0 cell its curve crosses within each
/// curvature cell, widened by half a wire cell ("band" voting: one point per cell loses ~10 %
/// of tracks to binning, DESIGN.md). The φ0 ranges are tabulated once per superlayer, wire and
/// curvature cell; the plane holds one byte per cell with a 5-bit superlayer mask, and cells are
/// flagged as candidates the moment their mask reaches four superlayers.
final class HoughFinder {
  static let phiCells = 160
  static let curvatureCells = 34
  /// |κ| limit in 1/cm: p_T = 0.003·B·R ≥ 0.3 GeV.
  static let maximumCurvaturePerCm = 0.003 * DetectorGeometry.CDC.magneticFieldTesla / 0.3
  static let phiCellRad = 2 * Double.pi / Double(phiCells)
  static let curvatureCellPerCm = 2 * maximumCurvaturePerCm / Double(curvatureCells)
  static let axialSuperlayers = [0, 2, 4, 6, 8]

  /// Superlayers needed on a track.
  var minimumSuperlayers = 4

  /// `bands[axial][wire][curvature cell]`, flattened: first φ0 cell (low byte) and count (high byte).
  private static let bands: [[UInt16]] = axialSuperlayers.map { superlayer in
    let layout = TrackSegmentFinder.layouts[superlayer]
    let r = layout.referenceRadiusCm, halfCell = Double.pi / Double(layout.wires)
    var table = [UInt16](repeating: 0, count: layout.wires * curvatureCells)
    for wire in 0..<layout.wires {
      let phi = DetectorGeometry.CDC.wirePhiRad(layer: layout.referenceLayer, wire: wire, wiresInLayer: layout.wires)
      for cell in 0..<curvatureCells {
        let low = -maximumCurvaturePerCm + Double(cell) * curvatureCellPerCm
        let high = low + curvatureCellPerCm
        let from = ((phi + asin(max(-1, min(1, r * low / 2))) - halfCell) / phiCellRad).rounded(.down)
        let to = ((phi + asin(max(-1, min(1, r * high / 2))) + halfCell) / phiCellRad).rounded(.down)
        var first = Int(from) % phiCells
        if first < 0 { first += phiCells }
        table[wire * curvatureCells + cell] = UInt16(first) | UInt16(min(phiCells, Int(to - from) + 1)) << 8
      }
    }
    return table
  }
  /// Number of set bits of a byte (`nonzeroBitCount` is not a popcount instruction on the default target).
  private static let popcount: [UInt8] = (0..<256).map { UInt8($0.nonzeroBitCount) }

  // Raw scratch buffers (no copy-on-write or exclusivity checks in the voting loop): the plane,
  // cells that reached the threshold, and a work list for clustering.
  private let plane = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: phiCells * curvatureCells)
  private let candidates = UnsafeMutableBufferPointer<Int32>.allocate(capacity: phiCells * curvatureCells)
  private let queue = UnsafeMutableBufferPointer<Int32>.allocate(capacity: phiCells * curvatureCells)
  private let cluster = UnsafeMutableBufferPointer<Int32>.allocate(capacity: phiCells * curvatureCells)
  private var candidateCount = 0

  init() { plane.initialize(repeating: 0) }

  deinit {
    plane.deallocate()
    candidates.deallocate()
    queue.deallocate()
    cluster.deallocate()
  }

  /// Appends the tracks found among `segments` to `tracks`.
  func find(_ segments: [TrackSegment], into tracks: inout [TriggerTrack]) {
    let bands = Self.bands, popcount = Self.popcount
    let phiCells = Self.phiCells, curvatureCells = Self.curvatureCells, threshold = UInt8(minimumSuperlayers)
    let plane = self.plane, candidates = self.candidates
    var candidateTotal = 0
    plane.update(repeating: 0)
    popcount.withUnsafeBufferPointer { popcount in
      for segment in segments where segment.superlayer % 2 == 0 {
        let axial = segment.superlayer / 2
        let bit = UInt8(1 << axial)
        bands[axial].withUnsafeBufferPointer { table in
          let base = segment.wire &* curvatureCells
          for cell in 0..<curvatureCells {
            let entry = table[base &+ cell]
            let first = Int(entry & 0xFF), length = Int(entry >> 8)
            let row = plane.baseAddress! + cell &* phiCells
            // The run of φ0 cells, split where it wraps: unconditional stores, and a branch only
            // on the rare moment a cell reaches the threshold.
            let straight = min(length, phiCells &- first)
            @inline(__always) func vote(_ phi: Int) {
              let old = row[phi], new = old | bit
              row[phi] = new
              if popcount[Int(new)] == threshold && old != new {
                candidates[candidateTotal] = Int32(cell &* phiCells &+ phi)
                candidateTotal &+= 1
              }
            }
            for phi in first..<(first &+ straight) { vote(phi) }
            for phi in 0..<(length &- straight) { vote(phi) }
          }
        }
      }
    }
    candidateCount = candidateTotal
    clusterCandidates(into: &tracks)
  }

  /// Groups candidate cells connected in (φ0, κ), wrapping in φ0, into one track each: the
  /// centre of the cells with the most superlayers.
  private func clusterCandidates(into tracks: inout [TriggerTrack]) {
    let phiCells = Self.phiCells, curvatureCells = Self.curvatureCells
    let visited: UInt8 = 0x80, threshold = minimumSuperlayers
    let plane = self.plane, queue = self.queue, cluster = self.cluster, popcount = Self.popcount
    for start in candidates[..<candidateCount] where plane[Int(start)] & visited == 0 {
      plane[Int(start)] |= visited
      var queued = 1, members = 0
      queue[0] = start
      var best: UInt8 = 0
      while queued > 0 {
        queued -= 1
        let cell = queue[queued]
        cluster[members] = cell
        members += 1
        best = max(best, popcount[Int(plane[Int(cell)] & 0x1F)])
        let row = Int(cell) / phiCells, phi = Int(cell) % phiCells
        for dRow in -1...1 {
          let r = row + dRow
          guard r >= 0 && r < curvatureCells else { continue }
          for dPhi in -1...1 where dRow != 0 || dPhi != 0 {
            var p = phi + dPhi
            if p < 0 { p += phiCells } else if p >= phiCells { p -= phiCells }
            let neighbour = r * phiCells + p
            let value = plane[neighbour]
            if value & visited == 0 && Int(popcount[Int(value & 0x1F)]) >= threshold {
              plane[neighbour] |= visited
              queue[queued] = Int32(neighbour)
              queued += 1
            }
          }
        }
      }
      // The peak: cells with the most superlayers; their mean position (φ unwrapped around the first).
      var sumPhi = 0.0, sumRow = 0.0, count = 0.0
      var mask: UInt8 = 0
      let reference = Int(cluster[0]) % phiCells
      for cell in cluster[..<members] where popcount[Int(plane[Int(cell)] & 0x1F)] == best {
        var phi = Int(cell) % phiCells
        if phi - reference > phiCells / 2 { phi -= phiCells } else if reference - phi > phiCells / 2 { phi += phiCells }
        sumPhi += Double(phi)
        sumRow += Double(Int(cell) / phiCells)
        count += 1
        mask |= plane[Int(cell)] & 0x1F
      }
      var phi0 = (sumPhi / count + 0.5) * Self.phiCellRad
      if phi0 > .pi { phi0 -= 2 * .pi } else if phi0 <= -.pi { phi0 += 2 * .pi }
      let curvature = -Self.maximumCurvaturePerCm + (sumRow / count + 0.5) * Self.curvatureCellPerCm
      tracks.append(TriggerTrack(phi0Rad: phi0, curvaturePerCm: curvature, axialMask: mask))
    }
  }
}

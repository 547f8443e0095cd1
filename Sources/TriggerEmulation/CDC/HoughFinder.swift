import Foundation
import TriggerEvents
import TriggerKernels

/// The CDC 2D Hough finder on the five axial superlayers (docs/physics.md, "Detector numbers"):
/// 160 φ0 cells × 34 curvature cells (coarser when a firmware model says so) covering p_T ≥ 0.3 GeV of either charge; a track needs
/// segments in ≥ 4 of the 5 axial superlayers; neighbouring cells over threshold are clustered
/// into one track.
///
/// A track from the origin with azimuth φ0 and signed curvature κ = q/R passes radius r at
/// φ = φ0 − asin(rκ/2). Each segment votes for every φ0 cell its curve crosses within each
/// curvature cell, widened by half a wire cell ("band" voting: one point per cell loses ~10 %
/// of tracks to binning, docs/design.md). The φ0 ranges are tabulated once per superlayer, wire and
/// curvature cell.
///
/// Bit-parallel, as the firmware's plane of shift registers: each axial superlayer has its own
/// plane of 34 rows × 160 bits, a vote ORs a run of bits into a row, and "≥ 4 of 5 superlayers"
/// is a few ANDs and ORs per 64 cells, with no branch per vote.
final class HoughFinder {
  /// The firmware's plane: 160 φ0 cells × 34 curvature cells (docs/physics.md).
  static let nominalPhiCells = 160
  static let nominalCurvatureCells = 34
  /// |κ| limit in 1/cm: p_T = 0.003·B·R ≥ 0.3 GeV.
  static let maximumCurvaturePerCm = 1 / (DetectorGeometry.CDC.curvatureRadiusCmPerGeV * 0.3)
  /// Width of a nominal φ0 cell, radians.
  static let nominalPhiCellRad = 2 * Double.pi / Double(nominalPhiCells)
  static let axialSuperlayers = [0, 2, 4, 6, 8]

  /// Superlayers needed on a track (the firmware's 4 of 5).
  static let minimumSuperlayers = 4
  /// Coarsest planes a firmware model may ask for (`cdc.hough_quantisation`): a vote's run must
  /// fold back onto the ring once at most.
  static let phiCellRange = 40...nominalPhiCells
  static let curvatureCellRange = 2...nominalCurvatureCells
  /// 64-bit words per row of every plane: 160 cells, and in the voting planes a spill of up to
  /// 32 past the end of the ring, before it is folded back onto cell 0. Planes are stored
  /// word-major (word k of row r at k × curvatureCells + r, as `trigemu_hough_vote` fills them),
  /// so that folding and combining run over contiguous words.
  private static let wordsPerRow = 3

  /// This finder's plane: φ0 and curvature cells (the nominal ones unless a firmware model
  /// coarsens them) and their widths.
  let phiCells: Int
  let curvatureCells: Int
  let phiCellRad: Double
  let curvatureCellPerCm: Double
  /// Words of one plane: `wordsPerRow` × `curvatureCells`.
  private let planeWords: Int

  /// The band of every axial segment in every curvature cell of the nominal plane, in one table:
  /// entry `starts[axial] + wire × curvatureCells + curvature cell` holds the first φ0 cell (low
  /// byte) and the count (high byte).
  private static let nominalBands = bands(phiCells: nominalPhiCells, curvatureCells: nominalCurvatureCells)
  private static let nominalNeighboursOverlap = neighboursOverlap(nominalBands, phiCells: nominalPhiCells, curvatureCells: nominalCurvatureCells)

  private static func bands(phiCells: Int, curvatureCells: Int) -> (table: [UInt16], starts: [Int]) {
    var table: [UInt16] = [], starts: [Int] = []
    for superlayer in axialSuperlayers {
      starts.append(table.count)
      table += bandTable(superlayer: superlayer, phiCells: phiCells, curvatureCells: curvatureCells)
    }
    return (table, starts)
  }

  /// One axial superlayer's part of the band table.
  private static func bandTable(superlayer: Int, phiCells: Int, curvatureCells: Int) -> [UInt16] {
    let layout = TrackSegmentFinder.layouts[superlayer]
    let r = layout.referenceRadiusCm, halfCell = Double.pi / Double(layout.wires)
    let phiCellRad = 2 * Double.pi / Double(phiCells), curvatureCellPerCm = 2 * maximumCurvaturePerCm / Double(curvatureCells)
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

  // Raw scratch (no copy-on-write or exclusivity checks in the voting loop): one plane per axial
  // superlayer, the cells over threshold, and the work list and members of a cluster.
  private let planes: UnsafeMutablePointer<UInt64>
  private let candidates: UnsafeMutablePointer<UInt64>
  /// The cells all five superlayers voted for (the others among the candidates have four).
  private let fives: UnsafeMutablePointer<UInt64>
  private let queue: UnsafeMutablePointer<Int32>
  private let cluster: UnsafeMutablePointer<Int32>
  /// The band table, held by the instance as a raw buffer for the voting loop.
  private let bandTable: UnsafeMutablePointer<UInt16>
  private let bandStart: [Int]

  /// A finder with `phiCells` × `curvatureCells` cells (within `phiCellRange` and
  /// `curvatureCellRange`; the nominal plane by default).
  init(phiCells: Int = HoughFinder.nominalPhiCells, curvatureCells: Int = HoughFinder.nominalCurvatureCells) {
    precondition(Self.phiCellRange.contains(phiCells) && Self.curvatureCellRange.contains(curvatureCells), "Hough plane out of range")
    self.phiCells = phiCells
    self.curvatureCells = curvatureCells
    phiCellRad = 2 * Double.pi / Double(phiCells)
    curvatureCellPerCm = 2 * Self.maximumCurvaturePerCm / Double(curvatureCells)
    planeWords = curvatureCells * Self.wordsPerRow
    planes = .allocate(capacity: 5 * planeWords)
    planes.initialize(repeating: 0, count: 5 * planeWords)
    candidates = .allocate(capacity: planeWords)
    candidates.initialize(repeating: 0, count: planeWords)
    fives = .allocate(capacity: planeWords)
    fives.initialize(repeating: 0, count: planeWords)
    queue = .allocate(capacity: phiCells * curvatureCells)
    cluster = .allocate(capacity: phiCells * curvatureCells)
    let nominal = phiCells == Self.nominalPhiCells && curvatureCells == Self.nominalCurvatureCells
    let bands = nominal ? Self.nominalBands : Self.bands(phiCells: phiCells, curvatureCells: curvatureCells)
    bandStart = bands.starts
    bandTable = .allocate(capacity: bands.table.count)
    bandTable.initialize(from: bands.table, count: bands.table.count)
    // A run must fit in the word it starts in and the next, and fold within 32 cells.
    precondition(bands.table.allSatisfy { $0 >> 8 <= 32 }, "Hough band longer than 32 φ0 cells")
    neighboursOverlap = nominal ? Self.nominalNeighboursOverlap : Self.neighboursOverlap(bands, phiCells: phiCells, curvatureCells: curvatureCells)
  }

  /// Whether, in every curvature cell, the band of each wire's right-hand neighbour starts
  /// inside the wire's band (or just past it) and ends no earlier: then the bands of a run of
  /// consecutive wires cover exactly the cells from the first one's start to the last one's end,
  /// and such a run can vote once. (True whenever a band is wider than a wire cell, as the half
  /// cell added on each side makes it; checked rather than assumed.)
  private static func neighboursOverlap(_ bands: (table: [UInt16], starts: [Int]), phiCells: Int, curvatureCells: Int) -> Bool {
    for (axial, superlayer) in axialSuperlayers.enumerated() {
      let start = bands.starts[axial]
      for wire in 0..<(TrackSegmentFinder.layouts[superlayer].wires - 1) {
        for cell in 0..<curvatureCells {
          let this = bands.table[start + wire * curvatureCells + cell], next = bands.table[start + (wire + 1) * curvatureCells + cell]
          let offset = (Int(next & 0xFF) - Int(this & 0xFF) + phiCells) % phiCells
          guard offset <= Int(this >> 8), offset + Int(next >> 8) >= Int(this >> 8) else { return false }
        }
      }
    }
    return true
  }

  /// Whether runs of segments on consecutive wires may vote once (`neighboursOverlap`).
  private let neighboursOverlap: Bool

  deinit {
    planes.deallocate()
    candidates.deallocate()
    fives.deallocate()
    queue.deallocate()
    cluster.deallocate()
    bandTable.deallocate()
  }

  /// Appends the tracks found among `segments` to `tracks`.
  func find(_ segments: [TrackSegment], into tracks: inout [TriggerTrack]) {
    // No cell can reach 4 of 5 superlayers when fewer have segments (a third of the events).
    var votingSuperlayers: UInt8 = 0
    for segment in segments where segment.superlayer & 1 == 0 { votingSuperlayers |= 1 &<< UInt8(segment.superlayer >> 1) }
    guard votingSuperlayers.nonzeroBitCount >= Self.minimumSuperlayers else { return }
    let rows = curvatureCells, planeWords = self.planeWords, phiCells = self.phiCells
    let planes = self.planes
    planes.update(repeating: 0, count: 5 * planeWords)
    segments.withUnsafeBufferPointer { segments in
      var index = 0
      while index < segments.count {
        let superlayer = segments[index].superlayer
        guard superlayer & 1 == 0 else {
          index &+= 1
          continue
        }
        // Segments on consecutive wires (a track fires one to three side by side) vote as one
        // run of cells per curvature cell, from the first one's band start to the last one's end.
        var last = index
        while neighboursOverlap && last &+ 1 < segments.count && segments[last &+ 1].superlayer == superlayer
          && segments[last &+ 1].wire == segments[last].wire &+ 1 { last &+= 1 }
        let axial = superlayer >> 1
        let firstBands = bandTable + bandStart[axial] + segments[index].wire &* rows
        let lastBands = bandTable + bandStart[axial] + segments[last].wire &* rows
        trigemu_hough_vote(planes + axial &* planeWords, rows, firstBands, lastBands, rows, last &- index, rows, Int32(phiCells))
        index = last &+ 1
      }
    }
    // Fold the spill past the last cell back onto cells 0…, then keep the cells with ≥ 4 of 5
    // superlayers (and note those with all five).
    let rowsWithCandidates = trigemu_hough_combine(planes, planeWords, rows, Int32(phiCells), candidates, fives)
    clusterCandidates(rows: rowsWithCandidates, into: &tracks)
  }

  /// Where the cell at `row`, `phi` sits in a word-major plane (and in `candidates` and
  /// `fives`): its word and its bit in that word.
  @inline(__always)
  private func cell(row: Int, phi: Int) -> (word: Int, bit: UInt64) {
    ((phi &>> 6) &* curvatureCells &+ row, 1 &<< UInt64(phi & 63))
  }

  /// The axial superlayers (bit k = superlayer 2k) that voted for the cell at `row`, `phi`.
  @inline(__always)
  private func superlayerMask(row: Int, phi: Int) -> UInt8 {
    let (word, bit) = cell(row: row, phi: phi)
    var mask: UInt8 = 0
    for axial in 0..<5 where planes[axial &* planeWords &+ word] & bit != 0 { mask |= 1 &<< UInt8(axial) }
    return mask
  }

  /// Whether the cell at `row`, `phi` is a candidate not yet clustered; clears it (marks it
  /// visited) if so.
  @inline(__always)
  private func takeCandidate(row: Int, phi: Int) -> Bool {
    let (word, bit) = cell(row: row, phi: phi)
    guard candidates[word] & bit != 0 else { return false }
    candidates[word] &= ~bit
    return true
  }

  /// Takes (clears) the first cell of every run of candidates not yet clustered in `row` among
  /// the `count` φ0 cells from `first` on (wrapping in φ0), and queues each: a cell whose left
  /// neighbour in the window is a candidate is left to that run's fill. One word operation when
  /// the window sits inside one word, cell by cell otherwise.
  @inline(__always)
  private func queueRunStarts(row: Int, first: Int, count: Int, queued: inout Int) {
    let shift = first & 63
    if first &+ count <= phiCells && shift &+ count <= 64 {
      let word = cell(row: row, phi: first).word
      let inWindow = count == 64 ? UInt64.max : (1 &<< UInt64(count)) &- 1
      let window = (candidates[word] &>> UInt64(shift)) & inWindow
      var starts = window & ~(window &<< 1)
      candidates[word] &= ~(starts &<< UInt64(shift))
      while starts != 0 {
        queue[queued] = Int32(row &<< 8 | (first &+ starts.trailingZeroBitCount))
        queued &+= 1
        starts &= starts &- 1
      }
      return
    }
    var previous = false
    for k in 0..<count {
      let phi = first &+ k < phiCells ? first &+ k : first &+ k &- phiCells
      let (word, bit) = cell(row: row, phi: phi)
      let isCandidate = candidates[word] & bit != 0
      if isCandidate && !previous {
        candidates[word] &= ~bit
        queue[queued] = Int32(row &<< 8 | phi)
        queued &+= 1
      }
      previous = isCandidate
    }
  }

  /// Groups candidate cells connected in (φ0, κ), wrapping in φ0, into one track each: the
  /// centre of the cells with the most superlayers. Clusters come in order of their first cell
  /// (curvature row, then φ0), searched for in the rows `rows` marks (bit r: row r) only.
  private func clusterCandidates(rows: UInt64, into tracks: inout [TriggerTrack]) {
    // Row by row, then φ0 (the planes are word-major). A cluster may empty later rows, never fill one.
    var rowsLeft = rows
    while rowsLeft != 0 {
      let startRow = rowsLeft.trailingZeroBitCount
      rowsLeft &= rowsLeft &- 1
      for wordInRow in 0..<Self.wordsPerRow {
        let word = wordInRow &* curvatureCells &+ startRow
        while candidates[word] != 0 {
          let startPhi = wordInRow &* 64 &+ candidates[word].trailingZeroBitCount
          let (members, anyFive) = fillCluster(row: startRow, phi: startPhi)
          tracks.append(peak(members: members, anyFive: anyFive, reference: startPhi))
        }
      }
    }
  }

  /// Takes the cluster of candidates connected to the cell at `row`, `phi` into `cluster`: returns
  /// how many cells it has and whether all five superlayers voted for any of them. Cells are held
  /// as row × 256 + φ cell, with bit 16 set for the cells all five superlayers voted for.
  ///
  /// Each queued cell (already taken) joins with the rest of its run in its row: the cells on
  /// either side not yet taken. Then the runs touching that run in the rows above and below (its
  /// cells and one more on each side) are queued by their first cell there.
  private func fillCluster(row startRow: Int, phi startPhi: Int) -> (members: Int, anyFive: Bool) {
    _ = takeCandidate(row: startRow, phi: startPhi)
    var queued = 1, members = 0, anyFive = false
    queue[0] = Int32(startRow &<< 8 | startPhi)
    func add(_ row: Int, _ phi: Int) {
      let (word, bit) = cell(row: row, phi: phi)
      let five = fives[word] & bit != 0
      anyFive = anyFive || five
      cluster[members] = Int32(row &<< 8 | phi | (five ? 1 &<< 16 : 0))
      members &+= 1
    }
    while queued > 0 {
      queued &-= 1
      let seed = Int(queue[queued])
      let row = seed &>> 8, seedPhi = seed & 0xFF
      add(row, seedPhi)
      var high = seedPhi, low = seedPhi, length = 1
      while length < phiCells {
        let next = high &+ 1 == phiCells ? 0 : high &+ 1
        guard takeCandidate(row: row, phi: next) else { break }
        add(row, next)
        high = next
        length &+= 1
      }
      while length < phiCells {
        let next = low == 0 ? phiCells &- 1 : low &- 1
        guard takeCandidate(row: row, phi: next) else { break }
        add(row, next)
        low = next
        length &+= 1
      }
      let first = low == 0 ? phiCells &- 1 : low &- 1, count = min(length &+ 2, phiCells)
      if row > 0 { queueRunStarts(row: row &- 1, first: first, count: count, queued: &queued) }
      if row &+ 1 < curvatureCells { queueRunStarts(row: row &+ 1, first: first, count: count, queued: &queued) }
    }
    return (members, anyFive)
  }

  /// The track of the first `members` cells of `cluster`: the peak is the cells with the most
  /// superlayers (all five when any has them); the track sits at their mean position (φ
  /// unwrapped around the cluster's first cell, `reference`) and carries the superlayers they saw.
  private func peak(members: Int, anyFive: Bool, reference: Int) -> TriggerTrack {
    var sumPhi = 0.0, sumRow = 0.0, count = 0.0
    var mask: UInt8 = anyFive ? 0b11111 : 0
    for member in 0..<members {
      let entry = Int(cluster[member])
      guard !anyFive || entry &>> 16 != 0 else { continue }
      let cell = entry & 0xFFFF, row = cell &>> 8
      var phi = cell & 0xFF
      if !anyFive { mask |= superlayerMask(row: row, phi: phi) }
      if phi - reference > phiCells / 2 { phi -= phiCells } else if reference - phi > phiCells / 2 { phi += phiCells }
      sumPhi += Double(phi)
      sumRow += Double(row)
      count += 1
    }
    var phi0 = (sumPhi / count + 0.5) * phiCellRad
    if phi0 > .pi { phi0 -= 2 * .pi } else if phi0 <= -.pi { phi0 += 2 * .pi }
    let curvature = -Self.maximumCurvaturePerCm + (sumRow / count + 0.5) * curvatureCellPerCm
    return TriggerTrack(phi0Rad: phi0, curvaturePerCm: curvature, axialMask: mask)
  }
}

import Testing
import TriggerEvents
import TriggerKernels
import TriggerSupport

/// The Hough finder's kernels on word-major planes of three words a row: the votes
/// (`trigemu_hough_vote`: runs of at most 32 cells voted whole, longer ones wire by wire, the spill
/// past the ring) and the 4-of-5 combination (`trigemu_hough_combine`, the spill folded back).
@Suite struct HoughVoteKernelTests {
  /// A band entry: first φ cell in the low byte, cell count in the high byte.
  static func band(first: Int, count: Int) -> UInt16 { UInt16(first) | UInt16(count) << 8 }

  /// Votes with the dispatched kernel (AVX2 where the CPU has it) and the portable one; both
  /// must agree. Returns the plane, word-major: word k of row r at k × rows + r.
  static func vote(bands: [UInt16], rows: Int, wires: Int, phiCells: Int) -> [UInt64] {
    var planes = [[UInt64]]()
    for portable in [false, true] {
      var plane = [UInt64](repeating: 0, count: 3 * rows)
      bands.withUnsafeBufferPointer { bands in
        let first = bands.baseAddress!, last = first + wires * rows
        if portable {
          trigemu_hough_vote_portable(&plane, rows, first, last, rows, wires, rows, Int32(phiCells))
        } else {
          trigemu_hough_vote(&plane, rows, first, last, rows, wires, rows, Int32(phiCells))
        }
      }
      planes.append(plane)
    }
    #expect(planes[0] == planes[1], "the AVX2 and portable kernels differ")
    return planes[0]
  }

  /// The cells of a row that a plane holds, spill included (cell k is bit k of the row's words).
  static func cells(_ plane: [UInt64], row: Int, rows: Int) -> [Int] {
    (0..<192).filter { plane[($0 / 64) * rows + row] >> UInt64($0 % 64) & 1 != 0 }
  }

  @Test func aRunOfConsecutiveWiresVotesFromTheFirstBandStartToTheLastBandEnd() {
    // Two wires, five rows: wire 0's bands start at 10 + row, wire 1's 2 cells later; 4 cells each.
    let rows = 5
    let bands = (0..<2).flatMap { wire in (0..<rows).map { row in Self.band(first: 10 + row + 2 * wire, count: 4) } }
    let plane = Self.vote(bands: bands, rows: rows, wires: 1, phiCells: 160)
    for row in 0..<rows { #expect(Self.cells(plane, row: row, rows: rows) == Array((10 + row)...(15 + row))) }
  }

  @Test func cellsPastTheRingLandInTheSpillAndRunsCrossWords() {
    // Row 0 from cell 158 (5 cells: 158, 159 and spill 160–162); row 1 across the word boundary at 64.
    let rows = 2
    let plane = Self.vote(bands: [Self.band(first: 158, count: 5), Self.band(first: 60, count: 8)], rows: rows, wires: 0, phiCells: 160)
    #expect(Self.cells(plane, row: 0, rows: rows) == [158, 159, 160, 161, 162])
    #expect(Self.cells(plane, row: 1, rows: rows) == Array(60...67))
  }

  @Test func aRunLongerThan32CellsVotesEachWiresBandAlone() {
    // Wire 0 at 0–3, wire 1 at 40–43 in every row: together 44 cells, so the gap stays empty.
    let rows = 6
    let bands = (0..<2).flatMap { wire in (0..<rows).map { _ in Self.band(first: 40 * wire, count: 4) } }
    let plane = Self.vote(bands: bands, rows: rows, wires: 1, phiCells: 160)
    for row in 0..<rows { #expect(Self.cells(plane, row: row, rows: rows) == [0, 1, 2, 3, 40, 41, 42, 43]) }
  }

  @Test func randomRunsMatchCellByCellVoting() {
    var generator = SplitMix64(seed: 11)
    for phiCells in [40, 100, 160] {
      for trial in 0..<200 {
        let rows = 1 + Int(generator.next() % 34), wires = Int(generator.next() % 4)
        var bands = [UInt16]()
        for _ in 0...wires {
          for _ in 0..<rows { bands.append(Self.band(first: Int(generator.next() % UInt64(phiCells)), count: 1 + Int(generator.next() % 32))) }
        }
        let plane = Self.vote(bands: bands, rows: rows, wires: wires, phiCells: phiCells)
        for row in 0..<rows {
          // The reference: the cells from the first wire's start to the last wire's end when that
          // is at most 32, else the union of the bands, cell by cell.
          let first = bands[row], last = bands[wires * rows + row]
          let length = (Int(last & 0xFF) - Int(first & 0xFF) + phiCells) % phiCells + Int(last >> 8)
          var expected = Set<Int>()
          if length <= 32 {
            expected.formUnion(Int(first & 0xFF)..<(Int(first & 0xFF) + length))
          } else {
            for wire in 0...wires {
              let band = bands[wire * rows + row]
              expected.formUnion(Int(band & 0xFF)..<(Int(band & 0xFF) + Int(band >> 8)))
            }
          }
          #expect(Self.cells(plane, row: row, rows: rows) == expected.sorted(), "φ cells \(phiCells), trial \(trial), row \(row)")
        }
      }
    }
  }

  /// Folds and combines five random planes with the dispatched kernel and the portable one (they
  /// must agree): the cells holding votes from at least four planes, and from all five, counting
  /// a vote past the ring (cell phiCells + k) on cell k.
  @Test func combiningFoldsTheSpillAndKeepsCellsOfFourOrFivePlanes() {
    var generator = SplitMix64(seed: 5)
    for (phiCells, rows) in [(160, 34), (128, 34), (100, 20), (64, 10), (40, 2), (160, 7)] {
      for trial in 0..<20 {
        // Dense enough that four- and five-plane cells occur everywhere, or sparse enough that most
        // rows have none; votes up to 31 cells past the ring.
        let percent: UInt64 = trial % 2 == 0 ? 70 : 12
        var planes = [UInt64](repeating: 0, count: 5 * 3 * rows)
        var votes = [[Int]](repeating: [Int](repeating: 0, count: phiCells), count: rows)
        for plane in 0..<5 {
          for row in 0..<rows {
            var cells = Set<Int>()
            for cell in 0..<(phiCells + 31) where generator.next() % 100 < percent { cells.insert(cell) }
            for cell in cells { planes[plane * 3 * rows + (cell / 64) * rows + row] |= 1 << UInt64(cell % 64) }
            for cell in Set(cells.map { $0 % phiCells }) { votes[row][cell] += 1 }
          }
        }
        var results: [[[UInt64]]] = []
        for portable in [false, true] {
          var copy = planes
          var candidates = [UInt64](repeating: 0, count: 3 * rows), fives = [UInt64](repeating: 0, count: 3 * rows)
          let rowMask = portable
            ? trigemu_hough_combine_portable(&copy, 3 * rows, rows, Int32(phiCells), &candidates, &fives)
            : trigemu_hough_combine(&copy, 3 * rows, rows, Int32(phiCells), &candidates, &fives)
          results.append([candidates, fives, [rowMask]])
        }
        let agree = results[0] == results[1]
        #expect(agree, "the AVX2 and portable kernels differ (φ cells \(phiCells), trial \(trial))")
        let rowsWithFour = (0..<rows).filter { row in votes[row].contains { $0 >= 4 } }
        #expect(results[0][2] == [rowsWithFour.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }], "rows with candidates, φ cells \(phiCells), trial \(trial)")
        for row in 0..<rows {
          let four = Self.cells(results[0][0], row: row, rows: rows), five = Self.cells(results[0][1], row: row, rows: rows)
          #expect(four == (0..<phiCells).filter { votes[row][$0] >= 4 }, "φ cells \(phiCells), trial \(trial), row \(row)")
          #expect(five == (0..<phiCells).filter { votes[row][$0] == 5 }, "φ cells \(phiCells), trial \(trial), row \(row)")
        }
      }
    }
  }
}

import TriggerEvents

extension TriggerTallies {
  /// Counts of one run.
  public struct Run: Equatable, Sendable {
    public var run: UInt32
    public var experiment: UInt16
    /// The firmware model the run was emulated with.
    public var firmware: String
    public var events = 0
    public var weightMicro: Int64 = 0
    /// Fires per bit, in menu order.
    public var bits: [Int]
    public var lines: [LineCounts]
    /// Events any line fired on before its prescale (`raw`) and accepted (`accepted`): the menu's
    /// total (`pure` unused).
    public var anyLine = LineCounts()
    /// Events with both lines of a pair accepted (and both raw), for i < j, row by row; and the
    /// sum of the weights of the accepted ones (10⁻⁶ units).
    public var acceptedOverlaps: [Int]
    public var rawOverlaps: [Int]
    public var acceptedOverlapWeightMicro: [Int64]
    /// The HLT lines on the events L1 accepted: raw (the cut held), accepted (after the HLT
    /// prescale) and pure (accepted by no other HLT line); and the events the HLT kept.
    public var hltLines: [LineCounts] = []
    public var hltKept = WeightedCount()

    init(run: UInt32, experiment: UInt16, firmware: String, bitCount: Int, lineCount: Int, hltLineCount: Int = 0) {
      self.run = run
      self.experiment = experiment
      self.firmware = firmware
      bits = Array(repeating: 0, count: bitCount)
      lines = Array(repeating: LineCounts(), count: lineCount)
      acceptedOverlaps = Array(repeating: 0, count: lineCount * (lineCount - 1) / 2)
      rawOverlaps = acceptedOverlaps
      acceptedOverlapWeightMicro = Array(repeating: 0, count: acceptedOverlaps.count)
      hltLines = Array(repeating: LineCounts(), count: hltLineCount)
    }

    /// The index in the overlap arrays of the pair (i, j), i < j.
    public static func pairIndex(_ i: Int, _ j: Int, lineCount n: Int) -> Int { i * (2 * n - i - 1) / 2 + (j - i - 1) }

    /// Counts one event in the overlaps of every pair of lines that fired (raw), and of every
    /// pair that accepted it.
    /// (A pair's accepted weight sum is at most its run's, whose additions are checked.)
    mutating func countOverlaps(raw: UnsafeBufferPointer<UInt64>, accepted: UnsafeBufferPointer<UInt64>, weight: EventWeight) {
      let n = lines.count
      raw.forEachFlag { i in
        let bothAccept = accepted.flag(i)
        raw.forEachFlag(from: i + 1) { j in
          let pair = Self.pairIndex(i, j, lineCount: n)
          rawOverlaps[pair] += 1
          if bothAccept && accepted.flag(j) {
            acceptedOverlaps[pair] += 1
            acceptedOverlapWeightMicro[pair] &+= weight.micro
          }
        }
      }
    }

    /// Adds another tally of the same run; returns false when a sum no longer fits its 64 bits.
    mutating func add(_ other: Run) -> Bool {
      var fits = TriggerTallies.checkedAdd(&events, other.events) && TriggerTallies.checkedAdd(&weightMicro, other.weightMicro)
      for k in bits.indices { fits = TriggerTallies.checkedAdd(&bits[k], other.bits[k]) && fits }
      for k in lines.indices { fits = lines[k].add(other.lines[k]) && fits }
      fits = anyLine.add(other.anyLine) && fits
      for k in hltLines.indices { fits = hltLines[k].add(other.hltLines[k]) && fits }
      fits = hltKept.add(other.hltKept) && fits
      for k in acceptedOverlaps.indices {
        fits = TriggerTallies.checkedAdd(&acceptedOverlaps[k], other.acceptedOverlaps[k]) && fits
        fits = TriggerTallies.checkedAdd(&rawOverlaps[k], other.rawOverlaps[k]) && fits
        fits = TriggerTallies.checkedAdd(&acceptedOverlapWeightMicro[k], other.acceptedOverlapWeightMicro[k]) && fits
      }
      return fits
    }
  }
}

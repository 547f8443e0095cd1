import TriggerKernels

/// A record with a fixed-size little-endian encoding in the `.trg` format.
///
/// The byte layouts here are the normative ones of docs/trg-format.md ("Records"); a change to
/// either needs a new format version. Bytes marked reserved are written as zero, and a reader
/// rejects a record whose reserved bytes are not zero (so that every file has one encoding and
/// `.trg → .jsonl → .trg` is byte-identical).
protocol BinaryRecord {
  /// Encoded size in bytes.
  static var byteCount: Int { get }
  /// Reads the record at `p` (reserved bytes are not looked at).
  init(littleEndian p: UnsafeRawPointer)
  /// Writes the record's `byteCount` bytes at `p`, reserved bytes as zero.
  func encodeLittleEndian(to p: UnsafeMutableRawPointer)
  /// The first thing wrong with the record, or nil (the descriptive, slow check).
  var problem: RecordProblem? { get }
  /// Whether `problem` is nil, found without building any message (the fast check).
  var isWellFormed: Bool { get }
  /// The reserved bytes (and impossible codes) of the encoded record at `p`, ORed: 0 when well-formed.
  static func reservedBits(at p: UnsafeRawPointer) -> UInt32
  /// Decodes an encoded column into `records` (same count), checking every record; returns the
  /// index of the first bad one (reserved bits set or a value out of range), or nil. The default
  /// decodes record by record; the hot kinds (CDC and ECL hits) override it with a branch-free
  /// loop that checks the encoded words and stores them in one pass.
  static func decodeColumn(encoded p: UnsafeRawPointer, into records: UnsafeMutableBufferPointer<Self>) -> Int?
}

extension BinaryRecord {
  static func reservedBits(at p: UnsafeRawPointer) -> UInt32 { 0 }

  static func decodeColumn(encoded p: UnsafeRawPointer, into records: UnsafeMutableBufferPointer<Self>) -> Int? {
    var bad = false
    for index in records.indices {
      let encoded = p + index &* byteCount
      let record = Self(littleEndian: encoded)
      records[index] = record
      bad = bad || reservedBits(at: encoded) != 0 || !record.isWellFormed
    }
    return bad ? firstBadRecord(encoded: p, count: records.count) : nil
  }

  /// The first bad record, found the slow way (only after a fast check saw one).
  static func firstBadRecord(encoded p: UnsafeRawPointer, count: Int) -> Int? {
    (0..<count).first { index in
      let record = p + index * byteCount
      return reservedBits(at: record) != 0 || Self(littleEndian: record).problem != nil
    }
  }

  /// The problem of the encoded record at `p`, in words.
  static func describeProblem(encoded p: UnsafeRawPointer) -> RecordProblem {
    if reservedBits(at: p) != 0 {
      let bytes = (0..<byteCount).map { hexByte(p.le($0, UInt8.self)) }.joined(separator: " ")
      return RecordProblem("reserved bytes or codes are not as the format requires (record bytes \(bytes))")
    }
    return Self(littleEndian: p).problem ?? RecordProblem("no problem found")
  }
}

/// Whether `T` sits in memory as the little-endian encoding with fields at `offsets` and size `byteCount`,
/// so that an encoded word can be stored into it as it is.
func layoutMatches<T>(_: T.Type, byteCount: Int, _ offsets: [(PartialKeyPath<T>, Int)]) -> Bool {
  1.littleEndian == 1 && MemoryLayout<T>.size == byteCount && MemoryLayout<T>.stride == byteCount
    && offsets.allSatisfy { MemoryLayout<T>.offset(of: $0.0) == $0.1 }
}

/// Bit pattern test: the IEEE-754 single at `bits` is finite (not NaN, not infinite).
@inline(__always) func isFiniteBits(_ bits: UInt32) -> Bool { bits & 0x7F80_0000 != 0x7F80_0000 }
/// Bit pattern test: finite and not below zero (−0 counts as zero).
@inline(__always) func isFiniteNonNegativeBits(_ bits: UInt32) -> Bool { isFiniteBits(bits) && (bits >> 31 == 0 || bits == 0x8000_0000) }

extension UnsafeRawPointer {
  @inline(__always) func le<T: FixedWidthInteger>(_ offset: Int, _: T.Type = T.self) -> T {
    T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
  }
  @inline(__always) func leFloat(_ offset: Int) -> Float { Float(bitPattern: le(offset, UInt32.self)) }
}

extension UnsafeMutableRawPointer {
  @inline(__always) func putLE<T: FixedWidthInteger>(_ value: T, at offset: Int) {
    storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
  }
  @inline(__always) func putLE(_ value: Float, at offset: Int) { putLE(value.bitPattern, at: offset) }
}

/// 8 bytes: layer u8, reserved u8, wire u16, tdc u16, adc u16.
extension CDCHit: BinaryRecord {
  static var byteCount: Int { 8 }
  init(littleEndian p: UnsafeRawPointer) {
    self.init(layer: p.le(0), wire: p.le(2), tdc: p.le(4), adc: p.le(6))
  }
  static func reservedBits(at p: UnsafeRawPointer) -> UInt32 { UInt32(p.le(1, UInt8.self)) }
  static let memoryLayoutMatchesEncoding = layoutMatches(
    CDCHit.self, byteCount: 8, [(\.layer, 0), (\.wire, 2), (\.tdc, 4), (\.adc, 6)])
  /// Copies and checks the column in one pass with `trigemu_cdc_hits_check_copy` (AVX2 where
  /// the CPU has it); only when it reports a bad hit is the column searched the slow way.
  static func decodeColumn(encoded p: UnsafeRawPointer, into records: UnsafeMutableBufferPointer<CDCHit>) -> Int? {
    guard memoryLayoutMatchesEncoding else {
      for index in records.indices { records[index] = CDCHit(littleEndian: p + index * 8) }
      return firstBadRecord(encoded: p, count: records.count)
    }
    let flags = trigemu_cdc_hits_check_copy(p, UnsafeMutableRawPointer(records.baseAddress!), records.count)
    return flags != 0 ? firstBadRecord(encoded: p, count: records.count) : nil
  }
  func encodeLittleEndian(to p: UnsafeMutableRawPointer) {
    p.putLE(layer, at: 0); p.putLE(UInt8(0), at: 1); p.putLE(wire, at: 2); p.putLE(tdc, at: 4); p.putLE(adc, at: 6)
  }
}

/// 12 bytes: cell id u16, reserved u16, energy GeV f32, time ns f32.
extension ECLTriggerCellHit: BinaryRecord {
  static var byteCount: Int { 12 }
  init(littleEndian p: UnsafeRawPointer) {
    self.init(cellId: p.le(0), energyGeV: p.leFloat(4), timeNs: p.leFloat(8))
  }
  static func reservedBits(at p: UnsafeRawPointer) -> UInt32 { UInt32(p.le(2, UInt16.self)) }
  /// Branch-free check of ids, reserved bytes and float bit patterns, decoding as it goes.
  static func decodeColumn(encoded p: UnsafeRawPointer, into records: UnsafeMutableBufferPointer<ECLTriggerCellHit>) -> Int? {
    var flags: UInt32 = 0
    for index in records.indices {
      let record = p + index &* 12
      let idAndReserved: UInt32 = record.le(0)
      let energy: UInt32 = record.le(4), time: UInt32 = record.le(8)
      records[index] = ECLTriggerCellHit(
        cellId: UInt16(truncatingIfNeeded: idAndReserved), energyGeV: Float(bitPattern: energy), timeNs: Float(bitPattern: time))
      flags |= (idAndReserved &- 1 >= UInt32(DetectorGeometry.ECL.triggerCellCount) ? 1 : 0)
        | (isFiniteNonNegativeBits(energy) ? 0 : 1) | (isFiniteBits(time) ? 0 : 1)
    }
    return flags == 0 ? nil : firstBadRecord(encoded: p, count: records.count)
  }
  func encodeLittleEndian(to p: UnsafeMutableRawPointer) {
    p.putLE(cellId, at: 0); p.putLE(UInt16(0), at: 2); p.putLE(energyGeV, at: 4); p.putLE(timeNs, at: 8)
  }
}

/// 8 bytes: section u8 (0 barrel, 1 forward, 2 backward), sector u8, layer u8, plane u8, time ns f32.
/// A section code above 2 is counted as reserved bits, so the reader rejects it.
extension KLMHit: BinaryRecord {
  static var byteCount: Int { 8 }
  init(littleEndian p: UnsafeRawPointer) {
    let section = DetectorGeometry.KLM.Section(rawValue: p.le(0)) ?? .barrel
    self.init(section: section, sector: p.le(1), layer: p.le(2), plane: p.le(3), timeNs: p.leFloat(4))
  }
  static func reservedBits(at p: UnsafeRawPointer) -> UInt32 {
    DetectorGeometry.KLM.Section(rawValue: p.le(0)) == nil ? 0x100 : 0
  }
  func encodeLittleEndian(to p: UnsafeMutableRawPointer) {
    p.putLE(section.rawValue, at: 0); p.putLE(sector, at: 1); p.putLE(layer, at: 2); p.putLE(plane, at: 3)
    p.putLE(timeNs, at: 4)
  }
}

/// 24 bytes: charge i8, reserved u8, CDC hit count u16, p GeV, θ rad, φ rad, d0 cm, z0 cm (f32 each).
extension Track: BinaryRecord {
  static var byteCount: Int { 24 }
  init(littleEndian p: UnsafeRawPointer) {
    self.init(
      charge: p.le(0), cdcHitCount: p.le(2), pGeV: p.leFloat(4), thetaRad: p.leFloat(8), phiRad: p.leFloat(12),
      d0Cm: p.leFloat(16), z0Cm: p.leFloat(20))
  }
  static func reservedBits(at p: UnsafeRawPointer) -> UInt32 { UInt32(p.le(1, UInt8.self)) }
  func encodeLittleEndian(to p: UnsafeMutableRawPointer) {
    p.putLE(charge, at: 0); p.putLE(UInt8(0), at: 1); p.putLE(cdcHitCount, at: 2); p.putLE(pGeV, at: 4)
    p.putLE(thetaRad, at: 8); p.putLE(phiRad, at: 12); p.putLE(d0Cm, at: 16); p.putLE(z0Cm, at: 20)
  }
}

/// 16 bytes: energy GeV, θ rad, φ rad, time ns (f32 each).
extension ECLCluster: BinaryRecord {
  static var byteCount: Int { 16 }
  init(littleEndian p: UnsafeRawPointer) {
    self.init(energyGeV: p.leFloat(0), thetaRad: p.leFloat(4), phiRad: p.leFloat(8), timeNs: p.leFloat(12))
  }

  func encodeLittleEndian(to p: UnsafeMutableRawPointer) {
    p.putLE(energyGeV, at: 0); p.putLE(thetaRad, at: 4); p.putLE(phiRad, at: 8); p.putLE(timeNs, at: 12)
  }
}

/// 32 bytes: PDG id i32, px, py, pz, E (GeV), vx, vy, vz (cm) (f32 each).
extension MCParticle: BinaryRecord {
  static var byteCount: Int { 32 }
  init(littleEndian p: UnsafeRawPointer) {
    self.init(
      pdg: p.le(0), pxGeV: p.leFloat(4), pyGeV: p.leFloat(8), pzGeV: p.leFloat(12), energyGeV: p.leFloat(16),
      vxCm: p.leFloat(20), vyCm: p.leFloat(24), vzCm: p.leFloat(28))
  }
  func encodeLittleEndian(to p: UnsafeMutableRawPointer) {
    p.putLE(pdg, at: 0); p.putLE(pxGeV, at: 4); p.putLE(pyGeV, at: 8); p.putLE(pzGeV, at: 12)
    p.putLE(energyGeV, at: 16); p.putLE(vxCm, at: 20); p.putLE(vyCm, at: 24); p.putLE(vzCm, at: 28)
  }
}

/// The 32-byte event header of the `.trg` format: the `EventHeader` plus its record counts.
///
/// Layout: run u32, event number u32, weight f64, experiment u16, process code u16, then the
/// counts of CDC hits, ECL TC hits, KLM hits, tracks, clusters and MC particles (u16 each).
struct EncodedEventHeader {
  static let byteCount = 32
  /// Largest number of records of one kind in one event (the counts are 16-bit).
  static let maxRecordsPerKind = Int(UInt16.max)

  var header: EventHeader
  var counts: (cdc: Int, ecl: Int, klm: Int, track: Int, cluster: Int, mc: Int)

  init(header: EventHeader, counts: (cdc: Int, ecl: Int, klm: Int, track: Int, cluster: Int, mc: Int)) {
    self.header = header
    self.counts = counts
  }

  init(littleEndian p: UnsafeRawPointer) {
    header = EventHeader(
      experiment: p.le(16), run: p.le(0), eventNumber: p.le(4), process: ProcessTag(rawValue: p.le(18)),
      weight: Double(bitPattern: p.le(8)))
    counts = (Int(p.le(20, UInt16.self)), Int(p.le(22, UInt16.self)), Int(p.le(24, UInt16.self)),
              Int(p.le(26, UInt16.self)), Int(p.le(28, UInt16.self)), Int(p.le(30, UInt16.self)))
  }

  func encodeLittleEndian(to p: UnsafeMutableRawPointer) {
    p.putLE(header.run, at: 0); p.putLE(header.eventNumber, at: 4); p.putLE(header.weight.bitPattern, at: 8)
    p.putLE(header.experiment, at: 16); p.putLE(header.process.rawValue, at: 18)
    p.putLE(UInt16(counts.cdc), at: 20); p.putLE(UInt16(counts.ecl), at: 22); p.putLE(UInt16(counts.klm), at: 24)
    p.putLE(UInt16(counts.track), at: 26); p.putLE(UInt16(counts.cluster), at: 28); p.putLE(UInt16(counts.mc), at: 30)
  }

  /// Bytes of this event's records (without the header).
  var recordBytes: Int {
    counts.cdc * CDCHit.byteCount + counts.ecl * ECLTriggerCellHit.byteCount + counts.klm * KLMHit.byteCount
      + counts.track * Track.byteCount + counts.cluster * ECLCluster.byteCount + counts.mc * MCParticle.byteCount
  }
}

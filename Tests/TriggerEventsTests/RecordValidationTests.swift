import TriggerKernels
import Foundation
import TriggerSupport
import TestSupport
import Testing
import TriggerEvents

/// The fast checks (`isWellFormed`, the branch-free column scans) and the descriptive ones
/// (`problem`) are two forms of the same rules; these tests hold them together.
@Suite struct RecordValidationTests {
  @Test func cdcChecksAgreeForEveryLayerAndTheWiresAroundItsEdge() throws {
    for layer in 0...255 {
      let limit = layer < 56 ? Int(DetectorGeometry.CDC.wiresPerLayer[layer]) : 0
      for wire in Set([0, max(0, limit - 1), limit, limit + 1, 383, 384, 65535]) {
        let hit = CDCHit(layer: UInt8(layer), wire: UInt16(wire), tdc: 1, adc: 1)
        let valid = layer < 56 && wire < limit
        #expect(hit.isWellFormed == valid, "layer \(layer) wire \(wire)")
        #expect((hit.problem == nil) == valid, "layer \(layer) wire \(wire)")
        #expect(try readsBack(hit) == valid, "layer \(layer) wire \(wire) through the column decoder")
      }
    }
  }

  @Test func bothCDCKernelPathsAgreeWithTheGeometryTable() {
    for layer in 0...255 {
      let limit = layer < 56 ? Int(DetectorGeometry.CDC.wiresPerLayer[layer]) : 0
      for wire in Set([0, 159, 160, 191, 192, max(0, limit - 1), limit, limit + 1, 383, 384, 65535]) {
        for reserved in [UInt8(0), 1] {
          let bytes: [UInt8] = [UInt8(layer), reserved, UInt8(wire & 0xFF), UInt8(wire >> 8), 7, 0, 9, 0]
          let valid = layer < 56 && wire < limit && reserved == 0
          var copy = [UInt8](repeating: 0, count: 8)
          #expect((trigemu_cdc_hits_check_copy(bytes, &copy, 1) == 0) == valid, "layer \(layer) wire \(wire) reserved \(reserved)")
          #expect(copy == bytes)
          #expect((trigemu_cdc_hits_check_copy_portable(bytes, &copy, 1) == 0) == valid, "portable: layer \(layer) wire \(wire)")
        }
      }
    }
  }

  /// Whether an event holding `hit` survives a `.trg` write/read (patched past the writer's check).
  private func readsBack(_ hit: CDCHit) throws -> Bool {
    let directory = TemporaryDirectory()
    let path = directory.file("one.trg")
    var event = HandBuiltEvents.dimuon(run: 1, event: 1)
    event.cdcHits = [CDCHit(layer: 0, wire: 0, tdc: 1, adc: 1)]
    try EventFiles.write([event], to: path)
    var file = try TRGSurgery(path: path)
    let chunk = file.chunkOffsets[0]
    let offset = file.recordOffset(chunk: chunk, column: 1, index: 0)
    file.put(hit.layer, at: offset)
    file.put(hit.wire, at: offset + 2)
    file.resealChunk(at: chunk)
    try file.save(to: path)
    return EventFiles.readError(path) == nil
  }

  @Test func fastAndDescriptiveChecksAgreeOnRandomAndEdgeRecords() {
    var random = SplitMix64(seed: 11)
    let specials: [Float] = [0, -0.0, -1, 1, .nan, .infinity, -.infinity, .pi, -.pi, Float.pi.nextUp, (-Float.pi).nextDown, 1e30]
    func value() -> Float { random.next() % 3 == 0 ? specials[Int(random.next() % UInt64(specials.count))] : Float(Int(random.next() % 2000) - 1000) / 100 }
    func byte() -> UInt8 { UInt8(truncatingIfNeeded: random.next()) % 20 }
    for _ in 0..<20_000 {
      let tc = ECLTriggerCellHit(cellId: UInt16(random.next() % 600), energyGeV: value(), timeNs: value())
      #expect(tc.isWellFormed == (tc.problem == nil), "\(tc)")
      let klm = KLMHit(
        section: DetectorGeometry.KLM.Section(rawValue: UInt8(random.next() % 3))!, sector: byte(), layer: byte(), plane: byte() % 3,
        timeNs: value())
      #expect(klm.isWellFormed == (klm.problem == nil), "\(klm)")
      let track = Track(
        charge: Int8(Int(random.next() % 4) - 2), cdcHitCount: 3, pGeV: value(), thetaRad: value(), phiRad: value(), d0Cm: value(),
        z0Cm: value())
      #expect(track.isWellFormed == (track.problem == nil), "\(track)")
      let cluster = ECLCluster(energyGeV: value(), thetaRad: value(), phiRad: value(), timeNs: value())
      #expect(cluster.isWellFormed == (cluster.problem == nil), "\(cluster)")
      let particle = MCParticle(
        pdg: Int32(random.next() % 3), pxGeV: value(), pyGeV: value(), pzGeV: value(), energyGeV: value(), vxCm: value(),
        vyCm: value(), vzCm: value())
      #expect(particle.isWellFormed == (particle.problem == nil), "\(particle)")
    }
  }

  @Test func theWriterRefusesAnOutOfRangeRecordAndNamesIt() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("refused.trg")
    var event = HandBuiltEvents.dimuon(run: 3, event: 9)
    event.klmHits[1].layer = 13
    let writer = try TRGWriter(path: path)
    #expect(throws: LocatedError(
      file: path, place: .wholeFile,
      message: "refusing to write run 3 event 9: KLM hit #1: layer 13 is out of range 1–12 for the backward KLM")
    ) { try writer.append(event.view) }
  }

  @Test func aTrackWithAnImpossibleChargeOrAngleIsRefused() {
    let track = Track(charge: 0, cdcHitCount: 1, pGeV: 1, thetaRad: 1, phiRad: 0, d0Cm: 0, z0Cm: 0)
    #expect(track.problem?.message == "charge 0 is neither −1 nor +1")
    let polar = Track(charge: 1, cdcHitCount: 1, pGeV: 1, thetaRad: 3.5, phiRad: 0, d0Cm: 0, z0Cm: 0)
    #expect(polar.problem?.message == "thetaRad 3.5 rad is out of range 0–π")
  }

  @Test func theKnownProcessCountMatchesTheTable() {
    #expect(Int(ProcessTag.knownCount) == ProcessTag.known.count)
    #expect(ProcessTag.known.enumerated().allSatisfy { Int($0.element.tag.rawValue) == $0.offset })
  }

  @Test func eventHeadersNeedAKnownProcessAndAFiniteWeight() {
    var header = EventHeader(experiment: 0, run: 1, eventNumber: 1, process: ProcessTag(rawValue: 99))
    #expect(header.problem?.message == "process code 99 is unknown (known: 0–10)")
    header.process = .dimuon
    header.weight = -.infinity
    #expect(header.problem?.message == "weight -inf is not a finite number ≥ 0")
    header.weight = 2e6  // its square in 10⁻⁶ units would not fit the tallies' 64-bit sums
    #expect(header.problem?.message == "weight 2000000.0 is above 1000000.0" && !header.isWellFormed)
    header.weight = 1e6
    #expect(header.problem == nil && header.isWellFormed)
  }
}

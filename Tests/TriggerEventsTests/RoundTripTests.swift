import Foundation
import TriggerSupport
import TestSupport
import Testing
import TriggerEvents

@Suite struct RoundTripTests {
  let events = [
    HandBuiltEvents.dimuon(run: 10, event: 1), HandBuiltEvents.empty(run: 10, event: 2),
    HandBuiltEvents.dimuon(run: 11, event: 3), HandBuiltEvents.dimuon(run: 10, event: 4),
  ]

  @Test func trgFileReadsBackTheSameEventsAndMetadata() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("hand.trg")
    try EventFiles.write(events, to: path, metadata: ["generator": "test", "quote": "a \"b\"\n"])
    let (read, source) = try EventFiles.readWithSource(path)
    #expect(read == events)
    #expect(source.streamInfo.metadata == ["generator": "test", "quote": "a \"b\"\n"])
    #expect(source.streamInfo.chunkCapacityBytes == TRGFormat.defaultChunkCapacityBytes)
  }

  @Test func eachRunChangeStartsANewChunk() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("runs.trg")
    try EventFiles.write(events, to: path)
    let surgery = try TRGSurgery(path: path)
    // Runs 10, 11, 10: three chunks of 2, 1 and 1 events.
    #expect(surgery.chunkOffsets.map(surgery.eventCount(ofChunkAt:)) == [2, 1, 1])
  }

  @Test func chunksCloseAtTheirCapacity() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("small-chunks.trg")
    let many = HandBuiltEvents.synthetic(count: 300, runs: 1)
    try EventFiles.write(many, to: path, chunkCapacityBytes: 4096)
    let surgery = try TRGSurgery(path: path)
    let payloads = surgery.chunkOffsets.map { Int(surgery.u32(at: $0 + 12)) }
    #expect(payloads.count > 100)
    // Every chunk but those holding a single oversized event stays within the capacity.
    for (offset, payload) in zip(surgery.chunkOffsets, payloads) where surgery.eventCount(ofChunkAt: offset) > 1 {
      #expect(payload <= 4096)
    }
    #expect(try EventFiles.read(path) == many)
  }

  @Test func trgToJSONLinesToTrgIsByteIdentical() throws {
    let directory = TemporaryDirectory()
    let original = directory.file("a.trg"), text = directory.file("a.jsonl"), again = directory.file("b.trg")
    let sample = events + HandBuiltEvents.synthetic(count: 200, runs: 4)
    try EventFiles.write(sample, to: original, metadata: ["seed": "42"], chunkCapacityBytes: 8192)
    for (input, output) in [(original, text), (text, again)] {
      let source = try EventFileFormat.openSource(input)
      let sink = try EventFileFormat.openSink(output, streamInfo: source.streamInfo)
      try source.forEachEvent { try sink.append($0) }
      try sink.finish()
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: original)) == Data(contentsOf: URL(fileURLWithPath: again)))
    #expect(try EventFiles.read(text) == sample)
  }

  @Test func jsonLinesKeepsEveryFloatBitPattern() throws {
    var generator = SplitMix64(seed: 3)
    var event = Event(header: EventHeader(experiment: 1, run: 2, eventNumber: 3, process: .synthetic, weight: 0.1 + 0.2))
    // Finite values of every magnitude, including subnormals and −0.
    var values: [Float] = [0, -0.0, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, 1.0 / 3]
    while values.count < 3000 {
      let value = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()))
      if value.isFinite { values.append(value) }
    }
    for value in values {
      event.mcParticles.append(MCParticle(pdg: 22, pxGeV: value, pyGeV: -value, pzGeV: value / 2, energyGeV: abs(value)))
    }
    let directory = TemporaryDirectory()
    try EventFiles.write([event], to: directory.file("floats.jsonl"))
    let back = try EventFiles.read(directory.file("floats.jsonl"))
    #expect(back.count == 1)
    #expect(back[0].header.weight.bitPattern == event.header.weight.bitPattern)
    let expected = event.mcParticles.map { [$0.pxGeV.bitPattern, $0.pyGeV.bitPattern, $0.pzGeV.bitPattern, $0.energyGeV.bitPattern] }
    #expect(back[0].mcParticles.map { [$0.pxGeV.bitPattern, $0.pyGeV.bitPattern, $0.pzGeV.bitPattern, $0.energyGeV.bitPattern] } == expected)
  }

  @Test func integerFieldsKeepTheirExtremesThroughJSONLines() throws {
    var event = Event(header: EventHeader(experiment: .max, run: .max, eventNumber: 0, process: .data, weight: 0))
    event.cdcHits = [CDCHit(layer: 55, wire: 383, tdc: .max, adc: 0)]
    event.tracks = [Track(charge: -1, cdcHitCount: .max, pGeV: 0, thetaRad: 0, phiRad: -.pi, d0Cm: 0, z0Cm: 0)]
    event.mcParticles = [
      MCParticle(pdg: .min, pxGeV: 0, pyGeV: 0, pzGeV: 0, energyGeV: 0), MCParticle(pdg: .max, pxGeV: 0, pyGeV: 0, pzGeV: 0, energyGeV: 0),
      MCParticle(pdg: -13, pxGeV: 0, pyGeV: 0, pzGeV: 0, energyGeV: 0),
    ]
    let directory = TemporaryDirectory()
    try EventFiles.write([event], to: directory.file("extremes.jsonl"))
    let text = try String(contentsOfFile: directory.file("extremes.jsonl"), encoding: .utf8)
    #expect(text.contains(#"{"run":4294967295,"event":0,"experiment":65535,"#))
    #expect(text.contains(#""pdg":-2147483648,"#) && text.contains(#""pdg":2147483647,"#) && text.contains(#""pdg":-13,"#))
    #expect(try EventFiles.read(directory.file("extremes.jsonl")) == [event])
  }

  @Test(arguments: [1, 2, 3])
  func chunksArriveInFileOrderWhateverTheThreadCount(threads: Int) throws {
    let directory = TemporaryDirectory()
    let path = directory.file("order.trg")
    let sample = HandBuiltEvents.synthetic(count: 600, runs: 5)
    try EventFiles.write(sample, to: path, chunkCapacityBytes: 8192)
    let reader = try TRGReader(path: path)
    var numbers: [UInt32] = []
    var firstHits: [CDCHit] = []
    try reader.forEachChunk(threads: threads) { chunk in
      for index in 0..<chunk.count {
        let event = chunk.event(at: index)
        numbers.append(event.header.eventNumber)
        firstHits.append(event.cdcHits.first!)
      }
    }
    #expect(numbers == sample.map(\.header.eventNumber))
    #expect(firstHits == sample.map { $0.cdcHits.first! })
    #expect(reader.eventsRead == 600)
  }

  @Test func sameEventsGiveByteIdenticalFiles() throws {
    let directory = TemporaryDirectory()
    let sample = HandBuiltEvents.synthetic(count: 50)
    try EventFiles.write(sample, to: directory.file("1.trg"))
    try EventFiles.write(sample, to: directory.file("2.trg"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: directory.file("1.trg"))) == Data(contentsOf: URL(fileURLWithPath: directory.file("2.trg"))))
  }

  @Test func anUnfinishedWriterLeavesTheExistingFileUntouched() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("keep.trg")
    try EventFiles.write(events, to: path)
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    do {
      let writer = try TRGWriter(path: path)
      try writer.append(HandBuiltEvents.dimuon(run: 99, event: 1).view)
      // Dropped without finish(): as if the job had failed half-way.
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["keep.trg"])
  }

  @Test func theFormatIsChosenByExtension() throws {
    #expect(try EventFileFormat(path: "/x/run.TRG") == .trg)
    #expect(try EventFileFormat(path: "run.jsonl") == .jsonLines)
    #expect(throws: LocatedError(
      file: "events.root", place: .wholeFile,
      message: "cannot tell the event format from the file name: use the extension .trg (binary) or .jsonl (JSON Lines)")
    ) { try EventFileFormat(path: "events.root") }
  }
}

@Suite struct AnnouncedEventCountTests {
  @Test func theChunkHeadersAnnounceEveryEventOfTheFile() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("events.trg")
    try EventFiles.write(HandBuiltEvents.synthetic(count: 500, runs: 3), to: path, chunkCapacityBytes: 4096)
    let reader = try TRGReader(path: path)
    #expect(reader.announcedEventCount() == 500)
    #expect(TRGReader.announcedEventCount(of: [reader, try TRGReader(path: path)]) == 1000)
  }
}

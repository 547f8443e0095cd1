// The one place where fuzz input bytes meet trigemu's readers: the fuzz targets in FuzzTesting/
// (through a symbolic link to this file) and the regression replay of `swift test` both call
// `FuzzReader.read`, so a kept input is replayed through exactly the code it was found with.
//
// A reader may accept or refuse an input; it must not crash, hang or allocate without bound,
// and a refusal must name the file it refuses (docs/reliability.md).

import Foundation
@testable import TriggerAnalysis
@testable import TriggerEmulation
@testable import TriggerEvents

/// The readers under fuzzing, one per fuzz target (the target is named `Fuzz` + the case name,
/// capitalised; its regression inputs live in FuzzTesting/FailCases/<target>/).
public enum FuzzReader: String, CaseIterable, Sendable {
  /// `.trg` event files through `TRGReader` and the whole L1 + HLT chain. The first input byte
  /// holds options: bit 0 repairs every checksum (so mutations reach the chunk decoder and the
  /// record checks instead of stopping at a CRC mismatch), bit 1 reads with `skipCorrupt`,
  /// bit 2 hashes the file as it is read.
  case trg = "TRG"
  /// JSON Lines event files through `JSONLinesReader`.
  case jsonLines = "JSONLines"
  /// Trigger menus: YAML, line expressions, HLT cut expressions, plugin parameters.
  case menu = "Menu"
  /// Line expressions (first byte even) and HLT cut expressions (odd) on their own.
  case expressions = "Expressions"
  /// Firmware-model files.
  case firmwareModel = "FirmwareModel"
  /// Run lists (CSV).
  case runList = "RunList"
  /// JSON results: tallies (read, merged with themselves, turned into rates) and every report
  /// input `trigemu report` takes.
  case results = "Results"
  /// Decision streams through `DecisionStreamReader`; first byte bit 0 repairs the checksums.
  case decisionStream = "DecisionStream"

  /// The fuzz target's executable name.
  var targetName: String { "Fuzz" + rawValue }

  /// Feeds `bytes` to the reader. Returns normally whether the reader accepted or refused them;
  /// traps when a refusal does not name the file.
  public func read(_ bytes: UnsafeRawBufferPointer) {
    switch self {
    case .trg: Self.readTRG(bytes)
    case .jsonLines: Self.withFile(bytes, extension: "jsonl") { path in
        try JSONLinesReader(path: path).forEachEvent { _ in }
      }
    case .menu: Self.refusalNamesFile("fuzz-menu.yaml") {
        _ = try TriggerMenu(text: Self.text(bytes), path: "fuzz-menu.yaml")
      }
    case .expressions:
      guard let first = bytes.first else { return }
      let text = Self.text(UnsafeRawBufferPointer(rebasing: bytes.dropFirst()))
      if first & 1 == 0 { _ = try? LineExpression.parse(text) } else { _ = try? CutExpression.parse(text) }
    case .firmwareModel: Self.refusalNamesFile("fuzz-model.yaml") {
        _ = try FirmwareModel(text: Self.text(bytes), path: "fuzz-model.yaml")
      }
    case .runList: Self.refusalNamesFile("fuzz-runs.csv") {
        _ = try RunList(parsing: Self.text(bytes), path: "fuzz-runs.csv", knownFirmware: [RunList.idealFirmware, "cdc-merger-crate-off"])
      }
    case .results: Self.readResults(bytes)
    case .decisionStream: Self.readDecisionStream(bytes)
    }
  }

  // MARK: Readers of files

  private static func readTRG(_ input: UnsafeRawBufferPointer) {
    guard let options = input.first else { return }
    var bytes = Array(input.dropFirst())
    if options & 1 != 0 { repairTRGChecksums(&bytes) }
    bytes.withUnsafeBytes { bytes in
      withFile(bytes, extension: "trg") { path in
        let reader = try TRGReader(path: path, skipCorrupt: options & 2 != 0, hashing: options & 4 != 0)
        _ = reader.announcedEventCount()
        try pipeline.run(reader) { decision in
          if decision.l1Accepted { touched &+= 1 }
        }
        _ = try reader.sha256Hex()
      }
    }
  }

  private static func readResults(_ bytes: UnsafeRawBufferPointer) {
    let data = Data(bytes)
    var tallies: TriggerTallies?
    refusalNamesFile("fuzz-tallies.json") { tallies = try TriggerTallies(data: data, file: "fuzz-tallies.json") }
    // Tallies that were read must add up and turn into rates without a crash; a refusal there
    // (a run the run list lacks, a sum too large) names what it refuses in its own words.
    if let tallies, let merged = try? tallies.merged(with: tallies) {
      _ = try? MenuRates(tallies: merged, runList: ratesRunList, runListName: "fuzz-runs.csv", instantaneousLuminosity: 6.5e35, budgetHz: 30e3)
    }
    refusalNamesFile("fuzz-result.json") {
      _ = try HTMLReport(files: [(path: "fuzz-result.json", data: data)]).html
    }
  }

  private static func readDecisionStream(_ input: UnsafeRawBufferPointer) {
    guard let options = input.first else { return }
    var bytes = Array(input.dropFirst())
    if options & 1 != 0 { repairDecisionStreamChecksums(&bytes) }
    bytes.withUnsafeBytes { bytes in
      withFile(bytes, extension: "trgd") { path in
        let reader = try DecisionStreamReader(path: path)
        var summary = DecisionStreamSummary(stream: reader.stream)
        try reader.forEach { summary.add($0) }
      }
    }
  }

  // MARK: Checksum repair

  /// Rewrites the header CRC, and every chunk header's payload and header CRCs and the
  /// end-of-stream marker's CRC where the blocks follow one another as the reader walks them.
  static func repairTRGChecksums(_ bytes: inout [UInt8]) {
    let header = TRGFormat.fileHeaderBytes, block = TRGFormat.blockBytes
    guard bytes.count >= header else { return }
    let metadataBytes = Int(bytes.withUnsafeBytes { $0.baseAddress!.le(16, UInt32.self) })
    guard metadataBytes <= bytes.count - header else { return }
    bytes.withUnsafeMutableBytes { p in
      let crc = TRGFormat.headerCRC(UnsafeRawBufferPointer(p), metadata: UnsafeRawBufferPointer(rebasing: p[header..<(header + metadataBytes)]))
      p.baseAddress!.putLE(crc, at: 20)
      var offset = header + metadataBytes
      while p.count - offset >= block {
        let at = p.baseAddress! + offset
        let magic: UInt32 = UnsafeRawPointer(at).le(0)
        if magic == TRGFormat.endMagic {
          at.putLE(TRGFormat.crc32c(UnsafeRawBufferPointer(start: at, count: 28)), at: 28)
          return
        }
        guard magic == TRGFormat.chunkMagic else { return }
        let payloadBytes = Int(UnsafeRawPointer(at).le(12, UInt32.self))
        guard payloadBytes <= p.count - offset - block else { return }
        at.putLE(TRGFormat.crc32c(UnsafeRawBufferPointer(start: at + block, count: payloadBytes)), at: 16)
        at.putLE(TRGFormat.crc32c(UnsafeRawBufferPointer(start: at, count: 28)), at: 28)
        offset += block + payloadBytes
      }
    }
  }

  /// Rewrites a decision stream's header CRC, the end-of-stream marker's CRC and the records'
  /// CRC the marker stores.
  static func repairDecisionStreamChecksums(_ bytes: inout [UInt8]) {
    let header = DecisionStream.headerBytes, end = DecisionStream.endBytes
    guard bytes.count >= header + end else { return }
    let metadataBytes = Int(bytes.withUnsafeBytes { $0.baseAddress!.le(16, UInt32.self) })
    guard metadataBytes <= bytes.count - header - end else { return }
    bytes.withUnsafeMutableBytes { p in
      let crc = TRGFormat.headerCRC(UnsafeRawBufferPointer(p), metadata: UnsafeRawBufferPointer(rebasing: p[header..<(header + metadataBytes)]))
      p.baseAddress!.putLE(crc, at: 20)
      let endOffset = p.count - end
      let records = UnsafeRawBufferPointer(rebasing: p[(header + metadataBytes)..<endOffset])
      (p.baseAddress! + endOffset).putLE(TRGFormat.crc32c(records), at: 16)
      (p.baseAddress! + endOffset).putLE(TRGFormat.crc32c(UnsafeRawBufferPointer(rebasing: p[endOffset..<(endOffset + 28)])), at: 28)
    }
  }

  // MARK: Helpers

  /// The chain every `.trg` input runs through: the default menu, ideal firmware, one thread.
  nonisolated(unsafe) private static let pipeline = try! TriggerPipeline(
    menu: TriggerMenu(named: "belle2-lowmult"), registry: PluginRegistry(), prescaleMode: .counter, threads: 1)
  /// The run list rates are computed with.
  private static let ratesRunList = try! RunList(
    parsing: "run,experiment,luminosity_pb,firmware,beam_background\n7,3,0.004,ideal,1\n8,3,0.003,ideal,1\n1001,8,2,ideal,1\n1002,8,5,ideal,1\n1003,8,3.5,ideal,1\n1004,8,6,ideal,1\n1005,8,1.5,ideal,1\n1006,8,4.5,ideal,1\n", path: "fuzz-runs.csv")
  /// Keeps the decisions observable, so the chain is not optimised away.
  nonisolated(unsafe) private static var touched = 0

  private static func text(_ bytes: UnsafeRawBufferPointer) -> String { String(decoding: bytes, as: UTF8.self) }

  /// Writes `bytes` to this process's scratch file (in /dev/shm when there is one) and runs `body`
  /// with its path; a refusal must name that path.
  private static func withFile(_ bytes: UnsafeRawBufferPointer, extension fileExtension: String, _ body: (String) throws -> Void) {
    let path = "\(scratchFolder)/trigemu-fuzz-\(getpid()).\(fileExtension)"
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { fatalError("cannot write \(path)") }
    defer { unlink(path) }
    refusalNamesFile(path) { try body(path) }
  }

  private static let scratchFolder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()

  /// Runs `body`; an error it throws must mention `file`.
  private static func refusalNamesFile(_ file: String, _ body: () throws -> Void) {
    do {
      try body()
    } catch {
      let message = String(describing: error)
      guard message.contains(file) else { fatalError("a refusal that does not name the file \(file): \(message)") }
    }
  }
}

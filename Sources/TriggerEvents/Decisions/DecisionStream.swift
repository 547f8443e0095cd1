import Foundation
import TriggerSupport

/// The decision stream: every event's trigger decisions as fixed-size records, written by
/// `trigemu run --decisions` and read back by `trigemu decisions` (docs/decision-stream.md).
///
/// A file is a header (magic, version, record size, the menu and the names of its bits, lines
/// and HLT lines as JSON), the records in input order, and a 32-byte end-of-stream marker that
/// counts them and carries their CRC-32C.
public struct DecisionStream: Equatable, Sendable {
  /// First eight bytes: 0x89 "TRD" CR LF 0x1A LF (as `.trg`, with D for decisions).
  public static let magic: [UInt8] = [0x89, 0x54, 0x52, 0x44, 0x0D, 0x0A, 0x1A, 0x0A]
  /// The format version this code reads and writes.
  public static let version: UInt16 = 1
  /// Bytes of the fixed part of the header (the metadata follows; the same header as `.trg`) and of the end marker.
  static let headerBytes = TRGFormat.fileHeaderBytes, endBytes = TRGFormat.blockBytes
  /// "TRDE", the first four bytes of the end-of-stream marker.
  static let endMagic: UInt32 = 0x4544_5254
  /// Bytes of a record before its words: run, event number, experiment, firmware model, flags.
  static let fixedRecordBytes = 16

  public var menuName: String
  public var menuSHA256: String
  /// Names of the menu's bits, L1 lines and HLT lines, in menu order: bit k of a record's words
  /// is the k-th name.
  public var bitNames: [String]
  public var lineNames: [String]
  public var hltLineNames: [String]
  /// The firmware models the records' model indices refer to.
  public var firmwareNames: [String]

  public init(menuName: String, menuSHA256: String, bitNames: [String], lineNames: [String], hltLineNames: [String], firmwareNames: [String]) {
    self.menuName = menuName
    self.menuSHA256 = menuSHA256
    self.bitNames = bitNames
    self.lineNames = lineNames
    self.hltLineNames = hltLineNames
    self.firmwareNames = firmwareNames
  }

  var bitWords: Int { FlagWords.count(bitNames.count) }
  var lineWords: Int { FlagWords.count(lineNames.count) }
  var hltWords: Int { FlagWords.count(hltLineNames.count) }

  /// Bytes of one record: 16, then the bit words, raw and accepted line words, and HLT raw and
  /// accepted words, 8 bytes each.
  public var recordBytes: Int { Self.fixedRecordBytes + 8 * (bitWords + 2 * lineWords + 2 * hltWords) }

  /// The metadata block as JSON: the menu and the names (docs/decision-stream.md).
  struct Metadata: Codable {
    var menu: String
    var menuSHA256: String
    var bits: [String]
    var lines: [String]
    var hltLines: [String]
    var firmware: [String]

    enum CodingKeys: String, CodingKey {
      case menu, bits, lines, firmware
      case menuSHA256 = "menu_sha256", hltLines = "hlt_lines"
    }
  }

  /// The metadata block: one line of JSON with sorted keys.
  var metadata: [UInt8] {
    get throws(LocatedError) {
      try JSONDocument.encoded(
        Metadata(menu: menuName, menuSHA256: menuSHA256, bits: bitNames, lines: lineNames, hltLines: hltLineNames, firmware: firmwareNames),
        layout: .compact)
    }
  }

  /// The header described by `metadata` (as `metadata` writes it), or what is wrong with it.
  init(metadata: Data) throws(DecisionStreamProblem) {
    let decoded: Metadata
    do {
      decoded = try JSONDocument.decoded(Metadata.self, from: metadata, file: "")
    } catch {
      throw DecisionStreamProblem("the metadata: \(error.message)")
    }
    self.init(
      menuName: decoded.menu, menuSHA256: decoded.menuSHA256, bitNames: decoded.bits, lineNames: decoded.lines, hltLineNames: decoded.hltLines,
      firmwareNames: decoded.firmware)
  }
}

/// What is wrong with part of a decision stream, before the file and offset are added.
struct DecisionStreamProblem: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

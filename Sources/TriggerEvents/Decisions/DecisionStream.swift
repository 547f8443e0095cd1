import Foundation

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

  /// The metadata block: a JSON object with sorted keys.
  var metadata: [UInt8] {
    var text = JSONText()
    func list(_ key: String, _ names: [String], last: Bool = false) {
      text.string(key)
      text.raw(":[")
      for (index, name) in names.enumerated() {
        if index > 0 { text.raw(",") }
        text.string(name)
      }
      text.raw(last ? "]" : "],")
    }
    text.raw("{")
    list("bits", bitNames)
    list("firmware", firmwareNames)
    list("hlt_lines", hltLineNames)
    list("lines", lineNames)
    text.string("menu")
    text.raw(":")
    text.string(menuName)
    text.raw(",")
    text.string("menu_sha256")
    text.raw(":")
    text.string(menuSHA256)
    text.raw("}")
    return text.bytes
  }

  /// The header described by `metadata` (as `metadata` writes it), or what is wrong with it.
  init(metadata: Data) throws(DecisionStreamProblem) {
    guard let object = try? JSONSerialization.jsonObject(with: metadata) as? [String: Any] else {
      throw DecisionStreamProblem("the metadata is not a JSON object")
    }
    func names(_ key: String) throws(DecisionStreamProblem) -> [String] {
      guard let names = object[key] as? [String] else { throw DecisionStreamProblem("the metadata has no list of names \"\(key)\"") }
      return names
    }
    guard let menu = object["menu"] as? String, let sha = object["menu_sha256"] as? String else {
      throw DecisionStreamProblem("the metadata does not name the menu (\"menu\", \"menu_sha256\")")
    }
    self.init(
      menuName: menu, menuSHA256: sha, bitNames: try names("bits"), lineNames: try names("lines"), hltLineNames: try names("hlt_lines"),
      firmwareNames: try names("firmware"))
  }
}

/// What is wrong with part of a decision stream, before the file and offset are added.
struct DecisionStreamProblem: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

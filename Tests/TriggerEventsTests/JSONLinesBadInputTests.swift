import Foundation
import TestSupport
import Testing
import TriggerEvents
import TriggerSupport

/// Every kind of damage a JSON Lines file can have gets an error naming the line and the field.
@Suite struct JSONLinesBadInputTests {
  let directory = TemporaryDirectory()
  let path: String
  /// The lines of a good file: header, two events (runs 10 and 11), end line.
  let lines: [String]

  init() throws {
    path = directory.file("sample.jsonl")
    try EventFiles.write([HandBuiltEvents.dimuon(run: 10, event: 1), HandBuiltEvents.dimuon(run: 11, event: 2)], to: path)
    lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
  }

  /// Writes `lines` with line `number` (from 1) replaced, and returns the reading error.
  func error(line number: Int, replacing old: String, with new: String) throws -> LocatedError? {
    var edited = lines
    #expect(edited[number - 1].contains(old), "line \(number) must contain \(old)")
    edited[number - 1] = edited[number - 1].replacingOccurrences(of: old, with: new)
    return try error(of: edited)
  }

  func error(of edited: [String]) throws -> LocatedError? {
    try (edited.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return EventFiles.readError(path)
  }

  @Test func theSampleReadsCleanlyAndHasOneLinePerEvent() throws {
    #expect(EventFiles.readError(path) == nil)
    #expect(lines.count == 4)
    #expect(lines[3] == #"{"end":{"events":2}}"#)
    #expect(lines[1].hasPrefix(#"{"run":10,"event":1,"experiment":7,"process":"mumu","weight":1.0,"cdc":[{"layer":0,"wire":0,"tdc":120,"adc":40}"#))
  }

  /// The column (from 1) where `text` starts in line `number` of the sample, after replacing.
  func column(of text: String, inLine number: Int, replacing old: String, with new: String) -> Int {
    let line = lines[number - 1].replacingOccurrences(of: old, with: new)
    return line.utf8.count - line.components(separatedBy: text).dropFirst().joined(separator: text).utf8.count - text.utf8.count + 1
  }

  @Test func malformedJSONNamesTheLineAndColumn() throws {
    let error = try error(line: 3, replacing: #""run":11,"#, with: #""run":11,,"#)
    #expect(error == LocatedError(
      file: path, place: .lineColumn(3, column(of: ",,", inLine: 3, replacing: #""run":11,"#, with: #""run":11,,"#) + 1),
      message: "expected a field name in quotes, found ','"))
  }

  @Test func aTrailingCommaIsMalformed() throws {
    let error = try error(line: 2, replacing: #""adc":40}"#, with: #""adc":40,}"#)
    #expect(error?.message == "expected a field name in quotes, found '}'")
  }

  @Test func aDuplicateFieldIsMalformed() throws {
    let error = try error(line: 2, replacing: #""wire":0,"#, with: #""wire":0,"wire":1,"#)
    #expect(error?.message == #"field "wire" appears twice"#)
  }

  @Test func aBareNaNIsNotANumber() throws {
    let error = try error(line: 2, replacing: #""energyGeV":0.21"#, with: #""energyGeV":NaN"#)
    #expect(error?.message == #"field "ecl[0].energyGeV": expected a number, found 'N'"#)
    #expect(error?.place == .lineColumn(2, column(of: "NaN", inLine: 2, replacing: #""energyGeV":0.21"#, with: #""energyGeV":NaN"#)))
  }

  @Test func aFloatBeyondThe32BitRangeIsReported() throws {
    let error = try error(line: 2, replacing: #""energyGeV":0.21"#, with: #""energyGeV":1e39"#)
    #expect(error?.message == #"field "ecl[0].energyGeV": 1e39 is beyond the 32-bit float range"#)
  }

  @Test func aMissingFieldIsNamedWithItsPath() throws {
    let error = try error(line: 2, replacing: #""wire":0,"#, with: "")
    #expect(error?.message == #"missing field "cdc[0].wire""#)
    #expect(error?.place == .lineColumn(2, column(of: #"{"layer":0"#, inLine: 2, replacing: #""wire":0,"#, with: "")))
  }

  @Test func aMissingRecordArrayIsNamed() throws {
    let error = try error(line: 3, replacing: #","mc":[{"pdg":13,"#, with: #","mcX":[{"pdg":13,"#)
    #expect(error?.message == #"unknown field "mcX" (expected run, event, experiment, process, weight, cdc, ecl, klm, tracks, clusters, mc)"#)
    var edited = lines
    edited[2] = String(edited[2][..<edited[2].range(of: #","mc":["#)!.lowerBound]) + "}"
    #expect(try self.error(of: edited)?.message == #"missing field "mc""#)
  }

  @Test func aLayerBeyond55IsReportedWithTheEventAndHit() throws {
    let error = try error(line: 2, replacing: #""layer":55,"#, with: #""layer":56,"#)
    #expect(error == LocatedError(
      file: path, place: .line(2), message: #"run 10 event 1, "cdc"[2] (CDC hit #2): layer 56 is out of range 0–55"#))
  }

  @Test func aNumberTooLargeForItsFieldIsReported() throws {
    let error = try error(line: 2, replacing: #""layer":55,"#, with: #""layer":300,"#)
    #expect(error?.message == #"field "cdc[2].layer": 300 does not fit the range 0–255"#)
    let fraction = try self.error(line: 2, replacing: #""layer":55,"#, with: #""layer":5.5,"#)
    #expect(fraction?.message == #"field "cdc[2].layer": expected a whole number, found 5.5"#)
  }

  @Test func aTriggerCellIdOfZeroIsReported() throws {
    let error = try error(line: 3, replacing: #""cellId":1,"#, with: #""cellId":0,"#)
    #expect(error?.message == #"run 11 event 2, "ecl"[0] (ECL trigger-cell hit #0): trigger-cell id 0 is out of range 1–576"#)
  }

  @Test func aNegativeEnergyIsReported() throws {
    let error = try error(line: 2, replacing: #""energyGeV":0.21"#, with: #""energyGeV":-0.21"#)
    #expect(error?.message == #"run 10 event 1, "ecl"[0] (ECL trigger-cell hit #0): energyGeV -0.21 is negative"#)
  }

  @Test func anUnknownKLMSectionIsReported() throws {
    let error = try error(line: 2, replacing: #""section":"barrel""#, with: #""section":"middle""#)
    #expect(error?.message == #"field "klm[0].section": "middle" is not barrel, forward or backward"#)
    #expect(error?.place == .lineColumn(2, column(of: #""middle""#, inLine: 2, replacing: #""section":"barrel""#, with: #""section":"middle""#)))
  }

  @Test func anUnknownProcessIsReported() throws {
    let error = try error(line: 2, replacing: #""process":"mumu""#, with: #""process":"bhabha""#)
    #expect(error?.message.hasPrefix(#"field "process": "bhabha" is unknown (known: data, ee, gg, mumu"#) == true)
  }

  @Test func aMissingEndLineIsReported() throws {
    let error = try error(of: Array(lines.dropLast()))
    #expect(error == LocatedError(
      file: path, place: .line(4),
      message: #"the file ends without the end line {"end":{"events":N}} after 2 events (was it cut short?)"#))
  }

  @Test func aLostEventLineIsCaughtByTheEndLine() throws {
    let error = try error(of: [lines[0], lines[1], lines[3]])
    #expect(error == LocatedError(
      file: path, place: .line(3), message: "the end line counts 2 events, but the file holds 1 (lines are missing)"))
  }

  @Test func aWrongHeaderLineIsReported() throws {
    let error = try error(line: 1, replacing: #""format":"trigemu-events""#, with: #""format":"other""#)
    #expect(error == LocatedError(
      file: path, place: .line(1), message: #"the header names format "other"; expected "trigemu-events""#))
    let version = try self.error(line: 1, replacing: #""version":1"#, with: #""version":9"#)
    #expect(version?.message == "format version 9 is not supported (this trigemu reads version 1)")
  }

  @Test func anEmptyFileIsReported() throws {
    try "".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(EventFiles.readError(path) == LocatedError(
      file: path, place: .line(1), message: "the file is empty; expected the stream header line"))
  }

  @Test func aMissingFileIsReported() {
    let missing = directory.file("nope.jsonl")
    #expect(EventFiles.readError(missing) == LocatedError(
      file: missing, place: .wholeFile, message: "cannot open: No such file or directory"))
  }

  @Test func aLineLongerThan128MiBIsRefusedBeforeItIsHeldWhole() throws {
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.truncate(atOffset: 0)
    try handle.write(contentsOf: Data((lines[0] + "\n").utf8))
    let block = Data(repeating: UInt8(ascii: " "), count: 1 << 20)
    for _ in 0..<130 { try handle.write(contentsOf: block) }
    try handle.close()
    #expect(EventFiles.readError(path) == LocatedError(
      file: path, place: .line(2),
      message: "the line is longer than 128 MiB without a newline; no event needs that much (is this a JSON Lines file?)"))
  }
}

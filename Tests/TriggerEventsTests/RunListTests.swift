import Foundation
import TestSupport
import Testing
import TriggerSimulation
import TriggerSupport
import TriggerEvents

@Suite struct RunListTests {
  let header = "run,experiment,luminosity_pb,firmware,beam_background\n"

  func error(_ body: String, known: Set<String> = ["ideal"]) -> LocatedError? {
    do {
      _ = try RunList(parsing: header + body, path: "runs.csv", knownFirmware: known)
      return nil
    } catch {
      return error as? LocatedError
    }
  }

  @Test func theDefaultRunListHasSeveralRunsOfDifferentLuminosityAndOneDegradedRun() {
    let list = RunList.default
    #expect(list.runs.count == 6)
    #expect(Set(list.runs.map(\.luminosityPb)).count == 6)
    #expect(list.totalLuminosityPb == 22.5)
    #expect(list.runs.allSatisfy { $0.experiment == 8 })
    #expect(list.runs.filter { $0.firmware != "ideal" }.map(\.run) == [1005])
    #expect(list.info(for: 1005)?.firmware == "cdc-merger-crate-off")
  }

  @Test func aRunListReadsCommentsBlankLinesCRLFAndAnOptionalBackgroundColumn() throws {
    let text = "# my runs\r\n\r\nrun,experiment,luminosity_pb,firmware,beam_background\r\n 7 , 3 , 1.25 , phase2 \r\n8,3,0,ideal,0.5\r\n"
    let list = try RunList(parsing: text, path: "x.csv", knownFirmware: ["ideal", "phase2"])
    #expect(list.runs == [
      RunInfo(run: 7, experiment: 3, luminosityPb: 1.25, firmware: "phase2", beamBackground: 1),
      RunInfo(run: 8, experiment: 3, luminosityPb: 0, firmware: "ideal", beamBackground: 0.5),
    ])
    #expect(try RunList(parsing: list.csv, path: "again.csv", knownFirmware: ["ideal", "phase2"]) == list)
  }

  @Test func aDuplicateRunNamesBothLines() {
    #expect(error("1,8,2,ideal\n2,8,1,ideal\n1,8,3,ideal\n")?.description == "runs.csv:4: duplicate run 1 (first on line 2)")
  }

  @Test func aMissingOrNegativeLuminosityIsReported() {
    #expect(error("1,8,,ideal\n")?.description == "runs.csv:2: luminosity_pb is missing")
    #expect(error("1,8,-2.5,ideal\n")?.description == "runs.csv:2: luminosity_pb -2.5 is negative")
    #expect(error("1,8,lots,ideal\n")?.description == "runs.csv:2: luminosity_pb \"lots\" is not a number (pb⁻¹)")
    // Beyond SuperKEKB's whole goal: refused here, before a simulation would try to draw 10³⁰ events.
    #expect(error("1,8,1e29,ideal\n")?.description == "runs.csv:2: luminosity_pb 1e29 is more than 50000000.0 pb⁻¹ (50 ab⁻¹, all SuperKEKB is to deliver) for one run")
  }

  @Test func anUnknownFirmwareTagIsReportedWithTheKnownOnes() {
    #expect(error("1,8,2,phase9\n", known: ["ideal", "phase2"])?.description
      == "runs.csv:2: unknown firmware model \"phase9\" (known: ideal, phase2)")
  }

  @Test func malformedLinesAreReported() {
    #expect(error("1,8,2\n")?.description
      == "runs.csv:2: malformed line: expected 4 or 5 comma-separated fields (run,experiment,luminosity_pb,firmware,beam_background), found 3")
    #expect(error("one,8,2,ideal\n")?.description == "runs.csv:2: run \"one\" is not a whole number 0–4294967295")
    #expect(error("1,8,2,ideal,-1\n")?.description == "runs.csv:2: beam_background \"-1\" is not a number ≥ 0 (1 = nominal)")
  }

  @Test func aMissingHeaderIsReported() {
    #expect(throws: LocatedError(file: "r.csv", line: 1, message: "expected the header line \"run,experiment,luminosity_pb,firmware,beam_background\", found \"1,8,2,ideal\"")) {
      try RunList(parsing: "1,8,2,ideal\n", path: "r.csv")
    }
    #expect(throws: LocatedError(file: "r.csv", line: 1, message: "no header line and no runs: the run list is empty")) {
      try RunList(parsing: "# nothing\n", path: "r.csv")
    }
  }

  @Test func aFileTooLargeForARunListOrNotARegularFileIsRefusedBeforeItIsRead() throws {
    let directory = TemporaryDirectory()
    let huge = directory.file("huge.csv")
    #expect(FileManager.default.createFile(atPath: huge, contents: nil))
    let handle = try #require(FileHandle(forWritingAtPath: huge))
    try handle.truncate(atOffset: UInt64(InputFile.configurationLimitBytes + (1 << 20)))  // sparse: no disk used
    try handle.close()
    #expect(throws: LocatedError(file: huge, message: "the file is 65 MiB, more than the 64 MiB such a file may be (is it the right file?)")) {
      try RunList(path: huge)
    }
    #expect(throws: LocatedError(file: directory.path, message: "cannot read the file: not a regular file")) { try RunList(path: directory.path) }
    #expect(throws: LocatedError(file: directory.file("none.csv"), message: "cannot read the file: No such file or directory")) {
      try RunList(path: directory.file("none.csv"))
    }
  }
}

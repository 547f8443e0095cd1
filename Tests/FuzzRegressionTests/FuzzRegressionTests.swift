import Foundation
import TestSupport
import Testing

/// Every input the fuzzers ever crashed a reader with (FuzzTesting/FailCases/) and every seed
/// (FuzzTesting/Seeds/) goes through the same entry as the fuzz target, without the fuzzer:
/// a reader that crashes, traps or names no file in a refusal fails this test (it stops the
/// test process, which `swift test` reports as a failure). Serialized: the entries share one
/// pipeline and one scratch file per process.
@Suite(.serialized) struct FuzzRegressionTests {
  static func inputs(of reader: FuzzReader, in folder: String) throws -> [URL] {
    let directory = URL(fileURLWithPath: RepositoryFiles.path("FuzzTesting/\(folder)/\(reader.targetName)"))
    guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
    return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
      .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
  }

  @Test(arguments: FuzzReader.allCases)
  func everyKeptCrashInputIsReadWithoutACrash(_ reader: FuzzReader) throws {
    for input in try Self.inputs(of: reader, in: "FailCases") {
      try Data(contentsOf: input).withUnsafeBytes { reader.read($0) }
    }
  }

  @Test(arguments: FuzzReader.allCases)
  func everySeedIsReadWithoutACrash(_ reader: FuzzReader) throws {
    let seeds = try Self.inputs(of: reader, in: "Seeds")
    #expect(!seeds.isEmpty, "FuzzTesting/Seeds/\(reader.targetName) is empty (FuzzTesting/make-seeds makes it)")
    for seed in seeds {
      try Data(contentsOf: seed).withUnsafeBytes { reader.read($0) }
    }
  }

  @Test func theCrashCorpusHoldsTheInputsOfEveryFixedCrash() throws {
    // One kept input per crash fixed (docs/reliability.md lists them); a missing one would let
    // the crash come back unnoticed.
    let kept = try FuzzReader.allCases.flatMap { try Self.inputs(of: $0, in: "FailCases") }.map(\.lastPathComponent)
    for name in ["end-marker-counts-2^63", "decision-count-2^63", "deep-parentheses-line", "deep-parentheses-cut", "deep-negation-menu"] {
      #expect(kept.contains(name), "FuzzTesting/FailCases lacks \(name)")
    }
  }
}

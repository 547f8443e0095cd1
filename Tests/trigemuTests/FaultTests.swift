import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The job meets the faults of real machines: an interrupt, a kill, a full disk, an input cut
/// short while it is read. Each leaves the earlier output intact and no file under the final
/// name that is not whole (docs/reliability.md, "Faults"). The built `trigemu` runs as a child.
@Suite(.serialized) struct FaultTests {
  let directory = TemporaryDirectory()
  static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("trigemu")

  /// A started `trigemu` with its standard error collected.
  final class Child {
    let process = Process()
    private let errorPipe = Pipe()
    init(_ arguments: [String], in directory: String) throws {
      process.executableURL = FaultTests.binary
      process.arguments = arguments
      process.currentDirectoryURL = URL(fileURLWithPath: directory)
      process.standardOutput = FileHandle.nullDevice
      process.standardError = errorPipe
      try process.run()
    }
    /// Waits for the end; returns how it ended and what it wrote on standard error.
    func finish() -> (reason: Process.TerminationReason, status: Int32, error: String) {
      let error = errorPipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return (process.terminationReason, process.terminationStatus, String(decoding: error, as: UTF8.self))
    }
  }

  /// The names in the test folder.
  func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() }

  /// Waits (up to a minute) until a file whose name starts with `prefix` and holds the
  /// unfinished-file marker exists, i.e. the child is writing.
  func waitForUnfinishedFile(_ prefix: String) throws -> String {
    for _ in 0..<6000 {
      if let name = try names().first(where: { $0.hasPrefix(prefix + ".tmp-") }) { return name }
      usleep(10_000)
    }
    Issue.record("no unfinished \(prefix) appeared in a minute")
    return ""
  }

  func contents(_ name: String) throws -> String { try String(contentsOfFile: directory.file(name), encoding: .utf8) }

  /// A long simulation (about 185 MB) into `out.trg`, where an earlier `out.trg` holds "earlier".
  func startLongSimulation() throws -> Child {
    try "earlier".write(toFile: directory.file("out.trg"), atomically: true, encoding: .utf8)
    return try Child(["simulate", "--scale", "ee=0.05", "--out", "out.trg"], in: directory.path)
  }

  @Test(arguments: [(SIGINT, Int32(130), "SIGINT"), (SIGTERM, 143, "SIGTERM")])
  func anInterruptRemovesTheUnfinishedOutputAndExitsWith128PlusTheSignal(signal: Int32, status: Int32, name: String) throws {
    let child = try startLongSimulation()
    _ = try waitForUnfinishedFile("out.trg")
    kill(child.process.processIdentifier, signal)
    let end = child.finish()
    #expect(end.reason == .exit && end.status == status)
    #expect(end.error.contains("trigemu: stopped by \(name); removed 1 unfinished file, earlier outputs are untouched"))
    #expect(try names() == ["out.trg"])
    #expect(try contents("out.trg") == "earlier")
  }

  @Test func aKilledJobLeavesNoFileUnderTheFinalNameAndTheNextJobRemovesWhatItLeft() throws {
    let child = try startLongSimulation()
    let unfinished = try waitForUnfinishedFile("out.trg")
    kill(child.process.processIdentifier, SIGKILL)
    let end = child.finish()
    #expect(end.reason == .uncaughtSignal && end.status == SIGKILL)
    #expect(try names() == ["out.trg", unfinished], "the killed job's file stays, under its unfinished name")
    #expect(try contents("out.trg") == "earlier")
    try "run,experiment,luminosity_pb,firmware,beam_background\n7,3,0.004,ideal,1.0\n".write(
      toFile: directory.file("runs.csv"), atomically: true, encoding: .utf8)
    let next = try Child(["simulate", "--runs", "runs.csv", "--processes", "mumu", "--out", "out.trg"], in: directory.path)
    let nextEnd = next.finish()
    #expect(nextEnd.status == 0)
    #expect(nextEnd.error.contains("trigemu: removed \(unfinished), left unfinished by process \(child.process.processIdentifier), which was stopped before it could finish"))
    #expect(try names() == ["out.trg", "runs.csv"])
    #expect(try Data(contentsOf: URL(fileURLWithPath: directory.file("out.trg"))).starts(with: [0x89, 0x54, 0x52, 0x47]), "the new job's events")
  }

  @Test func aFullFilesystemIsAnErrorNamingTheOutputAndTheEarlierFileStays() throws {
    // A 1 MiB tmpfs gives a real ENOSPC from the kernel. It is mounted in a mount namespace of
    // the child's own (`unshare`, which needs no root where user namespaces are allowed), so it
    // is never seen outside and goes away with the child. CI requires it.
    let mountPoint = directory.file("small")
    try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
    let script = """
      mount -t tmpfs -o size=1m tmpfs "$1" && cd "$1" && printf earlier > out.trg || exit 99
      "$2" simulate --out out.trg
      echo "status $?"; ls -A; printf 'contents '; cat out.trg
      """
    let unshare = ["/usr/bin/unshare", "/bin/unshare"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/unshare"
    let child = Process()
    child.executableURL = URL(fileURLWithPath: unshare)
    child.arguments = ["--user", "--map-root-user", "--mount", "sh", "-c", script, "sh", mountPoint, Self.binary.path]
    let output = Pipe(), error = Pipe()
    child.standardOutput = output
    child.standardError = error
    var printed = "", complaint = "no unshare command"
    if FileManager.default.isExecutableFile(atPath: unshare) {
      try child.run()
      printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      complaint = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      child.waitUntilExit()
    }
    guard child.processIdentifier != 0, child.terminationStatus != 99 else {
      if ProcessInfo.processInfo.environment["TRIGEMU_REQUIRE_FAULT_MOUNT"] == "1" {
        Issue.record("cannot mount a tmpfs in a mount namespace for the full-filesystem test: \(complaint)")
      } else {
        print("FaultTests: skipping the full-filesystem test: no tmpfs could be mounted (\(complaint))")
      }
      return
    }
    #expect(complaint.contains("Error: out.trg: cannot write: No space left on device"))
    #expect(printed == "status 1\nout.trg\ncontents earlier", "only the earlier file, intact, and exit status 1")
  }

  @Test func anInputCutShortWhileItIsReadIsNamedAndNoOutputIsLeft() throws {
    try EventFiles.write(HandBuiltEvents.synthetic(count: 20_000, runs: 3), to: directory.file("in.trg"))
    let fullSize = try #require(FileManager.default.attributesOfItem(atPath: directory.file("in.trg"))[.size] as? Int)
    let child = try Child(
      ["run", "--menu", "belle2-lowmult", "--input", "in.trg", "--out", "tallies.json", "--decisions", "d.trgd", "--threads", "2"],
      in: directory.path)
    _ = try waitForUnfinishedFile("d.trgd")
    #expect(truncate(directory.file("in.trg"), off_t(fullSize / 20)) == 0)
    let end = child.finish()
    #expect(end.reason == .exit && end.status == 1)
    let named = [
      "Error: in.trg: the file became shorter while it was being read (truncated by another program?); unfinished outputs were removed",
      "Error: in.trg: byte",
    ]
    #expect(named.contains { end.error.contains($0) }, "\(end.error)")
    print("FaultTests: the cut input gave: \(end.error)")
    #expect(try names() == ["in.trg"])
  }
}

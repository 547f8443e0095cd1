import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files a job has not finished yet — temporary outputs (`AtomicOutputFile`), scratch
/// folders (`ScratchFolder`) and mapped inputs (`ReadOnlyFile`) — and what happens to them when
/// the job ends abnormally (docs/reliability.md, "Faults"):
///
/// - SIGINT, SIGTERM, SIGHUP: the unfinished outputs and scratch folders are removed, the
///   earlier files under the final names stay as they were, and the process exits with
///   128 + the signal number (130, 143, 129).
/// - SIGBUS from a mapped input that another program truncated: the error names the file, the
///   unfinished outputs are removed, exit status 1.
/// - SIGKILL cannot be caught: the next job that writes the same output, or makes a scratch
///   folder, removes what a killed job of this host left (the names carry host and process id,
///   and a file is removed only when that process is gone) and says so on standard error.
public enum UnfinishedFiles {
  /// The marker in the name of every unfinished file: `NAME.tmp-HOST-PID-RANDOM`.
  static let marker = ".tmp-"

  /// This machine's host name, as it goes into unfinished file names (no `-` or `/`).
  static let host: String = {
    var buffer = [CChar](repeating: 0, count: 256)
    gethostname(&buffer, buffer.count)
    let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let cleaned = String(name.map { $0 == "-" || $0 == "/" || $0 == "." ? "_" : $0 })
    return cleaned.isEmpty ? "host" : cleaned
  }()

  /// The suffix that makes `name` an unfinished file of this process.
  static func unfinishedSuffix() -> String { "\(marker)\(host)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))" }

  // MARK: Registry

  private static let lock = NSLock()
  nonisolated(unsafe) private static var outputs: [Int: String] = [:]
  nonisolated(unsafe) private static var folders: [Int: String] = [:]
  nonisolated(unsafe) private static var nextToken = 0

  /// Slots the SIGBUS handler reads without a lock: unfinished outputs as C strings, and mapped
  /// inputs as (start, end, path). Fixed size, so the handler never allocates.
  private static let slotCount = 64
  nonisolated(unsafe) private static let outputSlots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
    let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: slotCount)
    slots.initialize(repeating: nil, count: slotCount)
    return slots
  }()
  private struct Mapping {
    var start: UInt
    var end: UInt
    var path: UnsafeMutablePointer<CChar>?
  }
  nonisolated(unsafe) private static let mappingSlots: UnsafeMutablePointer<Mapping> = {
    let slots = UnsafeMutablePointer<Mapping>.allocate(capacity: slotCount)
    slots.initialize(repeating: Mapping(start: 0, end: 0, path: nil), count: slotCount)
    return slots
  }()

  /// Registers an unfinished output; returns the token that `finished(output:)` takes.
  static func register(output path: String) -> Int {
    installHandlers()
    lock.lock()
    defer { lock.unlock() }
    nextToken += 1
    outputs[nextToken] = path
    if let free = (0..<slotCount).first(where: { outputSlots[$0] == nil }) { outputSlots[free] = strdup(path) }
    return nextToken
  }

  /// The output of `token` was committed or discarded.
  static func finished(output token: Int) {
    lock.lock()
    defer { lock.unlock() }
    guard let path = outputs.removeValue(forKey: token) else { return }
    for k in 0..<slotCount {
      if let slot = outputSlots[k], String(cString: slot) == path {
        outputSlots[k] = nil
        free(slot)
        break
      }
    }
  }

  /// Registers a scratch folder, removed on SIGINT/SIGTERM/SIGHUP.
  static func register(folder path: String) -> Int {
    installHandlers()
    lock.lock()
    defer { lock.unlock() }
    nextToken += 1
    folders[nextToken] = path
    return nextToken
  }

  static func finished(folder token: Int) {
    lock.lock()
    defer { lock.unlock() }
    folders[token] = nil
  }

  /// Registers the mapping of an input file, so that a SIGBUS inside it is reported as the file
  /// having been truncated while being read.
  public static func register(mapping start: UnsafeRawPointer, bytes: Int, path: String) {
    installHandlers()
    lock.lock()
    defer { lock.unlock() }
    guard let free = (0..<slotCount).first(where: { mappingSlots[$0].path == nil }) else { return }
    mappingSlots[free] = Mapping(start: UInt(bitPattern: start), end: UInt(bitPattern: start) + UInt(bytes), path: strdup(path))
  }

  public static func unregister(mapping start: UnsafeRawPointer) {
    lock.lock()
    defer { lock.unlock() }
    for k in 0..<slotCount where mappingSlots[k].start == UInt(bitPattern: start) && mappingSlots[k].path != nil {
      let path = mappingSlots[k].path
      mappingSlots[k] = Mapping(start: 0, end: 0, path: nil)
      free(path)
    }
  }

  // MARK: Signals

  nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
  private static let installOnce: Void = {
    for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler { interrupted(by: signalNumber) }
      source.resume()
      sources.append(source)
    }
    var action = sigaction()
    #if canImport(Glibc)
    action.__sigaction_handler.sa_sigaction = { _, info, _ in UnfinishedFiles.busError(address: info?.pointee._sifields._sigfault.si_addr) }
    #else
    action.__sigaction_u.__sa_sigaction = { _, info, _ in UnfinishedFiles.busError(address: info?.pointee.si_addr) }
    #endif
    action.sa_flags = SA_SIGINFO
    sigaction(SIGBUS, &action, nil)
  }()

  /// Installs the handlers (once per process; every registration does this).
  public static func installHandlers() { _ = installOnce }

  /// SIGINT, SIGTERM or SIGHUP: removes the unfinished files and exits with 128 + the signal.
  private static func interrupted(by signalNumber: Int32) {
    lock.lock()
    let outputPaths = Array(outputs.values), folderPaths = Array(folders.values)
    lock.unlock()
    for path in outputPaths { unlink(path) }
    for path in folderPaths { try? FileManager.default.removeItem(atPath: path) }
    let name = [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"][signalNumber] ?? "signal \(signalNumber)"
    let removed = outputPaths.count + folderPaths.count
    FileHandle.standardError.write(Data("trigemu: stopped by \(name); removed \(removed) unfinished file\(removed == 1 ? "" : "s"), earlier outputs are untouched\n".utf8))
    exit(128 + signalNumber)
  }

  /// SIGBUS: when the address is inside a mapped input, says which file shrank; removes the
  /// unfinished outputs; exits with status 1. Only async-signal-safe calls (write, unlink, _exit).
  private static func busError(address: UnsafeMutableRawPointer?) {
    let at = UInt(bitPattern: address)
    func say(_ text: UnsafePointer<CChar>) { _ = write(2, text, strlen(text)) }
    say("Error: ")
    var named = false
    for k in 0..<slotCount {
      let mapping = mappingSlots[k]
      if let path = mapping.path, at >= mapping.start, at < mapping.end {
        say(path)
        say(": the file became shorter while it was being read (truncated by another program?); unfinished outputs were removed\n")
        named = true
        break
      }
    }
    if !named { say("bus error outside any input file (SIGBUS)\n") }
    for k in 0..<slotCount { if let slot = outputSlots[k] { unlink(slot) } }
    _exit(1)
  }

  // MARK: Leftovers of killed jobs

  /// Removes files in `folder` whose names start with `prefix` followed by an unfinished-file
  /// marker of this host and a process that no longer runs, and reports each on standard error.
  static func removeLeftovers(in folder: String, startingWith prefix: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    let start = prefix + marker + host + "-"
    for name in names where name.hasPrefix(start) {
      let rest = name.dropFirst(start.count)
      guard let pidText = rest.split(separator: "-").first, let pid = Int32(pidText), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
      let path = folder == "." ? name : folder == "/" ? "/\(name)" : "\(folder)/\(name)"
      guard (try? FileManager.default.removeItem(atPath: path)) != nil else { continue }
      FileHandle.standardError.write(Data("trigemu: removed \(path), left unfinished by process \(pid), which was stopped before it could finish\n".utf8))
    }
  }
}

import Foundation
import TriggerSupport

/// One run of an executable as a child process: wall time, CPU time (user + system, all its
/// threads) and peak resident memory.
///
/// The peak is the child's maximum RSS from wait4, which on Linux is at least the peak of the
/// process that started it (posix_spawn shares this process's memory until the child's exec, and
/// the kernel counts it then): only a small parent lets the child's own peak show.
public struct ChildRun: Sendable {
  public var seconds: Double
  public var cpuSeconds: Double
  public var peakMemoryMB: Double

  /// Runs `executable` with `arguments`, its standard output discarded, and waits for it; an
  /// error when it cannot start or does not exit with status 0.
  public static func measure(executable: String, arguments: [String]) throws(LocatedError) -> ChildRun {
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    var pid: pid_t = 0
    let started = DispatchTime.now().uptimeNanoseconds
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else { throw LocatedError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    guard wait4(pid, &status, 0, &usage) == pid else { throw LocatedError("lost the child process \(pid)") }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
      throw LocatedError("\(executable) \(arguments.joined(separator: " ")) failed (wait status \(status))")
    }
    func cpu(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return ChildRun(seconds: seconds, cpuSeconds: cpu(usage.ru_utime) + cpu(usage.ru_stime), peakMemoryMB: Double(usage.ru_maxrss) / 1024)
  }
}

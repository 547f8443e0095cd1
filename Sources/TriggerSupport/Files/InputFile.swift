import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a whole configuration or result file (menu, firmware model, run list, yields, JSON
/// result) into memory: its size is checked against a limit first, so that no file can make a
/// command hold gigabytes (docs/reliability.md, "Limits").
public enum InputFile {
  /// The largest configuration file (menu, firmware model, run list, yield table): 64 MiB, far
  /// more than a list of every Belle II run needs.
  public static let configurationLimitBytes = 64 << 20
  /// The largest JSON result (tallies, efficiencies, rates): 1 GiB, the tallies of some 50 000 runs.
  public static let resultLimitBytes = 1 << 30

  /// The bytes of the regular file at `path`, at most `limitBytes` of them; errors name the file.
  public static func contents(of path: String, limitBytes: Int) throws(LocatedError) -> Data {
    var status = stat()
    guard stat(path, &status) == 0 else { throw LocatedError(file: path, message: "cannot read the file: \(systemError())") }
    guard (status.st_mode & S_IFMT) == S_IFREG else { throw LocatedError(file: path, message: "cannot read the file: not a regular file") }
    guard Int(status.st_size) <= limitBytes else {
      throw LocatedError(
        file: path, message: "the file is \(Int(status.st_size) >> 20) MiB, more than the \(limitBytes >> 20) MiB such a file may be (is it the right file?)")
    }
    guard let data = FileManager.default.contents(atPath: path) else { throw LocatedError(file: path, message: "cannot read the file: \(systemError())") }
    guard data.count <= limitBytes else { throw LocatedError(file: path, message: "the file grew past \(limitBytes >> 20) MiB while it was read") }
    return data
  }
}

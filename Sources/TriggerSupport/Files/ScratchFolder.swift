import Foundation

/// A new folder under the system's temporary directory for one job's intermediate files (the
/// samples `measure` and `signal` simulate), removed with everything in it by `remove()`.
public struct ScratchFolder {
  public let url: URL

  /// A folder named after `label`, the process and a random number.
  public init(label: String) throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("trigemu-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// The path of the file `name` in the folder.
  public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  public func remove() { try? FileManager.default.removeItem(at: url) }
}

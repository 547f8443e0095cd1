import Foundation

/// A new folder under the system's temporary directory for one job's intermediate files (the
/// samples `measure` and `signal` simulate), removed with everything in it by `remove()`.
public struct ScratchFolder {
  public let url: URL
  private let registration: Int

  /// A folder `trigemu-LABEL.tmp-HOST-PID-RANDOM` (first removing such folders of this host's
  /// killed jobs, see `UnfinishedFiles`), removed also when the job is interrupted.
  public init(label: String) throws {
    let temporary = FileManager.default.temporaryDirectory
    UnfinishedFiles.removeLeftovers(in: temporary.path, startingWith: "trigemu-\(label)")
    url = temporary.appendingPathComponent("trigemu-\(label)" + UnfinishedFiles.unfinishedSuffix())
    registration = UnfinishedFiles.register(folder: url.path)
    do {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    } catch {
      UnfinishedFiles.finished(folder: registration)
      throw error
    }
  }

  /// The path of the file `name` in the folder.
  public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  public func remove() {
    try? FileManager.default.removeItem(at: url)
    UnfinishedFiles.finished(folder: registration)
  }
}

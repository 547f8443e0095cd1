import Foundation
import Synchronization

/// A fresh directory under the system's temporary directory, removed when the value is dropped,
/// or when the test process exits if it never is (a suite's `static let` fixture).
public final class TemporaryDirectory: Sendable {
  public let path: String

  public init() {
    path = NSTemporaryDirectory() + "trigemu-test-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    LeftAtExit.shared.add(path)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
    LeftAtExit.shared.remove(path)
  }

  /// The path of `name` inside the directory.
  public func file(_ name: String) -> String { path + "/" + name }
}

/// The temporary directories still there, removed by an `atexit` handler: statics are never
/// deinitialised, and without this every test run would leave its shared samples behind.
private final class LeftAtExit: Sendable {
  static let shared: LeftAtExit = {
    atexit { LeftAtExit.shared.removeAll() }
    return LeftAtExit()
  }()

  private let paths = Mutex<Set<String>>([])

  func add(_ path: String) { paths.withLock { _ = $0.insert(path) } }
  func remove(_ path: String) { paths.withLock { _ = $0.remove(path) } }

  func removeAll() {
    for path in paths.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
  }
}

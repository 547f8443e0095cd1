import Foundation
import TriggerPluginABI
import TriggerSupport

#if canImport(Glibc)
  import Glibc
#endif


/// The condition kinds a menu can name: the built-in ones (`ConditionRegistry`) and those of
/// shared libraries loaded at run time through the C ABI of `trigemu_plugin.h` (docs/plugins.md).
///
/// A C ABI rather than Swift protocols across `dlopen`: Swift type identity would need the
/// protocol module as one dynamic library shared by host and plugin (docs/design.md, "Plugins").
public final class PluginRegistry: @unchecked Sendable {
  private let lock = NSLock()
  private var external: [ConditionKind] = []
  private var loadedLibraries: Set<String> = []

  public init() {}

  /// Every kind, built-in then external, each group in name order.
  public var kinds: [ConditionKind] { lock.withLock { ConditionRegistry.kinds + external } }

  public func kind(named name: String) -> ConditionKind? { kinds.first { $0.name == name } }

  /// Makes a condition of any known kind, validating its parameters as `ConditionRegistry.make`
  /// does; `adjust` changes the validated values before the condition is made.
  public func make(kind name: String, parameters: [String: PluginValue] = [:], adjust: (inout PluginParameters) -> Void = { _ in }) throws -> any TriggerCondition {
    try ConditionRegistry.make(kind: name, parameters: parameters, among: kinds, adjust: adjust)
  }

  /// Loads a plugin library and registers its kinds (once per path).
  public func loadLibrary(path: String) throws {
    let canonical = URL(fileURLWithPath: path).standardizedFileURL.path
    if lock.withLock({ loadedLibraries.contains(canonical) }) { return }
    guard FileManager.default.fileExists(atPath: canonical) else {
      throw LocatedError("plugin library \(path): no such file")
    }
    guard let handle = dlopen(canonical, RTLD_NOW | RTLD_LOCAL) else {
      throw LocatedError("plugin library \(path): cannot be loaded: \(String(cString: dlerror()))")
    }
    func symbol(_ name: String) throws -> UnsafeMutableRawPointer {
      guard let pointer = dlsym(handle, name) else {
        throw LocatedError("plugin library \(path): missing symbol \(name) (see docs/plugins.md)")
      }
      return pointer
    }
    let version = unsafeBitCast(try symbol("trigemu_plugin_abi_version"), to: trigemu_plugin_abi_version_function.self)()
    guard version == TRIGEMU_PLUGIN_ABI_VERSION else {
      throw LocatedError(
        "plugin library \(path): built for plugin ABI version \(version), but this trigemu speaks version \(TRIGEMU_PLUGIN_ABI_VERSION); rebuild it against this trigemu's trigemu_plugin.h")
    }
    let list = unsafeBitCast(try symbol("trigemu_plugin_conditions"), to: trigemu_plugin_conditions_function.self)
    var count: Int32 = 0
    guard let table = list(&count), count > 0 else {
      throw LocatedError("plugin library \(path): trigemu_plugin_conditions returned no condition kinds")
    }
    var kinds: [ConditionKind] = []
    for index in 0..<Int(count) {
      guard let plugin = table[index] else { throw LocatedError("plugin library \(path): condition \(index) is null") }
      kinds.append(try ExternalCondition.kind(plugin, library: path))
    }
    try lock.withLock {
      for kind in kinds {
        if ConditionRegistry.kinds.contains(where: { $0.name == kind.name }) || external.contains(where: { $0.name == kind.name }) {
          throw LocatedError("plugin library \(path): condition kind \(kind.name) is already defined")
        }
      }
      external += kinds
      external.sort { $0.name < $1.name }
      loadedLibraries.insert(canonical)
    }
  }
}

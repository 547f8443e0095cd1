import Foundation
import TriggerSupport

/// The menus and firmware models that ship with trigemu (`trigger-menus/`, `firmware-models/`),
/// found from any working directory: a command given a name (`--menu belle2-lowmult`,
/// `--firmware belle2-2018-phase2`) reads the shipped file; given a path, the user's file.
///
/// They are SwiftPM resources of this module, in the folder `trigemu_TriggerEmulation.resources`
/// beside the `trigemu` binary (or the test bundle). A shipped file is named in messages and
/// outputs by its place in the repository (`trigger-menus/belle2-lowmult.yaml`), so outputs do not
/// depend on where trigemu is installed.
public enum ShippedFiles {
  /// A kind of shipped file, by the folder it is in.
  public enum Kind: String, Sendable, CaseIterable {
    case menu = "trigger-menus"
    case firmwareModel = "firmware-models"

    var noun: String { self == .menu ? "menu" : "firmware model" }
  }

  /// The folder holding the shipped folders, or nil when it is not installed beside the binary.
  public static let resourceFolder: URL? = {
    let bundleName = "trigemu_TriggerEmulation.resources"
    var candidates: [URL] = []
    if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
      candidates.append(executable.deletingLastPathComponent().appendingPathComponent(bundleName))
    }
    candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundleName))
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(bundleName))
    return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent(Kind.menu.rawValue).path) }
  }()

  /// The names of the shipped files of `kind` (file names without `.yaml`), sorted.
  public static func names(_ kind: Kind) -> [String] {
    guard let folder = resourceFolder?.appendingPathComponent(kind.rawValue) else { return [] }
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
  }

  /// How a shipped file is named in messages and outputs: `trigger-menus/NAME.yaml`.
  public static func label(_ kind: Kind, _ name: String) -> String { "\(kind.rawValue)/\(name).yaml" }

  /// Where the shipped file `name` of `kind` is on this machine, or nil.
  public static func url(_ kind: Kind, _ name: String) -> URL? {
    guard let url = resourceFolder?.appendingPathComponent(kind.rawValue).appendingPathComponent(name + ".yaml"),
      FileManager.default.fileExists(atPath: url.path)
    else { return nil }
    return url
  }

  /// The text and label of the shipped file `name`; an error lists the shipped names.
  public static func text(_ kind: Kind, _ name: String) throws -> (text: String, label: String) {
    guard let url = url(kind, name), let data = FileManager.default.contents(atPath: url.path) else {
      guard resourceFolder != nil else {
        throw LocatedError(
          "no \(kind.noun) file \(name), and the shipped ones are not installed (the folder trigemu_TriggerEmulation.resources "
            + "belongs beside the trigemu binary); give the path of a file")
      }
      throw LocatedError("no \(kind.noun) file \(name), and no shipped \(kind.noun) of that name (shipped: \(names(kind).joined(separator: ", ")))")
    }
    return (String(decoding: data, as: UTF8.self), label(kind, name))
  }

  /// Whether a command argument means a file rather than a shipped name: it names an existing
  /// file, or it looks like a path (it has a `/` or ends in `.yaml` or `.yml`).
  public static func isPath(_ argument: String) -> Bool {
    argument.contains("/") || argument.hasSuffix(".yaml") || argument.hasSuffix(".yml") || FileManager.default.fileExists(atPath: argument)
  }
}

extension TriggerMenu {
  /// The menu `argument` names: a menu file, or a shipped menu by name (`belle2-lowmult`).
  public init(named argument: String, registry: PluginRegistry = PluginRegistry()) throws {
    if ShippedFiles.isPath(argument) {
      try self.init(path: argument, registry: registry)
    } else {
      let shipped = try ShippedFiles.text(.menu, argument)
      try self.init(text: shipped.text, path: shipped.label, registry: registry)
    }
  }
}

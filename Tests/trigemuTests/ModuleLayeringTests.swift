import Foundation
import Testing
import TestSupport

/// The modules depend one way (docs/design.md, "Modules"): each imports only modules of a lower
/// layer, the dependencies Package.swift declares are exactly those docs/design.md draws, and
/// every import in a module's sources is one it declares.
@Suite struct ModuleLayeringTests {
  /// The layers from the bottom; a module may import only modules of lower layers.
  static let layers: [[String]] = [
    ["TriggerKernels", "TriggerSupport", "TriggerPluginABI"],
    ["TriggerEvents"],
    ["TriggerSimulation", "TriggerEmulation"],
    ["TriggerAnalysis"],
    ["TriggerJobs"],
    ["trigemu"],
  ]
  static let modules = Set(layers.joined())

  static func layer(of module: String) -> Int? { layers.firstIndex { $0.contains(module) } }

  /// Each module's dependencies on other project modules, as Package.swift declares them.
  static func declaredDependencies() throws -> [String: Set<String>] {
    let text = try String(contentsOfFile: RepositoryFiles.path("Package.swift"), encoding: .utf8)
    var result: [String: Set<String>] = [:]
    let pattern = try NSRegularExpression(pattern: #"\.(?:target|executableTarget)\(\s*name: "(\w+)"(?:,\s*dependencies: \[([^\]]*)\])?"#)
    for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
      let name = String(text[Range(match.range(at: 1), in: text)!])
      guard modules.contains(name) else { continue }
      var dependencies = Set<String>()
      if let range = Range(match.range(at: 2), in: text) {
        let list = String(text[range])
        let quoted = try NSRegularExpression(pattern: #"(?<!name: )"(\w+)""#)
        for item in quoted.matches(in: list, range: NSRange(list.startIndex..., in: list)) {
          let dependency = String(list[Range(item.range(at: 1), in: list)!])
          if modules.contains(dependency) { dependencies.insert(dependency) }
        }
      }
      result[name] = dependencies
    }
    return result
  }

  /// The module diagram at the top of docs/design.md: lines `Module → A, B` (or `→ nothing`).
  static func drawnDependencies() throws -> [String: Set<String>] {
    let text = try String(contentsOfFile: RepositoryFiles.path("docs/design.md"), encoding: .utf8)
    var result: [String: Set<String>] = [:]
    for line in text.split(separator: "\n") where line.contains(" → ") {
      let sides = line.components(separatedBy: " → ")
      let name = sides[0].trimmingCharacters(in: .whitespaces)
      guard sides.count == 2, modules.contains(name) else { continue }
      let list = sides[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0 != "nothing" }
      result[name] = Set(list)
    }
    return result
  }

  @Test func everyDeclaredDependencyPointsToALowerLayer() throws {
    let declared = try Self.declaredDependencies()
    #expect(Set(declared.keys) == Self.modules, "every module of the layers is a target of Package.swift")
    for (module, dependencies) in declared {
      for dependency in dependencies {
        #expect(Self.layer(of: dependency)! < Self.layer(of: module)!, "\(module) depends on \(dependency), which is not below it")
      }
    }
  }

  @Test func theDiagramInDesignMatchesPackageSwift() throws {
    #expect(try Self.drawnDependencies() == Self.declaredDependencies())
  }

  @Test func sourcesImportOnlyDeclaredModulesOfLowerLayers() throws {
    let declared = try Self.declaredDependencies()
    let sources = RepositoryFiles.root.appendingPathComponent("Sources")
    var checkedFiles = 0
    for module in Self.modules {
      let folder = sources.appendingPathComponent(module)
      guard let walker = FileManager.default.enumerator(atPath: folder.path) else { continue }
      for case let relative as String in walker where relative.hasSuffix(".swift") {
        let text = try String(contentsOfFile: folder.appendingPathComponent(relative).path, encoding: .utf8)
        checkedFiles += 1
        for line in text.split(separator: "\n") {
          let words = line.split(separator: " ")
          guard let index = words.firstIndex(of: "import"), index + 1 < words.count else { continue }
          guard words[..<index].allSatisfy({ ["public", "internal", "@testable", "@_exported"].contains($0) }) else { continue }
          let imported = String(words[index + 1])
          guard Self.modules.contains(imported) else { continue }
          #expect(
            declared[module]?.contains(imported) == true,
            "Sources/\(module)/\(relative) imports \(imported), which Package.swift does not give \(module)")
          #expect(Self.layer(of: imported)! < Self.layer(of: module)!, "Sources/\(module)/\(relative) imports \(imported) from its own or a higher layer")
        }
      }
    }
    #expect(checkedFiles > 100, "the sources were found")
  }
}

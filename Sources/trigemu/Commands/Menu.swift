import ArgumentParser
import TriggerEmulation
import TriggerSupport

/// `trigemu menu`: check, show and compare trigger menus.
struct MenuCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "menu", abstract: "Validate, show and compare trigger menus (docs/menus.md).",
    subcommands: [List.self, Validate.self, Show.self, Diff.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the shipped menus: their names (which --menu takes), descriptions and files.")

    func run() throws {
      var table = TextTable(["name", "bits", "lines", "HLT lines", "description"])
      for name in ShippedFiles.names(.menu) {
        let menu = try TriggerMenu(named: name)
        table.add([name, "\(menu.bits.count)", "\(menu.lines.count)", "\(menu.hltLines.count)", menu.description])
      }
      print(table.rendered)
      if let folder = ShippedFiles.resourceFolder { print("\nfiles: \(folder.appendingPathComponent(ShippedFiles.Kind.menu.rawValue).path)") }
    }
  }

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check a menu; errors name the file, line and column.")
    @Argument(help: "Menu files (YAML) or shipped menus' names.") var files: [String]

    func run() throws {
      for file in files {
        let menu = try TriggerMenu(named: file)
        print("\(file): valid (\(menu.name)\(menu.version.isEmpty ? "" : " \(menu.version)"): \(menu.bits.count) bits, \(menu.lines.count) lines, \(menu.referencePairs.count) reference pairs, \(menu.hltLines.count) HLT lines)")
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a menu fully expanded, with every default filled in.")
    @Argument(help: "Menu file (YAML) or a shipped menu's name.") var file: String
    func run() throws { print(try TriggerMenu(named: file).expandedText, terminator: "") }
  }

  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Bits and lines added (+), removed (-) and changed (~) from menu A to menu B: kinds, parameters, expressions, prescales.")
    @Argument(help: "Menu A: a file (YAML) or a shipped menu's name.") var a: String
    @Argument(help: "Menu B: a file or a shipped menu's name.") var b: String

    func run() throws {
      let first = try TriggerMenu(named: a), second = try TriggerMenu(named: b)
      let differences = first.differences(to: second)
      print("\(a) → \(b): " + (differences.isEmpty ? "no differences" : "\(differences.count) differences"))
      for line in differences { print("  " + line) }
    }
  }
}

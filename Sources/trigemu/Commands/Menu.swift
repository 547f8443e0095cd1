import ArgumentParser
import TriggerEmulation

/// `trigemu menu`: check, show and compare trigger menus.
struct MenuCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "menu", abstract: "Validate, show and compare trigger menus (docs/menus.md).",
    subcommands: [Validate.self, Show.self, Diff.self])

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check a menu; errors name the file, line and column.")
    @Argument(help: "Menu files (YAML).") var files: [String]

    func run() throws {
      for file in files {
        let menu = try TriggerMenu(path: file)
        print("\(file): valid (\(menu.name)\(menu.version.isEmpty ? "" : " \(menu.version)"): \(menu.bits.count) bits, \(menu.lines.count) lines, \(menu.referencePairs.count) reference pairs, \(menu.hltLines.count) HLT lines)")
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a menu fully expanded, with every default filled in.")
    @Argument(help: "Menu file (YAML).") var file: String
    func run() throws { print(try TriggerMenu(path: file).expandedText, terminator: "") }
  }

  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Bits and lines added (+), removed (-) and changed (~) from menu A to menu B: kinds, parameters, expressions, prescales.")
    @Argument(help: "Menu A (YAML).") var a: String
    @Argument(help: "Menu B (YAML).") var b: String

    func run() throws {
      let first = try TriggerMenu(path: a), second = try TriggerMenu(path: b)
      let differences = first.differences(to: second)
      print("\(a) → \(b): " + (differences.isEmpty ? "no differences" : "\(differences.count) differences"))
      for line in differences { print("  " + line) }
    }
  }
}

/// Units a configuration value may be written in, e.g. `"500 MeV"` or `"1.2 rad"`, converted to
/// the unit its parameter is declared in (GeV, deg, cm, ns).
enum PhysicalUnit {
  /// Each unit's dimension and its size in the dimension's base unit.
  static let units: [String: (dimension: String, size: Double)] = [
    "GeV": ("an energy", 1), "MeV": ("an energy", 1e-3), "keV": ("an energy", 1e-6), "TeV": ("an energy", 1e3),
    "deg": ("an angle", 1), "rad": ("an angle", 180 / Double.pi), "mrad": ("an angle", 0.18 / Double.pi),
    "cm": ("a length", 1), "mm": ("a length", 0.1), "m": ("a length", 100), "um": ("a length", 1e-4),
    "ns": ("a time", 1), "us": ("a time", 1e3), "ps": ("a time", 1e-3),
  ]

  /// The unit values of each dimension are held in (a unit of size 1).
  static let baseUnits = ["an energy": "GeV", "an angle": "deg", "a length": "cm", "a time": "ns"]

  /// `text` ("500 MeV") as a number in `target` ("GeV"); the error's `text` says what is wrong.
  static func convert(_ text: String, to target: String) throws(Message) -> Double {
    let parts = text.split(separator: " ", omittingEmptySubsequences: true)
    guard parts.count == 2, let number = ConfigurationNode.parseNumber(String(parts[0])) else {
      throw Message(text: "expected a number, optionally with a unit (\"\(target.isEmpty ? "3" : "1 \(target)")\"), found \"\(text)\"")
    }
    let unit = String(parts[1])
    guard let given = units[unit] else {
      throw Message(text: "unknown unit \"\(unit)\" (known: \(units.keys.sorted().joined(separator: ", ")))")
    }
    guard let wanted = units[target] else {
      throw Message(text: "\"\(text)\": this parameter is a plain number and takes no unit")
    }
    guard given.dimension == wanted.dimension else {
      throw Message(text: "\"\(text)\" is \(given.dimension), but this parameter is \(wanted.dimension) in \(target)")
    }
    return number * given.size / wanted.size
  }

  struct Message: Error { var text: String }
}

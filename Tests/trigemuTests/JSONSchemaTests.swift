import Foundation
import TestSupport
import Testing

/// Every JSON trigemu writes validates against its JSON Schema in docs/schemas/, checked by
/// Python's jsonschema (CI installs it and sets TRIGEMU_REQUIRE_JSONSCHEMA=1).
@Suite struct JSONSchemaTests {
  let cli = CommandLineTests()
  static let jsonschemaRequired = ProcessInfo.processInfo.environment["TRIGEMU_REQUIRE_JSONSCHEMA"] == "1"
  static let jsonschemaAvailable = Python.hasModule("jsonschema")

  /// Validates each (file, schema) pair; `.trg` and `.trgd` files by their metadata block (bytes
  /// 24… of the header, length at byte 16), `.jsonl` by its first line. Prints one line per file.
  static let validator = """
    import json, struct, sys, jsonschema
    schemas, failed = sys.argv[1], 0
    for pair in sys.argv[2:]:
        path, name = pair.split("=")
        with open(path, "rb") as f:
            data = f.read()
        if path.endswith((".trg", ".trgd")):
            (length,) = struct.unpack_from("<I", data, 16)
            data = data[24:24 + length]
        elif path.endswith(".jsonl"):
            data = data.split(b"\\n", 1)[0]
        schema = json.load(open(f"{schemas}/{name}.schema.json"))
        jsonschema.Draft202012Validator.check_schema(schema)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(data)))
        print(path.rsplit("/", 1)[-1], name, "valid" if not errors else "INVALID: " + errors[0].message[:300])
        failed += bool(errors)
    sys.exit(1 if failed else 0)
    """

  func validate(_ pairs: [(String, String)]) throws -> (status: Int32, output: String, error: String) {
    try Python.run(Self.validator, arguments: [RepositoryFiles.path("docs/schemas")] + pairs.map { "\($0.0)=\($0.1)" })
  }

  @Test(.enabled(if: jsonschemaRequired || jsonschemaAvailable, "needs Python's jsonschema (pip install jsonschema)"))
  func everyJSONOutputValidatesAgainstItsSchema() throws {
    let directory = TemporaryDirectory()
    let files = try RatesCommandTests().sample(directory)
    let menu = RunCommandTests.menu
    func file(_ name: String) -> String { directory.file(name) }
    try "process,recoil_mass_low_gev,recoil_mass_high_gev,yield,yield_error\nzprime@2,1.5,2.5,100,10\n".write(
      toFile: file("yields.csv"), atomically: true, encoding: .utf8)
    let commands: [[String]] = [
      ["run", "--menu", menu, "--input", files.input, "--runs", files.runs, "--out", file("tallies.json"), "--decisions", file("d.trgd")],
      ["efficiency", "--menu", menu, "--input", files.input, "--runs", files.runs, "--line", "ffo", "--reference", "hie", "--json", file("eff.json"),
       "--correctionlib", file("eff.corr.json"), "--yields", file("yields.csv")],
      ["rates", "--menu", menu, "--input", files.input, "--runs", files.runs, "--json", file("rates.json")],
      ["compare-menus", "belle2-2018-phase2", menu, "--input", files.input, "--runs", files.runs, "--signal-events", "50", "--json", file("menus.json")],
      ["compare-firmware", "--menu", menu, "--input", files.input, "--firmware", "ideal", "--firmware", "belle2-2018-phase2", "--json", file("fw.json")],
      ["signal", "--menu", menu, "--process", "zprime@2,llp@0.5/3", "--events", "50", "--json", file("signal.json")],
      ["convert", files.input, file("events.jsonl")],
    ]
    for arguments in commands {
      let result = try cli.run(arguments)
      #expect(result.status == 0, "\(arguments[0]): \(result.error)")
    }
    let result = try validate([
      (file("tallies.json"), "trigemu-tallies-4"), (file("eff.json"), "trigemu-efficiency-2"), (file("eff.corr.json"), "correctionlib-2-trigemu"),
      (file("rates.json"), "trigemu-rates-2"), (file("menus.json"), "trigemu-menu-comparison-2"), (file("fw.json"), "trigemu-firmware-comparison-2"),
      (file("signal.json"), "trigemu-signal-efficiency-2"), (file("d.trgd"), "trigemu-decisions-metadata-1"),
      (files.input, "trigemu-events-metadata-1"), (file("events.jsonl"), "trigemu-events-metadata-1"),
    ])
    #expect(result.status == 0, "\(result.output)\(result.error)")
    #expect(result.output.components(separatedBy: " valid\n").count - 1 == 10, "\(result.output)")
  }

  @Test(.enabled(if: jsonschemaRequired || jsonschemaAvailable, "needs Python's jsonschema (pip install jsonschema)"))
  func theSchemasRejectADocumentThatBreaksTheFormat() throws {
    let directory = TemporaryDirectory()
    let files = try RatesCommandTests().sample(directory)
    let tallies = directory.file("tallies.json"), rates = directory.file("rates.json")
    #expect(try cli.run(["run", "--menu", RunCommandTests.menu, "--input", files.input, "--runs", files.runs, "--out", tallies]).status == 0)
    #expect(try cli.run(["rates", "--tallies", tallies, "--runs", files.runs, "--json", rates]).status == 0)
    // A count that is a fraction, and a table row without one of its columns.
    let text = try String(contentsOfFile: tallies, encoding: .utf8)
    try text.replacingOccurrences(of: "\"events\": 0,", with: "\"events\": 0.5,").write(toFile: tallies, atomically: true, encoding: .utf8)
    var document = try JSONFiles.object(rates)
    var tables = try #require(document["tables"] as? [String: Any]), table = try #require(tables["rates"] as? [String: Any])
    var rows = try #require(table["rows"] as? [[String: Any]])
    rows[0]["rate_hz"] = nil
    table["rows"] = rows
    tables["rates"] = table
    document["tables"] = tables
    try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: rates))
    #expect(text.contains("\"events\": 0,"), "the sample has a line that never fired")
    let result = try validate([(tallies, "trigemu-tallies-4"), (rates, "trigemu-rates-2")])
    #expect(result.status == 1)
    #expect(result.output.contains("tallies.json trigemu-tallies-4 INVALID: 0.5 is not of type 'integer'"), "\(result.output)")
    #expect(result.output.contains("rates.json trigemu-rates-2 INVALID: 'rate_hz' is a required property"), "\(result.output)")
  }
}

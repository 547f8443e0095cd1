import Foundation

/// Python from the tests: whether a package is importable, and running a script on files (the
/// real packages users read trigemu's outputs with: correctionlib, jsonschema).
public enum Python {
  /// True when `python3 -c "import NAME"` succeeds.
  public static func hasModule(_ name: String) -> Bool {
    guard let result = try? run("import \(name)", arguments: []) else { return false }
    return result.status == 0
  }

  /// Runs `script` with `arguments` as `sys.argv[1:]`; its exit status and what it printed.
  public static func run(_ script: String, arguments: [String]) throws -> (status: Int32, output: String, error: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let output = Pipe(), error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let printed = output.fileHandleForReading.readDataToEndOfFile(), complaints = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: printed, as: UTF8.self), String(decoding: complaints, as: UTF8.self))
  }
}

import TriggerEvents
import TriggerSupport

/// Writes files already prepared in full, each atomically (temporary file, then rename), and
/// says so; a command prepares every output before the first is written.
func writeOutputs(_ files: [(path: String, bytes: [UInt8])]) throws {
  for file in files {
    try AtomicOutputFile.write(file.bytes, to: file.path)
    print("wrote \(file.path)")
  }
}

// libFuzzer entry of the FuzzJSONLines target (docs/reliability.md).
import FuzzReaders

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
  FuzzReader.jsonLines.read(UnsafeRawBufferPointer(start: start, count: count))
  return 0
}

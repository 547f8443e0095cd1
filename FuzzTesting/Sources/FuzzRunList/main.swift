// libFuzzer entry of the FuzzRunList target (docs/reliability.md).
import FuzzReaders

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
  FuzzReader.runList.read(UnsafeRawBufferPointer(start: start, count: count))
  return 0
}

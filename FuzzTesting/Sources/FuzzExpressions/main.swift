// libFuzzer entry of the FuzzExpressions target (docs/reliability.md).
import FuzzReaders

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
  FuzzReader.expressions.read(UnsafeRawBufferPointer(start: start, count: count))
  return 0
}

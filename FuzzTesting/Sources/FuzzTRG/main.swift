// libFuzzer entry of the FuzzTRG target (docs/reliability.md).
import FuzzReaders

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
  FuzzReader.trg.read(UnsafeRawBufferPointer(start: start, count: count))
  return 0
}

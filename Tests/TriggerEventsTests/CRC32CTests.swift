import TriggerKernels
import Testing
import TriggerEvents
import TriggerSupport

@Suite struct CRC32CTests {
  @Test func checkValueOf123456789IsE3069283() {
    let bytes = Array("123456789".utf8)
    #expect(trigemu_crc32c_update(0, bytes, bytes.count) == 0xE306_9283)
    #expect(trigemu_crc32c_update_table(0, bytes, bytes.count) == 0xE306_9283)
  }

  @Test func threeStreamHardwarePathEqualsTheTableOnLargeBuffers() {
    var generator = SplitMix64(seed: 7)
    for length in [0, 1, 7, 8, 24_575, 24_576, 24_577, 100_003, 1 << 20] {
      let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
      let whole = trigemu_crc32c_update(0, bytes, bytes.count)
      #expect(whole == trigemu_crc32c_update_table(0, bytes, bytes.count), "length \(length)")
      // Fed in uneven pieces, the running CRC is the same as over the whole buffer.
      var running: UInt32 = 0
      var start = 0
      for piece in [3, 40_000, 11, 5_000_000] where start < length {
        let end = min(length, start + piece)
        running = bytes[start..<end].withUnsafeBytes { trigemu_crc32c_update(running, $0.baseAddress, $0.count) }
        start = end
      }
      #expect(running == whole, "length \(length) in pieces")
    }
  }
}

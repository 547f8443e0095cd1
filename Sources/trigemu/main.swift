import TriggerEvents
import Foundation
let path = CommandLine.arguments[1]
for cap in [256 << 10, 1 << 20] {
  let r0 = try IOBenchmark(path: path, targetBytes: 256_000_000, repetitions: 3, chunkCapacityBytes: cap).run()
  for threads in [1, 2] {
    var best = 1e9
    for _ in 0..<7 {
      let t = Date()
      let reader = try TRGReader(path: path)
      var n = 0
      try reader.forEachChunk(threads: threads) { n += $0.count }
      best = min(best, Date().timeIntervalSince(t))
    }
    print(cap, threads, "raw", Int(r0.raw.megabytesPerSecond), "decoded", Int(256 / best), "MB/s ratio", 256 / best / r0.raw.megabytesPerSecond)
  }
}

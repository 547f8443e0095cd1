import Foundation

/// Threads that claim, read and decode chunks, delivering them to one consumer strictly in file
/// order. The consumer's own thread is one of them: while the chunk it needs next is still being
/// decoded elsewhere, it decodes a later one instead of sleeping.
///
/// A `process` step runs on each decoded chunk in the thread that decoded it (with
/// that thread's slot number, 0 ..< threads, the consumer's being the last), so work such as
/// trigger emulation spreads over the threads too; its result travels with the chunk.
///
/// Decoded chunks come from a small pool (two per thread) that the consumer recycles, so memory
/// stays bounded and nothing is allocated per chunk once warm.
final class OrderedChunkPipeline: @unchecked Sendable {
  private let walker: ChunkWalker
  private let file: ReadOnlyFile
  private let condition = NSCondition()
  private var pool: [EventChunk]
  private var ready: [Int: (TRGReader.Outcome, EventChunk, Any?)] = [:]
  private let process: @Sendable (EventChunk, Int) -> Any
  private let threads: Int
  private var claimed = 0
  private var delivered = 0
  private var claimsEnded = false
  private var stopping = false
  private var running: Int
  private let consumerScratch = ReadBuffer()

  /// Starts `threads − 1` background workers; the consumer's thread is the last one.
  init(walker: ChunkWalker, file: ReadOnlyFile, threads: Int, process: @escaping @Sendable (EventChunk, Int) -> Any) {
    self.walker = walker
    self.file = file
    self.process = process
    self.threads = threads
    ready.reserveCapacity(4 * threads)
    pool = Array(repeating: EventChunk(), count: 2 * threads)
    running = threads - 1
    for slot in 0..<(threads - 1) {
      Thread { [self] in work(slot: slot) }.start()
    }
  }

  /// The next outcome in file order with its chunk, or nil when every claim has been delivered.
  func next() -> (TRGReader.Outcome, EventChunk, Any?)? {
    condition.lock()
    while true {
      if let item = ready.removeValue(forKey: delivered) {
        delivered += 1
        condition.unlock()
        return item
      }
      if claimsEnded && delivered >= claimed {
        condition.unlock()
        return nil
      }
      // Help instead of waiting, when there is work and a free chunk.
      if !claimsEnded && !pool.isEmpty {
        decodeOne(scratch: consumerScratch, slot: threads - 1)  // returns with the lock held
      } else {
        condition.wait()
      }
    }
  }

  /// Returns a chunk the consumer is done with to the pool.
  func recycle(_ chunk: EventChunk) {
    condition.lock()
    pool.append(chunk)
    condition.signal()
    condition.unlock()
  }

  /// Stops the workers and waits until they have left.
  func stop() {
    condition.lock()
    stopping = true
    condition.broadcast()
    while running > 0 { condition.wait() }
    condition.unlock()
  }

  private func work(slot: Int) {
    let scratch = ReadBuffer()
    condition.lock()
    while true {
      while pool.isEmpty && !stopping && !claimsEnded { condition.wait() }
      if stopping || claimsEnded { break }
      decodeOne(scratch: scratch, slot: slot)
    }
    running -= 1
    condition.broadcast()
    condition.unlock()
  }

  /// Claims one chunk and decodes it with the lock released. Called and returns with the lock held.
  private func decodeOne(scratch: ReadBuffer, slot: Int) {
    guard let claim = walker.claim() else {
      claimsEnded = true
      condition.broadcast()
      return
    }
    var chunk = pool.removeLast()
    let sequence = claimed
    claimed += 1
    condition.unlock()
    let outcome = TRGReader.decode(claim, file: file, scratch: scratch, into: &chunk)
    var result: Any?
    if case .decoded = outcome { result = process(chunk, slot) }
    condition.lock()
    ready[sequence] = (outcome, chunk, result)
    if sequence == delivered { condition.broadcast() }
  }
}

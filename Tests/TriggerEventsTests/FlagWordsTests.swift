import Testing
import TriggerEvents

/// Flags held as words of 64: visiting the set ones in order, from any starting flag.
@Suite struct FlagWordsTests {
  func flags(_ words: [UInt64], from first: Int = 0) -> [Int] {
    var found: [Int] = []
    words.withUnsafeBufferPointer { $0.forEachFlag(from: first) { found.append($0) } }
    return found
  }

  @Test func everySetFlagIsVisitedOnceInIncreasingOrder() {
    var words = [UInt64](repeating: 0, count: 3)
    for index in [0, 5, 63, 64, 127, 130] { words.setFlag(index) }
    #expect(flags(words) == [0, 5, 63, 64, 127, 130])
    #expect(flags(words, from: 6) == [63, 64, 127, 130])
    #expect(flags(words, from: 64) == [64, 127, 130])
    #expect(flags(words, from: 131) == [])
    #expect(flags(words, from: 192) == [])
    #expect(flags([UInt64.max]).count == 64)
    #expect(flags([]) == [])
  }
}

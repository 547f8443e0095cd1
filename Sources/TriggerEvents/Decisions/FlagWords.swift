/// Flags packed 64 to a word, as trigger decisions hold bits and lines: flag k is bit k % 64 of
/// word k / 64 (the pipeline's decisions, the HLT, the prescales and the decision stream).
public enum FlagWords {
  /// Words that hold `flags` flags.
  @inlinable public static func count(_ flags: Int) -> Int { (flags + 63) >> 6 }
}

extension UnsafeBufferPointer where Element == UInt64 {
  /// Whether flag `index` is set.
  @inlinable public func flag(_ index: Int) -> Bool { self[index >> 6] >> UInt64(index & 63) & 1 != 0 }

  /// Whether any flag is set.
  @inlinable public var anyFlag: Bool { contains { $0 != 0 } }

  /// Calls `body` with the index of every set flag, in increasing order, starting at `first`.
  @inlinable public func forEachFlag(from first: Int = 0, _ body: (Int) -> Void) {
    var word = first >> 6
    guard word < count else { return }
    var bits = self[word] & (~0 << UInt64(first & 63))
    while true {
      while bits != 0 {
        body(word << 6 | bits.trailingZeroBitCount)
        bits &= bits &- 1
      }
      word += 1
      guard word < count else { return }
      bits = self[word]
    }
  }
}

extension Array where Element == UInt64 {
  /// Whether flag `index` is set.
  @inlinable public func flag(_ index: Int) -> Bool { self[index >> 6] >> UInt64(index & 63) & 1 != 0 }
  /// Sets flag `index`.
  @inlinable public mutating func setFlag(_ index: Int) { self[index >> 6] |= 1 << UInt64(index & 63) }
}

extension UnsafeMutablePointer where Pointee == UInt64 {
  /// Whether flag `index` is set.
  @inlinable public func flag(_ index: Int) -> Bool { self[index >> 6] >> UInt64(index & 63) & 1 != 0 }
  /// Sets flag `index`.
  @inlinable public func setFlag(_ index: Int) { self[index >> 6] |= 1 << UInt64(index & 63) }
  /// Flips flag `index`.
  @inlinable public func flipFlag(_ index: Int) { self[index >> 6] ^= 1 << UInt64(index & 63) }
}

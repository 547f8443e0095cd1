import Testing
import TriggerEvents

/// SHA-256 against the FIPS 180-4 example vectors, fed in one piece and in odd pieces.
@Suite struct SHA256Tests {
  /// FIPS 180-4 / NIST CSRC example values.
  static let vectors: [(message: [UInt8], digest: String)] = [
    ([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    (
      Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8),
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
    (Array(repeating: UInt8(ascii: "a"), count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
  ]

  func digest(_ message: [UInt8], pieces: Int) -> String {
    var hasher = SHA256()
    message.withUnsafeBytes { bytes in
      var start = 0
      var size = 1
      while start < bytes.count {
        let end = pieces == 1 ? bytes.count : min(bytes.count, start + size)
        hasher.update(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
        start = end
        size = size * 3 % 997 + 1  // 1, 4, 13, 40, … odd piece sizes across block boundaries
      }
    }
    return hasher.finalHex()
  }

  @Test func theExampleVectorsHashToTheirPublishedDigestsInOneAndInManyPieces() {
    for (message, expected) in Self.vectors {
      #expect(digest(message, pieces: 1) == expected)
      #expect(digest(message, pieces: 2) == expected)
    }
  }

  @Test func oneAndManyPiecesAgreeOnEveryLengthAroundTheBlockSize() {
    var state: UInt64 = 7
    let bytes = (0..<1000).map { _ -> UInt8 in
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return UInt8(truncatingIfNeeded: state >> 33)
    }
    for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 129, 999] {
      #expect(digest(Array(bytes[..<length]), pieces: 1) == digest(Array(bytes[..<length]), pieces: 2))
    }
  }
}

import Foundation
import TriggerSupport
import TriggerEvents

/// Random numbers for one event, seeded from (job seed, run, process, event index), so that any
/// event can be made on any thread and the output is the same whatever the thread count.
public struct EventRandom: RandomNumberGenerator, Sendable {
  private var generator: SplitMix64
  /// The second normal number of the last polar-method pair, not yet used.
  private var spareGaussian: Double?

  public init(seed: UInt64, run: UInt32, stream: UInt64, index: UInt64) {
    // Mix the identifiers through SplitMix64 steps so nearby events get unrelated streams.
    var mixer = SplitMix64(seed: seed ^ 0x5851_F42D_4C95_7F2D)
    var state = mixer.next() ^ UInt64(run)
    mixer = SplitMix64(seed: state)
    state = mixer.next() ^ stream
    mixer = SplitMix64(seed: state)
    state = mixer.next() ^ index
    generator = SplitMix64(seed: state)
  }

  public mutating func next() -> UInt64 { generator.next() }

  /// Uniform in [0, 1).
  public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

  /// Uniform in [low, high).
  public mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * uniform() }

  /// Standard normal (Marsaglia's polar method: two numbers per logarithm and no cosine; the
  /// second is kept for the next call).
  public mutating func gaussian() -> Double {
    if let spare = spareGaussian {
      spareGaussian = nil
      return spare
    }
    while true {
      let x = uniform(-1, 1), y = uniform(-1, 1)
      let s = x * x + y * y
      guard s > 0 && s < 1 else { continue }
      let factor = (-2 * log(s) / s).squareRoot()
      spareGaussian = y * factor
      return x * factor
    }
  }

  /// An approximately standard normal number from the sum of four uniforms (Irwin–Hall,
  /// rescaled to unit variance; support ±3.46σ). Several times cheaper than `gaussian()`: for
  /// hit-level jitter where the tails do not matter.
  public mutating func approximateGaussian() -> Double {
    // Four 16-bit uniforms from one draw.
    let bits = next()
    let sum = (bits & 0xFFFF) + ((bits >> 16) & 0xFFFF) + ((bits >> 32) & 0xFFFF) + (bits >> 48)
    return (Double(sum) * 0x1p-16 - 2) * 1.7320508075688772
  }

  /// Uniform integer in 0 ..< bound (bound < 2³²), by multiply-high rather than division.
  public mutating func below(_ bound: Int) -> Int {
    Int(((next() >> 32) &* UInt64(bound)) >> 32)
  }

  /// Exponential with mean `mean`.
  public mutating func exponential(mean: Double) -> Double { -mean * log(max(1 - uniform(), 1e-300)) }

  /// Poisson with mean `mean`: exact multiplication method below 30, a rounded normal above
  /// (its error is far below the statistical precision any test or user can see at such means).
  public mutating func poisson(mean: Double) -> Int {
    guard mean > 0 else { return 0 }
    if mean < 30 {
      let limit = exp(-mean)
      var product = uniform()
      var count = 0
      while product > limit {
        product *= uniform()
        count += 1
      }
      return count
    }
    return max(0, Int((mean + mean.squareRoot() * gaussian()).rounded()))
  }

  /// A unit direction uniform on the sphere, as (θ, φ).
  public mutating func isotropic() -> (theta: Double, phi: Double) {
    (acos(uniform(-1, 1)), uniform(-.pi, .pi))
  }
}

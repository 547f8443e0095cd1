import Foundation

/// The beta distribution's cumulative distribution function and its inverse, as the binomial
/// intervals need them (Clopper–Pearson and Jeffreys limits are beta quantiles).
public enum BetaDistribution {
  /// The regularized incomplete beta function I_x(a, b) = P(X ≤ x) for X ~ Beta(a, b).
  ///
  /// Evaluated by its continued fraction (modified Lentz), on the side of the mean where it
  /// converges fast; accurate to about 1e-14 for the shapes binomial intervals use.
  public static func cdf(_ x: Double, a: Double, b: Double) -> Double {
    precondition(a > 0 && b > 0, "beta shape parameters must be positive")
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
    if x < (a + 1) / (a + b + 2) {
      return exp(logFront) * continuedFraction(x, a: a, b: b) / a
    }
    return 1 - exp(logFront) * continuedFraction(1 - x, a: b, b: a) / b
  }

  /// The quantile: the x with I_x(a, b) = p, found by bisection to the last bit of a Double.
  public static func quantile(_ p: Double, a: Double, b: Double) -> Double {
    if p <= 0 { return 0 }
    if p >= 1 { return 1 }
    var low = 0.0, high = 1.0
    for _ in 0..<200 {
      let middle = 0.5 * (low + high)
      guard middle > low && middle < high else { break }
      if cdf(middle, a: a, b: b) < p { low = middle } else { high = middle }
    }
    return 0.5 * (low + high)
  }

  /// The continued fraction of I_x(a, b) (without its front factor).
  private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
    let tiny = 1e-300
    func guarded(_ value: Double) -> Double { abs(value) < tiny ? tiny : value }
    var c = 1.0
    var d = 1 / guarded(1 - (a + b) * x / (a + 1))
    var result = d
    for m in 1...10_000 {
      let m = Double(m)
      let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
      d = 1 / guarded(1 + even * d)
      c = guarded(1 + even / c)
      result *= d * c
      let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
      d = 1 / guarded(1 + odd * d)
      c = guarded(1 + odd / c)
      let step = d * c
      result *= step
      if abs(step - 1) < 1e-16 { break }
    }
    return result
  }
}

/// The standard normal distribution's quantile, for the Wilson interval.
public enum NormalDistribution {
  /// Φ(z) = P(Z ≤ z).
  public static func cdf(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

  /// The z with Φ(z) = p, by bisection to the last bit of a Double.
  public static func quantile(_ p: Double) -> Double {
    precondition(p > 0 && p < 1, "a normal quantile needs 0 < p < 1")
    var low = -40.0, high = 40.0
    for _ in 0..<200 {
      let middle = 0.5 * (low + high)
      guard middle > low && middle < high else { break }
      if cdf(middle) < p { low = middle } else { high = middle }
    }
    return 0.5 * (low + high)
  }
}

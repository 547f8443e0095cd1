/// A confidence interval for a binomial efficiency k / n.
///
/// Central intervals at the confidence level CL (α = 1 − CL split equally between the two
/// tails), except at the edges: for k = 0 the interval is the one-sided [0, upper] and for
/// k = n the one-sided [lower, 1], each containing CL, because an observed 0 or n carries no
/// information on that side (docs/efficiency.md, "Intervals").
public struct BinomialInterval: Equatable, Sendable {
  public var lower: Double
  public var upper: Double

  public init(lower: Double, upper: Double) {
    self.lower = lower
    self.upper = upper
  }

  /// The methods, by the names the command line uses.
  public enum Method: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    /// Exact: limits are beta quantiles, B(α/2; k, n − k + 1) and B(1 − α/2; k + 1, n − k).
    case clopperPearson = "clopper-pearson"
    /// The score interval of Wilson (1927).
    case wilson
    /// The Bayesian interval of the Jeffreys prior Beta(½, ½): quantiles of Beta(k + ½, n − k + ½).
    case jeffreys

    public var description: String { rawValue }
  }

  /// The interval of `k` successes in `n` trials, or nil when n = 0 (the efficiency is undefined).
  public init?(k: Int, n: Int, confidenceLevel cl: Double, method: Method) {
    precondition(k >= 0 && k <= n && cl > 0 && cl < 1, "need 0 ≤ k ≤ n and 0 < CL < 1")
    guard n > 0 else { return nil }
    let kk = Double(k), nn = Double(n)
    let tail = (1 - cl) / 2
    switch method {
    case .clopperPearson:
      if k == 0 {
        self.init(lower: 0, upper: BetaDistribution.quantile(cl, a: 1, b: nn))
      } else if k == n {
        self.init(lower: BetaDistribution.quantile(1 - cl, a: nn, b: 1), upper: 1)
      } else {
        self.init(
          lower: BetaDistribution.quantile(tail, a: kk, b: nn - kk + 1),
          upper: BetaDistribution.quantile(1 - tail, a: kk + 1, b: nn - kk))
      }
    case .jeffreys:
      let a = kk + 0.5, b = nn - kk + 0.5
      if k == 0 {
        self.init(lower: 0, upper: BetaDistribution.quantile(cl, a: a, b: b))
      } else if k == n {
        self.init(lower: BetaDistribution.quantile(1 - cl, a: a, b: b), upper: 1)
      } else {
        self.init(lower: BetaDistribution.quantile(tail, a: a, b: b), upper: BetaDistribution.quantile(1 - tail, a: a, b: b))
      }
    case .wilson:
      func limits(_ z: Double) -> (Double, Double) {
        let z2 = z * z
        let centre = (kk + z2 / 2) / (nn + z2)
        let half = z / (nn + z2) * (kk * (nn - kk) / nn + z2 / 4).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
      }
      if k == 0 || k == n {
        let (lower, upper) = limits(NormalDistribution.quantile(cl))
        self.init(lower: k == 0 ? 0 : lower, upper: k == n ? 1 : upper)
      } else {
        let (lower, upper) = limits(NormalDistribution.quantile(1 - tail))
        self.init(lower: lower, upper: upper)
      }
    }
  }
}

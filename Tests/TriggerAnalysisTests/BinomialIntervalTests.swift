import Foundation
import Testing
import TriggerAnalysis

/// Interval limits against numbers computed independently.
///
/// Reference values: scipy 1.17.1, `scipy.stats.beta.ppf` for the Clopper–Pearson and Jeffreys
/// quantiles and `scipy.stats.norm.ppf` for Wilson's z (script in the test's comment below);
/// the 95 % Clopper–Pearson interval of 7 / 10 also matches R's `binom.test(7, 10)`, the
/// textbook [0.3475471, 0.9332605].
///
///     from scipy.stats import beta, norm
///     cp = (beta.ppf(a/2, k, n-k+1), beta.ppf(1-a/2, k+1, n-k))       # 0 < k < n
///     cp0 = (0, beta.ppf(cl, 1, n)); cpn = (beta.ppf(1-cl, n, 1), 1)  # one-sided at k = 0, n
///     jeffreys = beta.ppf([a/2, 1-a/2], k+.5, n-k+.5)                  # one-sided likewise
///     wilson: z = norm.ppf(1-a/2) (norm.ppf(cl) one-sided), centre ± half-width
@Suite struct BinomialIntervalTests {
  struct Reference {
    var k: Int, n: Int, cl: Double
    var clopperPearson: (Double, Double)
    var jeffreys: (Double, Double)
    var wilson: (Double, Double)
  }

  static let references: [Reference] = [
    Reference(k: 7, n: 10, cl: 0.6827, clopperPearson: (0.491734148665, 0.858330217468), jeffreys: (0.542245980062, 0.820070120391), wilson: (0.542453668875, 0.821181259160)),
    Reference(k: 0, n: 10, cl: 0.6827, clopperPearson: (0, 0.108447325379), jeffreys: (0, 0.047593456622), wilson: (0, 0.022088506378)),
    Reference(k: 10, n: 10, cl: 0.95, clopperPearson: (0.741134449107, 1), jeffreys: (0.829226891755, 1), wilson: (0.787058029917, 1)),
    Reference(k: 45, n: 50, cl: 0.9, clopperPearson: (0.801166997484, 0.959763409598), jeffreys: (0.813589162239, 0.953192438007), wilson: (0.808462485848, 0.950470965523)),
    Reference(k: 1, n: 1, cl: 0.6827, clopperPearson: (0.3173, 1), jeffreys: (0.676803731250, 1), wilson: (0.815744329249, 1)),
    Reference(k: 293, n: 317, cl: 0.6827, clopperPearson: (0.906366243325, 0.939258631859), jeffreys: (0.908078804911, 0.937828454764), wilson: (0.908061424999, 0.937850409166)),
    Reference(k: 0, n: 1, cl: 0.95, clopperPearson: (0, 0.95), jeffreys: (0, 0.771480186194), wilson: (0, 0.730134051216)),
    Reference(k: 3, n: 1000, cl: 0.99, clopperPearson: (0.000338144529, 0.010933777420), jeffreys: (0.000495124544, 0.010100221588), wilson: (0.000758101231, 0.011793516683)),
  ]

  func expectClose(_ interval: BinomialInterval?, _ reference: (Double, Double), _ label: String) {
    guard let interval else {
      Issue.record("\(label): no interval")
      return
    }
    #expect(abs(interval.lower - reference.0) < 1e-9, "\(label) lower \(interval.lower) vs \(reference.0)")
    #expect(abs(interval.upper - reference.1) < 1e-9, "\(label) upper \(interval.upper) vs \(reference.1)")
  }

  @Test func everyMethodMatchesTheIndependentReferenceValues() {
    for r in Self.references {
      let label = "\(r.k)/\(r.n) at \(r.cl)"
      expectClose(BinomialInterval(k: r.k, n: r.n, confidenceLevel: r.cl, method: .clopperPearson), r.clopperPearson, "Clopper–Pearson \(label)")
      expectClose(BinomialInterval(k: r.k, n: r.n, confidenceLevel: r.cl, method: .jeffreys), r.jeffreys, "Jeffreys \(label)")
      expectClose(BinomialInterval(k: r.k, n: r.n, confidenceLevel: r.cl, method: .wilson), r.wilson, "Wilson \(label)")
    }
  }

  @Test func clopperPearsonAt95PercentMatchesRBinomTest() {
    let interval = BinomialInterval(k: 7, n: 10, confidenceLevel: 0.95, method: .clopperPearson)!
    #expect(abs(interval.lower - 0.3475471) < 1e-6)
    #expect(abs(interval.upper - 0.9332605) < 1e-6)
  }

  @Test func noTrialsGiveNoIntervalRatherThanNaN() {
    for method in BinomialInterval.Method.allCases {
      #expect(BinomialInterval(k: 0, n: 0, confidenceLevel: 0.6827, method: method) == nil)
    }
  }

  @Test func zeroAndAllSuccessesGiveTheExactOneSidedLimits() {
    // Clopper–Pearson one-sided limits in closed form: 1 − (1 − CL)^(1/n) and (1 − CL)^(1/n).
    let zero = BinomialInterval(k: 0, n: 20, confidenceLevel: 0.9, method: .clopperPearson)!
    #expect(zero.lower == 0)
    #expect(abs(zero.upper - (1 - Foundation.pow(0.1, 1.0 / 20))) < 1e-12)
    let all = BinomialInterval(k: 20, n: 20, confidenceLevel: 0.9, method: .clopperPearson)!
    #expect(all.upper == 1)
    #expect(abs(all.lower - Foundation.pow(0.1, 1.0 / 20)) < 1e-12)
  }

  @Test func theBetaDistributionInvertsItself() {
    for (a, b) in [(0.5, 0.5), (3.0, 8.0), (300.5, 20.5), (1.0, 1000.0)] {
      for p in [1e-6, 0.02275, 0.5, 0.84135, 0.999] {
        let x = BetaDistribution.quantile(p, a: a, b: b)
        #expect(abs(BetaDistribution.cdf(x, a: a, b: b) - p) < 1e-12)
      }
    }
    #expect(abs(NormalDistribution.quantile(0.975) - 1.959963984540054) < 1e-12)
  }
}

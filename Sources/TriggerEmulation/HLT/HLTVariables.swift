import Foundation
import TriggerEvents

/// The event variables HLT cuts are written in, computed once per event from the offline-level
/// tracks and clusters, each with its unit (GeV, deg, or a plain count).
///
/// Good tracks: p_T > 0.2 GeV, |d0| < 2 cm, |z0| < 4 cm, 17° < θ < 150° (the CDC acceptance,
/// docs/physics.md). Cluster energies in the CM frame (`Beams.masslessEnergyInCM`). The two leading good
/// tracks (highest p) make the pair: its invariant mass with the muon mass, its recoil mass
/// M²_rec = s + M² − 2√s·E*_pair with M_rec = −√(−M²_rec) when negative (docs/physics.md, "Offline
/// search quantities"), and its opening angle. Displaced tracks: p_T > 0.1 GeV, |d0| > 0.9 cm,
/// 17° < θ < 150° (the inner edge of the displaced-vertex window, docs/physics.md).
public struct HLTVariables: Sendable {
  /// One variable: its name in cuts, its unit ("GeV", "deg", or "" for counts), what it is.
  public struct Variable: Sendable {
    public var name: String
    public var unit: String
    public var summary: String
  }

  /// Every variable, in the order `values` holds them.
  public static let all: [Variable] = [
    Variable(name: "n_tracks", unit: "", summary: "good tracks (p_T > 0.2 GeV, |d0| < 2 cm, |z0| < 4 cm, 17° < θ < 150°)"),
    Variable(name: "n_tracks_all", unit: "", summary: "all reconstructed tracks"),
    Variable(name: "total_charge", unit: "", summary: "sum of the good tracks' charges"),
    Variable(name: "n_clusters_100mev", unit: "", summary: "clusters with E* > 0.1 GeV"),
    Variable(name: "n_clusters_300mev", unit: "", summary: "clusters with E* > 0.3 GeV"),
    Variable(name: "n_clusters_1gev", unit: "", summary: "clusters with E* > 1 GeV"),
    Variable(name: "e1_cm", unit: "GeV", summary: "the highest cluster energy in the CM frame (0 without clusters)"),
    Variable(name: "e2_cm", unit: "GeV", summary: "the second-highest cluster energy in the CM frame (0 with fewer than two)"),
    Variable(name: "theta1", unit: "deg", summary: "lab polar angle of the highest-E* cluster (0 without clusters)"),
    Variable(name: "e_ecl_cm", unit: "GeV", summary: "summed CM energy of the clusters with E* > 0.1 GeV"),
    Variable(name: "p1_cm", unit: "GeV", summary: "CM momentum of the leading good track (0 without)"),
    Variable(name: "p2_cm", unit: "GeV", summary: "CM momentum of the second good track (0 with fewer than two)"),
    Variable(name: "m_pair", unit: "GeV", summary: "invariant mass of the two leading good tracks as muons (0 with fewer than two)"),
    Variable(name: "m_recoil", unit: "GeV", summary: "recoil mass against that pair, −√(−M²) when M² < 0 (0 with fewer than two tracks)"),
    Variable(name: "opening_angle", unit: "deg", summary: "lab opening angle of the two leading good tracks (0 with fewer than two)"),
    Variable(name: "n_tracks_displaced", unit: "", summary: "displaced tracks (p_T > 0.1 GeV, |d0| > 0.9 cm, 17° < θ < 150°)"),
  ]

  /// The index of `name` in `values`.
  public static func index(of name: String) -> Int? { all.firstIndex { $0.name == name } }

  /// The values for the event, in `all`'s order.
  public private(set) var values = [Double](repeating: 0, count: all.count)

  public init() {}

  /// One of the two leading good tracks, as the track loop saw it: p and p_T in GeV, angles in rad.
  private typealias Leading = (p: Double, pt: Double, thetaRad: Double, phiRad: Double)

  /// Recomputes every variable for `event`.
  public mutating func compute(_ event: EventView) {
    let sqrtS = Beams.sqrtS
    var good = 0, charge = 0, displaced = 0
    // The two leading good tracks (highest p); their momentum vectors are built after the loop,
    // so the other tracks cost no cos φ, sin φ or cos θ.
    var first: Leading?, second: Leading?
    for track in event.tracks {
      let theta = Double(track.thetaRad), p = Double(track.pGeV), pt = p * sin(theta)
      let inAcceptance = (17...150).contains(theta * 180 / .pi)
      if pt > 0.1, abs(track.d0Cm) > 0.9, inAcceptance { displaced += 1 }
      guard pt > 0.2, abs(track.d0Cm) < 2, abs(track.z0Cm) < 4, inAcceptance else { continue }
      good += 1
      charge += Int(track.charge)
      let leading = Leading(p: p, pt: pt, thetaRad: theta, phiRad: Double(track.phiRad))
      if first == nil || p > first!.p {
        second = first
        first = leading
      } else if second == nil || p > second!.p {
        second = leading
      }
    }
    /// A track's momentum vector (GeV) from p, p_T, θ and φ.
    func vector(_ t: Leading) -> (p: Double, px: Double, py: Double, pz: Double) {
      (t.p, t.pt * cos(t.phiRad), t.pt * sin(t.phiRad), t.p * cos(t.thetaRad))
    }
    /// A track as a muon in the CM frame.
    func cm(_ v: (p: Double, px: Double, py: Double, pz: Double)) -> (e: Double, px: Double, py: Double, pz: Double) {
      let boosted = Beams.toCM(energyGeV: (v.p * v.p + Particle.muonMass * Particle.muonMass).squareRoot(), pzGeV: v.pz)
      return (boosted.energyGeV, v.px, v.py, boosted.pzGeV)
    }
    var n100 = 0, n300 = 0, n1000 = 0, e1 = 0.0, e2 = 0.0, theta1 = 0.0, sum = 0.0
    for cluster in event.clusters {
      let energy = Beams.masslessEnergyInCM(energyGeV: Double(cluster.energyGeV), thetaRad: Double(cluster.thetaRad))
      if energy > 0.1 {
        n100 += 1
        sum += energy
      }
      if energy > 0.3 { n300 += 1 }
      if energy > 1 { n1000 += 1 }
      if energy > e1 {
        e2 = e1
        e1 = energy
        theta1 = Double(cluster.thetaRad) * 180 / .pi
      } else if energy > e2 {
        e2 = energy
      }
    }
    var p1 = 0.0, p2 = 0.0, mass = 0.0, recoil = 0.0, opening = 0.0
    if let leading = first.map(vector) {
      let a = cm(leading)
      p1 = (a.px * a.px + a.py * a.py + a.pz * a.pz).squareRoot()
      if let next = second.map(vector) {
        let b = cm(next)
        p2 = (b.px * b.px + b.py * b.py + b.pz * b.pz).squareRoot()
        let e = a.e + b.e, px = a.px + b.px, py = a.py + b.py, pz = a.pz + b.pz
        let m2 = e * e - px * px - py * py - pz * pz
        mass = max(m2, 0).squareRoot()
        let recoil2 = sqrtS * sqrtS + m2 - 2 * sqrtS * e
        recoil = recoil2 >= 0 ? recoil2.squareRoot() : -(-recoil2).squareRoot()
        let cosine = (leading.px * next.px + leading.py * next.py + leading.pz * next.pz) / (leading.p * next.p)
        opening = acos(min(1, max(-1, cosine))) * 180 / .pi
      }
    }
    // In place, in `all`'s order (no array built per event).
    values.withUnsafeMutableBufferPointer { v in
      (v[0], v[1], v[2], v[3], v[4]) = (Double(good), Double(event.tracks.count), Double(charge), Double(n100), Double(n300))
      (v[5], v[6], v[7], v[8], v[9]) = (Double(n1000), e1, e2, theta1, sum)
      (v[10], v[11], v[12], v[13], v[14], v[15]) = (p1, p2, mass, recoil, opening, Double(displaced))
    }
  }
}

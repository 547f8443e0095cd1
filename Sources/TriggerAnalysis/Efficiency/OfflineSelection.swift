import Foundation
import TriggerEvents
import TriggerSupport

/// A named offline event selection, as an analysis applies it before measuring a trigger
/// efficiency; it also says which track describes the event in the binned efficiencies.
///
/// The presets and their exact cuts are listed in docs/efficiency.md ("Offline selections").
public struct OfflineSelection: Sendable {
  /// The preset's name on the command line, e.g. `zprime-mumu`.
  public let name: String
  /// The cuts, in words, with their source.
  public let summary: String
  let accept: @Sendable (EventView) -> Track?

  /// The event's binning track if the event passes, else nil.
  public func select(_ event: EventView) -> Track? { accept(event) }

  /// The presets, in the order `--help` lists them.
  public static let presets: [OfflineSelection] = [zPrimeDimuon, electronMuon, dimuonPhoton, twoTrack, all]

  /// The preset called `name`; the error lists the presets.
  public static func named(_ name: String) throws(LocatedError) -> OfflineSelection {
    guard let preset = presets.first(where: { $0.name == name }) else {
      throw LocatedError("unknown offline selection '\(name)'; the presets are \(presets.map(\.name).joined(separator: ", "))")
    }
    return preset
  }

  /// The 2018 Z′ → invisible μμ selection (docs/physics.md, "Offline Z′ selection (2018)"): exactly
  /// two tracks of opposite charge, both with 37° < θ < 120°, opening angle in [90°, 172°],
  /// each identified as a muon by its ECL deposit (0.15 < E_cluster < 0.4 GeV and E/p < 0.4).
  /// The recoil, π⁰ and extra-energy cuts of the search are not applied.
  public static let zPrimeDimuon = OfflineSelection(
    name: "zprime-mumu",
    summary: "2 tracks, opposite charge, 37° < θ < 120°, opening angle 90°–172°, ECL muon ID (0.15 < E < 0.4 GeV, E/p < 0.4) on both"
  ) { event in
    guard let (first, second) = fiducialPair(event), (90...172).contains(openingAngleDeg(first, second)),
      isMuon(first, matchedEnergyGeV(first, event)), isMuon(second, matchedEnergyGeV(second, event))
    else { return nil }
    return leading(first, second)
  }

  /// The 2018 lepton-flavour-violating eμ selection (docs/physics.md): two tracks of opposite charge
  /// with 37° < θ < 120°, one an electron whose cluster has E > 1.5 GeV and E/p > 0.8 (the
  /// deposit that mimics the ECL trigger), the other a muon (as in `zprime-mumu`).
  public static let electronMuon = OfflineSelection(
    name: "emu",
    summary: "2 tracks, opposite charge, 37° < θ < 120°; one electron (cluster E > 1.5 GeV, E/p > 0.8), one muon (0.15 < E < 0.4 GeV, E/p < 0.4)"
  ) { event in
    guard let (first, second) = fiducialPair(event) else { return nil }
    let energies = (matchedEnergyGeV(first, event), matchedEnergyGeV(second, event))
    let electronFirst = isElectron(first, energies.0) && isMuon(second, energies.1)
    guard electronFirst || (isElectron(second, energies.1) && isMuon(first, energies.0)) else { return nil }
    return leading(first, second)
  }

  /// μμγ, as the 2018 analysis validated the ECL line on (docs/physics.md): the `zprime-mumu` pair
  /// without its opening-angle cut, plus a cluster of E > 1 GeV in the barrel matched to no track.
  public static let dimuonPhoton = OfflineSelection(
    name: "mumu-gamma",
    summary: "2 muons as zprime-mumu (any opening angle) and a barrel cluster with E > 1 GeV matched to no track"
  ) { event in
    guard let (first, second) = fiducialPair(event), isMuon(first, matchedEnergyGeV(first, event)),
      isMuon(second, matchedEnergyGeV(second, event))
    else { return nil }
    let hasPhoton = event.clusters.contains { cluster in
      cluster.energyGeV > 1 && DetectorGeometry.ECL.barrelThetaDeg.contains(cluster.thetaDeg)
        && !matches(first, cluster) && !matches(second, cluster)
    }
    return hasPhoton ? leading(first, second) : nil
  }

  /// The track topology of `zprime-mumu` without particle identification.
  public static let twoTrack = OfflineSelection(
    name: "two-track",
    summary: "2 tracks, opposite charge, 37° < θ < 120°, opening angle 90°–172° (no particle identification)"
  ) { event in
    guard let (first, second) = fiducialPair(event), (90...172).contains(openingAngleDeg(first, second)) else { return nil }
    return leading(first, second)
  }

  /// Every event with at least one track (the bins use the highest-p_T track).
  public static let all = OfflineSelection(name: "all", summary: "every event with at least one track") { event in
    event.tracks.max { $0.ptGeV < $1.ptGeV }
  }

  // MARK: - The pieces the presets share

  /// The muon-pair acceptance of the 2018 search: θ range of each track, in degrees.
  static let fiducialThetaDeg: ClosedRange<Double> = 37...120

  /// Exactly two tracks, of opposite charge, both inside 37° < θ < 120°.
  static func fiducialPair(_ event: EventView) -> (Track, Track)? {
    guard event.tracks.count == 2 else { return nil }
    let first = event.tracks[event.tracks.startIndex], second = event.tracks[event.tracks.startIndex + 1]
    guard first.charge * second.charge < 0, fiducialThetaDeg.contains(first.thetaDeg), fiducialThetaDeg.contains(second.thetaDeg) else {
      return nil
    }
    return (first, second)
  }

  /// The track with the higher transverse momentum: the one binned efficiencies use.
  static func leading(_ first: Track, _ second: Track) -> Track { first.ptGeV >= second.ptGeV ? first : second }

  /// The 3D opening angle between two tracks' momenta, in degrees.
  static func openingAngleDeg(_ a: Track, _ b: Track) -> Double {
    Direction.openingAngleDeg(thetaA: Double(a.thetaRad), phiA: Double(a.phiRad), thetaB: Double(b.thetaRad), phiB: Double(b.phiRad))
  }

  /// Half-widths in degrees of the track–cluster match in θ and in φ at the calorimeter.
  static let matchWindowDeg = 3.0

  /// Whether `cluster` lies where `track` enters the barrel calorimeter: the same θ, and the
  /// azimuth the helix from the origin reaches at the barrel radius, φ0 − q·asin(r / 2R).
  static func matches(_ track: Track, _ cluster: ECLCluster) -> Bool {
    let curvatureRadiusCm = track.ptGeV * DetectorGeometry.CDC.curvatureRadiusCmPerGeV
    let ratio = DetectorGeometry.ECL.barrelRadiusCm / (2 * curvatureRadiusCm)
    guard ratio < 1 else { return false }
    let phiAtECL = Double(track.phiRad) - Double(track.charge) * asin(ratio)
    var deltaPhi = Double(cluster.phiRad) - phiAtECL
    deltaPhi -= 2 * .pi * (deltaPhi / (2 * .pi)).rounded()
    let window = matchWindowDeg * .pi / 180
    return abs(deltaPhi) < window && abs(Double(cluster.thetaRad - track.thetaRad)) < window
  }

  /// The summed energy of the clusters matched to `track`, in GeV.
  static func matchedEnergyGeV(_ track: Track, _ event: EventView) -> Double {
    event.clusters.reduce(0) { $0 + (matches(track, $1) ? Double($1.energyGeV) : 0) }
  }

  /// ECL muon identification of the 2018 search, from the track's matched energy in GeV:
  /// 0.15 < E_cluster < 0.4 GeV and E/p < 0.4.
  static func isMuon(_ track: Track, _ energyGeV: Double) -> Bool {
    energyGeV > 0.15 && energyGeV < 0.4 && energyGeV / Double(track.pGeV) < 0.4
  }

  /// An electron with the deposit of the 2018 eμ search: E_cluster > 1.5 GeV and E/p > 0.8.
  static func isElectron(_ track: Track, _ energyGeV: Double) -> Bool {
    energyGeV > 1.5 && energyGeV / Double(track.pGeV) > 0.8
  }
}

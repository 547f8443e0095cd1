import Foundation
import TriggerEmulation
import TriggerEvents
import TriggerSupport

/// An offline selection for signal efficiencies: does the event pass? Either one of the
/// binned `OfflineSelection` presets (which also pick a track), or a preset for signals without
/// a track pair: a single photon, a displaced pair.
public struct SignalSelection: Sendable {
  /// The name on the command line, e.g. `single-photon`.
  public let name: String
  /// The cuts, in words, with their source.
  public let summary: String
  let accept: @Sendable (EventView) -> Bool

  public func passes(_ event: EventView) -> Bool { accept(event) }

  /// A binned selection used only for whether the event passes.
  public init(_ selection: OfflineSelection) {
    name = selection.name
    summary = selection.summary
    accept = { selection.select($0) != nil }
  }

  init(name: String, summary: String, accept: @escaping @Sendable (EventView) -> Bool) {
    self.name = name
    self.summary = summary
    self.accept = accept
  }

  /// A′ → invisible's single photon, as the HLT single-photon filter keeps it (docs/physics.md, "The L1
  /// trigger lines", single photon; issue 9's filter): no track, exactly one cluster with E* > 0.3
  /// GeV, and that one has E* > 1 GeV at 45° ≤ θ ≤ 115° in the lab. Read from the HLT's event
  /// variables (`HLTVariables`), the one computation of CM cluster energies.
  public static let singlePhoton = SignalSelection(
    name: "single-photon", summary: "no track; one cluster with E* > 1 GeV at 45° < θ < 115°; no other cluster with E* > 0.3 GeV"
  ) { event in
    var variables = HLTVariables()
    variables.compute(event)
    let v = variables.values
    return v[Variable.tracksAll] == 0 && v[Variable.clusters300MeV] == 1 && v[Variable.leadingEnergy] > 1
      && (45...115).contains(v[Variable.leadingTheta])
  }

  /// Where the single-photon selection's variables are in `HLTVariables.values`.
  private enum Variable {
    static let tracksAll = HLTVariables.index(of: "n_tracks_all")!
    static let clusters300MeV = HLTVariables.index(of: "n_clusters_300mev")!
    static let leadingEnergy = HLTVariables.index(of: "e1_cm")!
    static let leadingTheta = HLTVariables.index(of: "theta1")!
  }

  /// A long-lived particle's displaced pair (our choice, after the L1 displaced-vertex line of
  /// docs/physics.md): exactly two tracks of opposite charge in the CDC acceptance (17° < θ < 150°),
  /// both with p_T > 0.1 GeV, at least one with |d0| > 0.9 cm.
  public static let displacedPair = SignalSelection(
    name: "displaced-pair", summary: "2 tracks, opposite charge, 17° < θ < 150°, p_T > 0.1 GeV, at least one with |d0| > 0.9 cm"
  ) { event in
    guard event.tracks.count == 2 else { return false }
    let first = event.tracks[event.tracks.startIndex], second = event.tracks[event.tracks.startIndex + 1]
    guard first.charge * second.charge < 0 else { return false }
    for track in [first, second] where !(17...150).contains(track.thetaDeg) || track.ptGeV <= 0.1 { return false }
    return max(abs(first.d0Cm), abs(second.d0Cm)) > 0.9
  }

  /// The presets: these two and the binned ones.
  public static let presets: [SignalSelection] = [singlePhoton, displacedPair] + OfflineSelection.presets.map(SignalSelection.init)

  /// The preset called `name`; the error lists the presets.
  public static func named(_ name: String) throws(LocatedError) -> SignalSelection {
    guard let preset = presets.first(where: { $0.name == name }) else {
      throw LocatedError("unknown signal selection '\(name)'; the presets are \(presets.map(\.name).joined(separator: ", "))")
    }
    return preset
  }

  /// The selection a signal process is measured in by default: Z′ → invisible in the 2018 μμ
  /// selection, A′ → invisible in the single-photon one, a long-lived particle in the displaced
  /// pair; every event with a track otherwise.
  public static func defaultSelection(forProcess name: String) -> SignalSelection {
    if name.hasPrefix("zprime@") { return SignalSelection(.zPrimeDimuon) }
    if name.hasPrefix("aprime@") { return singlePhoton }
    if name.hasPrefix("llp@") { return displacedPair }
    return SignalSelection(.all)
  }
}

import Foundation
import TriggerEvents

/// Conditions on KLM sectors and CDC–KLM matching (docs/physics.md, "Detector numbers", KLM).
enum KLMConditions {
  static let kinds: [ConditionKind] = [
    ConditionKind(
      name: "klm.sector_count",
      summary: "At least N KLM sectors fired (enough distinct layers from layer 2 on).",
      parameters: [.integer("min", 1, 1...16, "sectors needed"), .integer("minLayers", 5, 1...15, "distinct layers (from layer 2) for a sector to fire")],
      make: { p in SectorCount(minimum: p.integer("min"), minLayers: p.integer("minLayers")) }),
    ConditionKind(
      name: "klm.back_to_back",
      summary: "Two opposite barrel sectors fired (sector s and s + 4), or opposite quadrants of the two endcaps.",
      parameters: [.integer("minLayers", 5, 1...15, "distinct layers (from layer 2) for a sector to fire")],
      make: { p in BackToBack(minLayers: p.integer("minLayers")) }),
    ConditionKind(
      name: "klm.single_muon",
      summary: "A CDC track whose azimuth at the KLM (r = 2 m) points into a fired sector (single-muon line).",
      parameters: [
        .integer("minLayers", 5, 1...15, "distinct layers (from layer 2) for a sector to fire"),
        .real("minPt", "GeV", 0.3, 0...10, "smallest track p_T"),
        .integer("sectorTolerance", 0, 0...2, "sectors either side that still match"),
      ],
      make: { p in SingleMuon(minLayers: p.integer("minLayers"), minPtGeV: p.real("minPt"), tolerance: p.integer("sectorTolerance")) }),
  ]

  static func fired(_ sector: KLMSectorHits, minLayers: Int) -> Bool {
    sector.layerCount(in: 2...sector.section.layerCount) >= minLayers
  }

  struct SectorCount: TriggerCondition {
    var minimum: Int
    var minLayers: Int
    func evaluate(_ summary: TriggerSummary) -> Bool {
      summary.klmSectors.reduce(0) { $0 + (KLMConditions.fired($1, minLayers: minLayers) ? 1 : 0) } >= minimum
    }
  }

  struct BackToBack: TriggerCondition {
    var minLayers: Int
    func evaluate(_ summary: TriggerSummary) -> Bool {
      let fired = summary.klmSectors.lazy.filter { KLMConditions.fired($0, minLayers: minLayers) }
      for a in fired {
        for b in fired {
          if a.section == .barrel && b.section == .barrel && b.sector == (a.sector + 3) % 8 + 1 { return true }
          if a.section == .forwardEndcap && b.section == .backwardEndcap && b.sector == (a.sector + 1) % 4 + 1 { return true }
        }
      }
      return false
    }
  }

  struct SingleMuon: TriggerCondition {
    var minLayers: Int
    var minPtGeV: Double
    var tolerance: Int
    /// Radius (cm) at which a track is extrapolated to the KLM (as the simulation places its hits).
    static let radiusCm = 200.0

    func evaluate(_ summary: TriggerSummary) -> Bool {
      let fired = summary.klmSectors.lazy.filter { KLMConditions.fired($0, minLayers: minLayers) }
      guard !fired.isEmpty else { return false }
      for track in summary.tracks where track.ptGeV >= minPtGeV {
        let sine = Self.radiusCm * track.curvaturePerCm / 2
        let phi = track.phi0Rad - asin(max(-1, min(1, sine)))
        // The section from the 3D θ when there is one; the barrel otherwise.
        let section = track.thetaRad.flatMap { DetectorGeometry.KLM.section(atThetaDeg: $0 * 180 / .pi) } ?? .barrel
        let sector = DetectorGeometry.KLM.sector(of: section, atPhiRad: phi)
        for candidate in fired where candidate.section == section {
          let count = section.sectorCount
          let difference = abs(candidate.sector - sector)
          if min(difference, count - difference) <= tolerance { return true }
        }
      }
      return false
    }
  }
}

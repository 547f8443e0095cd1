import Foundation

/// Conditions on ECL trigger energies and clusters (docs/physics.md, "Detector numbers", ECL trigger).
enum ECLConditions {
  /// Back-to-back windows of the 3D Bhabha veto in the CM frame (docs/physics.md): 160° < Δφ < 200°,
  /// 165° < Σθ < 190°.
  static let backToBackParameters: [PluginParameter] = [
    .real("minDeltaPhi", "deg", 160, 0...360, "smallest CM Δφ of the pair"), .real("maxDeltaPhi", "deg", 200, 0...360, "largest CM Δφ"),
    .real("minThetaSum", "deg", 165, 0...360, "smallest CM θ₁ + θ₂"), .real("maxThetaSum", "deg", 190, 0...360, "largest CM θ₁ + θ₂"),
  ]

  static let kinds: [ConditionKind] = [
    ConditionKind(
      name: "ecl.energy_sum",
      summary: "Summed trigger-cell energy (lab) over a θ-index range above a threshold (lowe 0.5, hie 1.0, lume 3.0 GeV).",
      parameters: [
        .real("threshold", "GeV", 1.0, 0...20, "smallest summed energy"),
        .integer("thetaMin", 2, 1...17, "first θ index"), .integer("thetaMax", 15, 1...17, "last θ index"),
      ],
      make: { p in EnergySum(thresholdGeV: p.real("threshold"), thetaIndices: p.integer("thetaMin")...max(p.integer("thetaMin"), p.integer("thetaMax"))) }),
    ConditionKind(
      name: "ecl.cluster_count",
      summary: "At least N trigger clusters above an energy (lab) in a θ-index range (c4: 4 clusters).",
      parameters: [
        .integer("min", 1, 0...50, "clusters needed"), .real("minEnergy", "GeV", 0.1, 0...20, "smallest cluster energy (lab)"),
        .integer("thetaMin", 1, 1...17, "first θ index"), .integer("thetaMax", 17, 1...17, "last θ index"),
      ],
      make: { p in ClusterCount(minimum: p.integer("min"), minEnergyGeV: p.real("minEnergy"), thetaIndices: p.integer("thetaMin")...max(p.integer("thetaMin"), p.integer("thetaMax"))) }),
    ConditionKind(
      name: "ecl.bhabha_veto",
      summary: "The 3D Bhabha veto: two back-to-back clusters in the CM frame, both above 3.0 GeV and one above 4.5 GeV (CM). True means Bhabha-like.",
      parameters: backToBackParameters + [
        .real("minEnergyBoth", "GeV", 3.0, 0...20, "CM energy both clusters exceed"),
        .real("minEnergyOne", "GeV", 4.5, 0...20, "CM energy one cluster exceeds"),
      ],
      make: { p in BackToBack(p, bothAbove: p.real("minEnergyBoth"), oneAbove: p.real("minEnergyOne"), bothBelow: .infinity) }),
    ConditionKind(
      name: "ecl.gamma_gamma_veto",
      summary: "γγ-like: two back-to-back clusters in the CM frame both above 2 GeV (CM). True means γγ-like.",
      parameters: backToBackParameters + [.real("minEnergyBoth", "GeV", 2.0, 0...20, "CM energy both clusters exceed")],
      make: { p in BackToBack(p, bothAbove: p.real("minEnergyBoth"), oneAbove: 0, bothBelow: .infinity) }),
    ConditionKind(
      name: "ecl.mumu",
      summary: "μμ-like (eclmumu): two back-to-back clusters in the CM frame both below 2 GeV (CM).",
      parameters: backToBackParameters + [.real("maxEnergyBoth", "GeV", 2.0, 0...20, "CM energy both clusters stay below")],
      make: { p in BackToBack(p, bothAbove: 0, oneAbove: 0, bothBelow: p.real("maxEnergyBoth")) }),
    ConditionKind(
      name: "ecl.single_photon",
      summary: "Exactly one cluster above E_min (CM) in the θ-index range, no other cluster above the veto energy (lab) (lml6), and at most maxTracks CDC tracks (the track veto of docs/physics.md's single-photon line).",
      parameters: [
        .real("minEnergyCM", "GeV", 1.0, 0...20, "smallest CM energy of the photon cluster"),
        .integer("maxTracks", 0, 0...50, "CDC trigger tracks allowed (0: track veto)"),
        .real("otherMaxEnergy", "GeV", 0.3, 0...20, "largest lab energy any other cluster may have"),
        .integer("thetaMin", 4, 1...17, "first θ index of the photon"), .integer("thetaMax", 15, 1...17, "last θ index"),
      ],
      make: { p in SinglePhoton(minEnergyCMGeV: p.real("minEnergyCM"), otherMaxGeV: p.real("otherMaxEnergy"), thetaIndices: p.integer("thetaMin")...max(p.integer("thetaMin"), p.integer("thetaMax")), maxTracks: p.integer("maxTracks")) }),
  ]

  struct EnergySum: TriggerCondition {
    var thresholdGeV: Double
    var thetaIndices: ClosedRange<Int>
    func evaluate(_ summary: TriggerSummary) -> Bool { summary.energySumGeV(thetaIndices: thetaIndices) > thresholdGeV }
  }

  struct ClusterCount: TriggerCondition {
    var minimum: Int
    var minEnergyGeV: Double
    var thetaIndices: ClosedRange<Int>
    func evaluate(_ summary: TriggerSummary) -> Bool {
      summary.clusters.reduce(0) { $0 + ($1.energyGeV >= minEnergyGeV && thetaIndices.contains($1.thetaIndex) ? 1 : 0) } >= minimum
    }
  }

  /// A pair of clusters back to back in the CM frame with energy conditions.
  struct BackToBack: TriggerCondition {
    var deltaPhiDeg: ClosedRange<Double>
    var thetaSumDeg: ClosedRange<Double>
    var bothAbove: Double
    var oneAbove: Double
    var bothBelow: Double

    init(_ p: PluginParameters, bothAbove: Double, oneAbove: Double, bothBelow: Double) {
      deltaPhiDeg = p.real("minDeltaPhi")...max(p.real("minDeltaPhi"), p.real("maxDeltaPhi"))
      thetaSumDeg = p.real("minThetaSum")...max(p.real("minThetaSum"), p.real("maxThetaSum"))
      self.bothAbove = bothAbove
      self.oneAbove = oneAbove
      self.bothBelow = bothBelow
    }

    func evaluate(_ summary: TriggerSummary) -> Bool {
      let clusters = summary.clusters
      guard clusters.count >= 2 else { return false }
      for i in 0..<(clusters.count - 1) {
        let a = clusters[i]
        for j in (i + 1)..<clusters.count {
          let b = clusters[j]
          guard min(a.energyCMGeV, b.energyCMGeV) > bothAbove, max(a.energyCMGeV, b.energyCMGeV) > oneAbove,
            max(a.energyCMGeV, b.energyCMGeV) < bothBelow
          else { continue }
          var deltaPhi = (a.phiRad - b.phiRad) * 180 / .pi
          if deltaPhi < 0 { deltaPhi += 360 }
          let thetaSum = (a.thetaCMRad + b.thetaCMRad) * 180 / .pi
          if deltaPhiDeg.contains(deltaPhi) && thetaSumDeg.contains(thetaSum) { return true }
        }
      }
      return false
    }
  }

  struct SinglePhoton: TriggerCondition {
    var minEnergyCMGeV: Double
    var otherMaxGeV: Double
    var thetaIndices: ClosedRange<Int>
    var maxTracks: Int
    func evaluate(_ summary: TriggerSummary) -> Bool {
      guard summary.tracks.count <= maxTracks else { return false }
      var photon: Int?
      for (index, cluster) in summary.clusters.enumerated() where cluster.energyCMGeV >= minEnergyCMGeV && thetaIndices.contains(cluster.thetaIndex) {
        guard photon == nil else { return false }
        photon = index
      }
      guard let photon else { return false }
      for (index, cluster) in summary.clusters.enumerated() where index != photon && cluster.energyGeV > otherMaxGeV { return false }
      return true
    }
  }
}

/// Range checks of every record kind against the detector (`DetectorGeometry`) and physics sense.
///
/// Readers run them on every record they decode and writers on every record they write, so no
/// out-of-range id, NaN or negative energy gets into or out of a stream. Each kind has two forms
/// of the same rules: `isWellFormed`, a fast Bool for the hot loop, and `problem`, which says what
/// is wrong; a test checks that they agree on random and edge-case records.
extension CDCHit {
  /// The first thing wrong with this hit, or nil.
  public var problem: RecordProblem? {
    guard Int(layer) < DetectorGeometry.CDC.layerCount else {
      return RecordProblem("layer \(layer) is out of range 0–\(DetectorGeometry.CDC.layerCount - 1)")
    }
    let wires = DetectorGeometry.CDC.wiresPerLayer[Int(layer)]
    guard wire < wires else {
      return RecordProblem("wire \(wire) is beyond layer \(layer), which has wires 0–\(wires - 1)")
    }
    return nil
  }
}

extension CDCHit {
  public var isWellFormed: Bool { Self.allWellFormed(CollectionOfOne(self)) }

  /// Whether every hit is well formed; reads the wire table once for the whole collection.
  public static func allWellFormed<C: Collection<CDCHit>>(_ hits: C) -> Bool {
    let wires = DetectorGeometry.CDC.wiresPerLayer
    return hits.allSatisfy { Int($0.layer) < wires.count && $0.wire < wires[Int($0.layer)] }
  }
}

extension ECLTriggerCellHit {
  public var isWellFormed: Bool {
    cellId >= 1 && Int(cellId) <= DetectorGeometry.ECL.triggerCellCount && energyGeV.isFinite && energyGeV >= 0
      && timeNs.isFinite
  }

  /// The first thing wrong with this trigger-cell hit, or nil.
  public var problem: RecordProblem? {
    guard cellId >= 1 && Int(cellId) <= DetectorGeometry.ECL.triggerCellCount else {
      return RecordProblem("trigger-cell id \(cellId) is out of range 1–\(DetectorGeometry.ECL.triggerCellCount)")
    }
    return Check.finite(energyGeV, "energyGeV", nonNegative: true) ?? Check.finite(timeNs, "timeNs")
  }
}

extension KLMHit {
  public var isWellFormed: Bool {
    sector &- 1 < UInt8(section.sectorCount) && layer &- 1 < UInt8(section.layerCount)
      && Int(plane) < DetectorGeometry.KLM.planeCount && timeNs.isFinite
  }

  /// The first thing wrong with this KLM hit, or nil.
  public var problem: RecordProblem? {
    guard sector >= 1 && Int(sector) <= section.sectorCount else {
      return RecordProblem("sector \(sector) is out of range 1–\(section.sectorCount) for the \(section) KLM")
    }
    guard layer >= 1 && Int(layer) <= section.layerCount else {
      return RecordProblem("layer \(layer) is out of range 1–\(section.layerCount) for the \(section) KLM")
    }
    guard Int(plane) < DetectorGeometry.KLM.planeCount else {
      return RecordProblem("plane \(plane) is out of range 0–\(DetectorGeometry.KLM.planeCount - 1)")
    }
    return Check.finite(timeNs, "timeNs")
  }
}

extension Track {
  public var isWellFormed: Bool {
    (charge == 1 || charge == -1) && pGeV.isFinite && pGeV >= 0 && thetaRad >= 0 && thetaRad <= .pi
      && phiRad >= -.pi && phiRad <= .pi && d0Cm.isFinite && z0Cm.isFinite
  }

  /// The first thing wrong with this track, or nil.
  public var problem: RecordProblem? {
    guard charge == 1 || charge == -1 else { return RecordProblem("charge \(charge) is neither −1 nor +1") }
    return Check.finite(pGeV, "pGeV", nonNegative: true)
      ?? Check.angle(thetaRad, "thetaRad", polar: true)
      ?? Check.angle(phiRad, "phiRad", polar: false)
      ?? Check.finite(d0Cm, "d0Cm")
      ?? Check.finite(z0Cm, "z0Cm")
  }
}

extension ECLCluster {
  public var isWellFormed: Bool {
    energyGeV.isFinite && energyGeV >= 0 && thetaRad >= 0 && thetaRad <= .pi && phiRad >= -.pi && phiRad <= .pi
      && timeNs.isFinite
  }

  /// The first thing wrong with this cluster, or nil.
  public var problem: RecordProblem? {
    Check.finite(energyGeV, "energyGeV", nonNegative: true)
      ?? Check.angle(thetaRad, "thetaRad", polar: true)
      ?? Check.angle(phiRad, "phiRad", polar: false)
      ?? Check.finite(timeNs, "timeNs")
  }
}

extension MCParticle {
  public var isWellFormed: Bool {
    pdg != 0 && pxGeV.isFinite && pyGeV.isFinite && pzGeV.isFinite && energyGeV.isFinite && energyGeV >= 0
      && vxCm.isFinite && vyCm.isFinite && vzCm.isFinite
  }

  /// The first thing wrong with this truth particle, or nil.
  public var problem: RecordProblem? {
    guard pdg != 0 else { return RecordProblem("PDG id 0 is not a particle") }
    return Check.finite(pxGeV, "pxGeV") ?? Check.finite(pyGeV, "pyGeV") ?? Check.finite(pzGeV, "pzGeV")
      ?? Check.finite(energyGeV, "energyGeV", nonNegative: true)
      ?? Check.finite(vxCm, "vxCm") ?? Check.finite(vyCm, "vyCm") ?? Check.finite(vzCm, "vzCm")
  }
}

extension EventHeader {
  /// The largest event weight: an event may stand for at most 10⁶ (a process kept at 10⁻⁶), so
  /// its weight and squared weight in 10⁻⁶ units fit the tallies' 64-bit sums (docs/trg-format.md).
  public static let maximumWeight = 1e6

  /// Whether `problem` is nil, without building a message.
  public var isWellFormed: Bool { process.isKnown && weight >= 0 && weight <= Self.maximumWeight }

  /// The first thing wrong with this header, or nil.
  public var problem: RecordProblem? {
    guard process.isKnown else {
      return RecordProblem("process code \(process.rawValue) is unknown (known: 0–\(ProcessTag.known.count - 1))")
    }
    guard weight.isFinite && weight >= 0 else { return RecordProblem("weight \(weight) is not a finite number ≥ 0") }
    guard weight <= Self.maximumWeight else { return RecordProblem("weight \(weight) is above \(Self.maximumWeight)") }
    return nil
  }
}

extension EventView {
  /// The first problem among this event's records: the record kind, its index within the event
  /// (nil for the header) and what is wrong.
  public var firstProblem: (kind: RecordKind, index: Int?, problem: RecordProblem)? {
    if let problem = header.problem { return (.header, nil, problem) }
    guard !(CDCHit.allWellFormed(cdcHits) && eclHits.allSatisfy(\.isWellFormed) && klmHits.allSatisfy(\.isWellFormed)
      && tracks.allSatisfy(\.isWellFormed) && clusters.allSatisfy(\.isWellFormed)
      && mcParticles.allSatisfy(\.isWellFormed))
    else { return nil }
    func first<C: Collection>(_ records: C, _ kind: RecordKind, _ check: (C.Element) -> RecordProblem?)
      -> (kind: RecordKind, index: Int?, problem: RecordProblem)?
    {
      for (index, record) in records.enumerated() {
        if let problem = check(record) { return (kind, index, problem) }
      }
      return nil
    }
    return first(cdcHits, .cdcHit, \.problem) ?? first(eclHits, .eclHit, \.problem)
      ?? first(klmHits, .klmHit, \.problem) ?? first(tracks, .track, \.problem)
      ?? first(clusters, .cluster, \.problem) ?? first(mcParticles, .mcParticle, \.problem)
  }
}

/// The kinds of record an event holds, in their `.trg` column order.
public enum RecordKind: Int, CaseIterable, Sendable, CustomStringConvertible {
  case header, cdcHit, eclHit, klmHit, track, cluster, mcParticle

  public var description: String {
    switch self {
    case .header: "event header"
    case .cdcHit: "CDC hit"
    case .eclHit: "ECL trigger-cell hit"
    case .klmHit: "KLM hit"
    case .track: "track"
    case .cluster: "ECL cluster"
    case .mcParticle: "MC particle"
    }
  }

  /// The JSON Lines key of this kind's array (docs/trg-format.md, "JSON Lines").
  public var jsonKey: String {
    switch self {
    case .header: ""
    case .cdcHit: "cdc"
    case .eclHit: "ecl"
    case .klmHit: "klm"
    case .track: "tracks"
    case .cluster: "clusters"
    case .mcParticle: "mc"
    }
  }
}

/// Detector numbers the trigger sees: the one place where CDC, ECL-trigger and KLM geometry lives.
///
/// Source: docs/physics.md, "Detector numbers" (public Belle II software and design documents).
/// Simplifications are named where they are made.
public enum DetectorGeometry {}

extension DetectorGeometry {
  /// The central drift chamber: 56 sense layers in 9 superlayers (docs/physics.md, "Detector numbers", CDC).
  public enum CDC {
    /// Number of sense layers, indexed 0…55.
    public static let layerCount = 56
    /// Number of superlayers, indexed 0…8.
    public static let superlayerCount = 9
    /// Axial superlayers (wires parallel to the beam); the others are stereo.
    public static let axialSuperlayers: [Int] = [0, 2, 4, 6, 8]
    /// Wires (cells) in each layer of superlayer 0…8.
    public static let wiresPerLayerBySuperlayer: [Int] = [160, 160, 192, 224, 256, 288, 320, 352, 384]
    /// Polar-angle acceptance of the CDC in degrees (docs/physics.md, "The detector").
    public static let acceptanceThetaDeg: ClosedRange<Double> = 17...150
    /// Solenoid field in tesla.
    public static let magneticFieldTesla = 1.5
    /// Radius of curvature per unit transverse momentum in that field, cm per GeV/c:
    /// R[cm] = p_T[GeV/c] / (0.003 · B[T]).
    public static let curvatureRadiusCmPerGeV = 1 / (0.003 * magneticFieldTesla)
    /// Drift velocity in cm/ns (≈ 40 µm/ns in He–C₂H₆ 50:50; trigemu takes it constant and reads
    /// one TDC count as 1 ns, so drift distance = TDC × this).
    public static let driftVelocityCmPerNs = 0.004

    /// Superlayer 0…8 of a layer 0…55: SL0 holds layers 0–7, SL1–SL8 hold six layers each.
    @inlinable
    public static func superlayer(ofLayer layer: Int) -> Int {
      layer < 8 ? 0 : 1 + (layer - 8) / 6
    }

    /// First layer of a superlayer.
    public static func firstLayer(ofSuperlayer superlayer: Int) -> Int {
      superlayer == 0 ? 0 : 8 + 6 * (superlayer - 1)
    }

    /// Wires in a layer 0…55, looked up per layer so the hot path does one array read.
    public static let wiresPerLayer: [UInt16] = (0..<layerCount).map {
      UInt16(wiresPerLayerBySuperlayer[superlayer(ofLayer: $0)])
    }

    /// Total number of sense wires (14 336).
    public static let wireCount: Int = wiresPerLayer.reduce(0) { $0 + Int($1) }

    /// Sense-wire radius of a layer in millimetres.
    ///
    /// Published anchors: layer 0 at 168 mm, layer 7 at 238 mm, layer 8 at 257 mm, layer 55 at
    /// 1111.4 mm. Simplification: radii are linear between the anchors (the real chamber has
    /// slightly larger gaps between superlayers).
    public static func radiusMM(ofLayer layer: Int) -> Double {
      if layer <= 7 { return 168 + (238 - 168) * Double(layer) / 7 }
      return 257 + (1111.4 - 257) * Double(layer - 8) / 47
    }

    /// Stereo angle in radians of a superlayer's wires (0 for axial superlayers). trigemu's
    /// approximation of the Belle II CDC design (not in docs/physics.md): U and V superlayers
    /// alternate, 45–74 mrad. A stereo wire at φ(z = 0) passes φ + z·tan(α)/r at height z.
    public static func stereoAngleRad(ofSuperlayer superlayer: Int) -> Double {
      [0, 0.0454, 0, -0.0546, 0, 0.0640, 0, -0.0723, 0][superlayer]
    }

    /// Azimuth in radians (0…2π) of a wire at z = 0: wire k of an even layer sits at 2πk/n,
    /// odd layers are staggered by half a cell (trigemu's simplified wire map).
    @inlinable
    public static func wirePhiRad(layer: Int, wire: Int, wiresInLayer n: Int) -> Double {
      (Double(wire) + (layer & 1 == 1 ? 0.5 : 0)) * 2 * Double.pi / Double(n)
    }

    /// Track segments: one per wire of each superlayer's reference layer (2336 in all).
    public static let trackSegmentCount: Int = wiresPerLayerBySuperlayer.reduce(0, +)
  }
}

extension DetectorGeometry {
  /// The calorimeter as the trigger sees it: 576 trigger cells (TCs) with ids 1…576.
  ///
  /// docs/physics.md, "Detector numbers", ECL trigger; the θ/φ index layout follows the public Belle II
  /// TC map (basf2 `trg/ecl`): forward endcap TCs 1–80 in θ index 1–3 (16, 32 and 32 cells around
  /// φ), barrel TCs 81–512 as 36 φ columns of 12 θ indices 4–15, backward endcap TCs 513–576 in
  /// θ index 16–17 (32 cells each).
  public enum ECL {
    /// Number of trigger cells; ids run 1…576.
    public static let triggerCellCount = 576
    /// TC ids of the forward endcap.
    public static let forwardEndcapCells: ClosedRange<Int> = 1...80
    /// TC ids of the barrel.
    public static let barrelCells: ClosedRange<Int> = 81...512
    /// TC ids of the backward endcap.
    public static let backwardEndcapCells: ClosedRange<Int> = 513...576
    /// θ indices 1…17.
    public static let thetaIndexRange: ClosedRange<Int> = 1...17
    /// θ indices summed by the energy-sum bits ("lowe", "hie", "lume").
    public static let energySumThetaIndices: ClosedRange<Int> = 2...15
    /// Approximate energy per ADC count of a TC, in GeV.
    public static let gevPerADCCount = 0.00525
    /// Polar coverage in degrees of the forward endcap, barrel and backward endcap (docs/physics.md).
    public static let forwardEndcapThetaDeg: ClosedRange<Double> = 12.4...31.4
    public static let barrelThetaDeg: ClosedRange<Double> = 32.2...128.7
    public static let backwardEndcapThetaDeg: ClosedRange<Double> = 130.7...155.1
    /// Inner surfaces in cm: the barrel's radius and the forward and backward endcap planes.
    /// Simplified Belle II values (a trigemu approximation, not in docs/physics.md).
    public static let barrelRadiusCm = 125.0
    public static let forwardEndcapZCm = 196.0
    public static let backwardEndcapZCm = -102.0
    /// Trigger time window in ns, and the window around the event time in which clusters count.
    public static let timeWindowNs = 250.0
    public static let clusterTimeWindowNs = 100.0

    /// θ index 1…17 of a TC id 1…576.
    public static func thetaIndex(ofCell id: Int) -> Int {
      let zeroBased = id - 1
      if zeroBased < 80 {
        // Groups of five cells per pair of φ columns: θ index 1, 2, 3 in the first, 3, 2 in the second.
        let inGroup = zeroBased % 5
        return inGroup < 3 ? 1 + inGroup : 6 - inGroup
      }
      if zeroBased < 512 { return 4 + (zeroBased - 80) % 12 }
      return ((zeroBased - 512) / 2) % 2 == 0 ? 16 : 17
    }

    /// Polar range in degrees of θ index 1…17. Simplification: each part of the calorimeter
    /// (forward endcap, barrel, backward endcap) is split into equal θ bins; the gaps between
    /// the parts (31.4°–32.2°, 128.7°–130.7°) belong to no trigger cell.
    public static func thetaRangeDeg(ofThetaIndex index: Int) -> ClosedRange<Double> {
      let (part, first, count) =
        index <= 3 ? (forwardEndcapThetaDeg, 1, 3) : index <= 15 ? (barrelThetaDeg, 4, 12) : (backwardEndcapThetaDeg, 16, 2)
      let width = (part.upperBound - part.lowerBound) / Double(count)
      let low = part.lowerBound + Double(index - first) * width
      return low...(low + width)
    }

    /// θ index 1…17 at polar angle `thetaDeg`, or nil outside the calorimeter and in its gaps.
    public static func thetaIndex(atThetaDeg thetaDeg: Double) -> Int? {
      for (part, first, count) in [(forwardEndcapThetaDeg, 1, 3), (barrelThetaDeg, 4, 12), (backwardEndcapThetaDeg, 16, 2)]
      where part.contains(thetaDeg) {
        let width = (part.upperBound - part.lowerBound) / Double(count)
        return first + min(count - 1, Int((thetaDeg - part.lowerBound) / width))
      }
      return nil
    }

    /// Number of trigger cells around φ in the ring of θ index `index`: 16 in θ index 1,
    /// 32 in the other endcap rings, 36 in the barrel.
    public static func phiCellCount(ofThetaIndex index: Int) -> Int {
      index == 1 ? 16 : (4...15).contains(index) ? 36 : 32
    }

    /// The TC id at θ index `thetaIndex` and azimuth `phiRad` (any value; wrapped to 0…2π).
    /// Cell k of a ring covers φ from 2πk/n to 2π(k+1)/n.
    public static func cell(thetaIndex: Int, phiRad: Double) -> Int {
      let count = phiCellCount(ofThetaIndex: thetaIndex)
      var turns = phiRad / (2 * Double.pi)
      turns -= turns.rounded(.down)
      let column = min(count - 1, Int(turns * Double(count)))
      return cellByRing[thetaIndex][column]
    }

    /// Centre of a TC id 1…576: θ in degrees (middle of its θ bin) and φ in radians.
    public static func centre(ofCell id: Int) -> (thetaDeg: Double, phiRad: Double) {
      let theta = thetaIndex(ofCell: id)
      let range = thetaRangeDeg(ofThetaIndex: theta)
      let count = phiCellCount(ofThetaIndex: theta)
      let column = cellByRing[theta].firstIndex(of: id)!
      return ((range.lowerBound + range.upperBound) / 2, (Double(column) + 0.5) * 2 * Double.pi / Double(count))
    }

    /// `cellByRing[θ index][column]`: TC ids ordered by φ in each ring, from the id map above
    /// (θ index 1 holds every other φ column of the forward endcap's 32).
    static let cellByRing: [[Int]] = {
      var rings = Array(repeating: [(phi: Int, id: Int)](), count: 18)
      for id in 1...triggerCellCount { rings[thetaIndex(ofCell: id)].append((phiIndex(ofCell: id), id)) }
      return rings.map { $0.sorted { $0.phi < $1.phi }.map(\.id) }
    }()

    /// φ index 1…36 in the barrel, 1…32 in the endcaps, of a TC id 1…576.
    public static func phiIndex(ofCell id: Int) -> Int {
      let zeroBased = id - 1
      if zeroBased < 80 { return 1 + 2 * (zeroBased / 5) + (zeroBased % 5 < 3 ? 0 : 1) }
      if zeroBased < 512 { return 1 + (zeroBased - 80) / 12 }
      return 1 + 2 * ((zeroBased - 512) / 4) + (zeroBased % 2)
    }
  }
}

extension DetectorGeometry {
  /// The K_L and muon detector: RPCs in the barrel, scintillator strips in the endcaps.
  ///
  /// docs/physics.md, "Detector numbers", KLM: barrel 8 sectors × 15 layers, forward endcap 4 sectors
  /// × 14 layers, backward endcap 4 sectors × 12 layers. Sectors and layers count from 1, as in
  /// Belle II; each layer has two readout planes (0 and 1).
  public enum KLM {
    /// A part of the KLM, stored as its raw value in hit records.
    public enum Section: UInt8, CaseIterable, Sendable, CustomStringConvertible {
      case barrel = 0
      case forwardEndcap = 1
      case backwardEndcap = 2

      /// Sectors in this section, numbered from 1.
      public var sectorCount: Int { self == .barrel ? 8 : 4 }

      /// Layers in this section, numbered from 1.
      public var layerCount: Int {
        switch self {
        case .barrel: 15
        case .forwardEndcap: 14
        case .backwardEndcap: 12
        }
      }

      public var description: String {
        switch self {
        case .barrel: "barrel"
        case .forwardEndcap: "forward"
        case .backwardEndcap: "backward"
        }
      }

      /// The section named `barrel`, `forward` or `backward`.
      public init?(name: String) {
        guard let section = Section.allCases.first(where: { $0.description == name }) else { return nil }
        self = section
      }
    }

    /// Readout planes per layer (0 and 1).
    public static let planeCount = 2

    /// Polar coverage in degrees of the barrel and the endcaps. trigemu's approximation (not in
    /// docs/physics.md): barrel 45°–125°, forward endcap 20°–45°, backward endcap 125°–155°.
    public static func section(atThetaDeg thetaDeg: Double) -> Section? {
      switch thetaDeg {
      case 20..<45: .forwardEndcap
      case 45..<125: .barrel
      case 125..<155: .backwardEndcap
      default: nil
      }
    }

    /// Sector 1…n of a section at azimuth `phiRad`: 45° wedges in the barrel, quadrants in the endcaps.
    public static func sector(of section: Section, atPhiRad phiRad: Double) -> Int {
      var turns = phiRad / (2 * Double.pi)
      turns -= turns.rounded(.down)
      return 1 + min(section.sectorCount - 1, Int(turns * Double(section.sectorCount)))
    }
  }
}

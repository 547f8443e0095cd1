import TriggerEvents

/// Everything the L1 processors found in one event: what condition plugins read.
///
/// Arrays are emptied and refilled event after event, keeping their capacity.
public struct TriggerSummary: Sendable {
  /// Fired track segments, all superlayers.
  public internal(set) var segments: [TrackSegment] = []
  /// 2D tracks from the Hough finder (with their 3D parameters where the 3D stage found them).
  public internal(set) var tracks: [TriggerTrack] = []
  /// ECL trigger clusters.
  public internal(set) var clusters: [TriggerCluster] = []
  /// Summed trigger-cell energy (lab, GeV) per θ index 1…17, in the time window.
  public internal(set) var energyByThetaIndexGeV: [Double] = Array(repeating: 0, count: 18)
  /// KLM sectors with at least one hit: their layer masks.
  public internal(set) var klmSectors: [KLMSectorHits] = []
  /// Vertices of opposite-charge track pairs.
  public internal(set) var vertices: [TriggerVertex] = []

  public init() {}

  /// Summed trigger-cell energy over θ indices `range`, in GeV (lab).
  public func energySumGeV(thetaIndices range: ClosedRange<Int>) -> Double {
    var sum = 0.0
    for index in range where index >= 1 && index <= 17 { sum += energyByThetaIndexGeV[index] }
    return sum
  }

  /// Empties every list, keeping the capacity, for the next event.
  public mutating func removeAll() {
    segments.removeAll(keepingCapacity: true)
    tracks.removeAll(keepingCapacity: true)
    clusters.removeAll(keepingCapacity: true)
    for index in energyByThetaIndexGeV.indices { energyByThetaIndexGeV[index] = 0 }
    klmSectors.removeAll(keepingCapacity: true)
    vertices.removeAll(keepingCapacity: true)
  }
}

/// A fired CDC track segment: hits in enough layers of a superlayer around a reference wire.
public struct TrackSegment: Hashable, Sendable {
  public var superlayer: Int
  /// Reference wire (in the superlayer's reference layer).
  public var wire: Int
  /// Azimuth of the reference wire at z = 0, radians 0…2π.
  public var phiRad: Double
  /// Radius of the reference layer, cm.
  public var radiusCm: Double
  /// cos and sin of `phiRad`, so fits need no trigonometry.
  public var cosPhi: Double
  public var sinPhi: Double
  /// Layers of the superlayer with a hit in the segment's window (bit k = k-th segment layer).
  public var layerMask: UInt8
  /// Drift distance in cm of the reference wire's own hit (nil when that wire had none): the
  /// track passed this far to one side of the wire (the fitters decide which).
  public var driftCm: Double?
  /// Which side of the reference wire the track passed, from the hits in the two layers next
  /// to the reference layer (staggered by half a cell): −1 towards smaller φ, +1 towards larger,
  /// 0 when they disagree or are missing (the firmware's left/right lookup, simplified).
  public var side: Int8 = 0
}

/// A CDC trigger track.
public struct TriggerTrack: Sendable {
  /// Azimuth of the momentum at the origin, radians −π…π.
  public var phi0Rad: Double
  /// Signed curvature in 1/cm: positive for positive charge (which turns clockwise seen from +z).
  public var curvaturePerCm: Double
  /// Transverse momentum, GeV.
  public var ptGeV: Double { 1 / (DetectorGeometry.CDC.curvatureRadiusCmPerGeV * max(abs(curvaturePerCm), 1e-9)) }
  /// +1 or −1.
  public var charge: Int { curvaturePerCm >= 0 ? 1 : -1 }
  /// Axial superlayers with a segment on the track (bit k = superlayer 2k).
  public var axialMask: UInt8
  /// z of closest approach in cm and polar angle in radians from the 3D stage, when it found at
  /// least two stereo segments.
  public var z0Cm: Double?
  public var thetaRad: Double?
  /// Centre and radius (cm) of a circle fitted freely (not through the origin) to the axial
  /// segments, for vertexing; nil with fewer than three.
  public var freeCircle: (x: Double, y: Double, radius: Double)?
}

/// An ECL trigger cluster: connected trigger cells above threshold, in time.
public struct TriggerCluster: Hashable, Sendable {
  /// Lab energy in GeV and the energy-weighted centre.
  public var energyGeV: Double
  public var thetaRad: Double
  public var phiRad: Double
  /// θ index of the most energetic cell.
  public var thetaIndex: Int
  public var timeNs: Double
  public var cellCount: Int
  /// The same cluster in the CM frame (massless).
  public var energyCMGeV: Double
  public var thetaCMRad: Double
}

/// Hits of one KLM sector.
public struct KLMSectorHits: Hashable, Sendable {
  public var section: DetectorGeometry.KLM.Section
  public var sector: Int
  /// Bit ℓ − 1 set when layer ℓ has a hit (either plane).
  public var layerMask: UInt16

  /// Number of distinct layers hit within `layers`.
  public func layerCount(in layers: ClosedRange<Int>) -> Int {
    var count = 0
    for layer in layers where layer >= 1 && layer <= 16 && layerMask & (1 << (layer - 1)) != 0 { count += 1 }
    return count
  }
}

/// A two-track vertex.
public struct TriggerVertex: Hashable, Sendable {
  public var xCm: Double
  public var yCm: Double
  public var radiusCm: Double { (xCm * xCm + yCm * yCm).squareRoot() }
  /// Indices into `TriggerSummary.tracks`.
  public var firstTrack: Int
  public var secondTrack: Int
}

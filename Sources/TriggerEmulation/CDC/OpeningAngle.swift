import TriggerEvents

/// Opening angles between CDC trigger tracks.
public enum OpeningAngle {
  /// The global decision logic's view: φ0 in 36 bins of 10° and the absolute difference of the
  /// bin numbers, 0…35 (not folded). docs/physics.md: "opening angle > 90°" is a difference in
  /// [9, 27]; back-to-back windows are [17, 19] … [14, 22].
  public static func binDifference(_ a: TriggerTrack, _ b: TriggerTrack) -> Int {
    func bin(_ phi: Double) -> Int {
      var turns = phi / (2 * .pi)
      turns -= turns.rounded(.down)
      return min(35, Int(turns * 36))
    }
    let difference = abs(bin(a.phi0Rad) - bin(b.phi0Rad))
    return difference
  }

  /// Whether the logic's bin difference (0…35) lies in `window`, e.g. [9, 27] for "> 90°".
  public static func binDifference(_ a: TriggerTrack, _ b: TriggerTrack, isIn window: ClosedRange<Int>) -> Bool {
    window.contains(binDifference(a, b))
  }

  /// The exact opening angle in degrees between the tracks' momentum directions at the origin,
  /// in 3D when both have θ from the 3D stage, else in the transverse plane.
  public static func exactDeg(_ a: TriggerTrack, _ b: TriggerTrack) -> Double {
    Direction.openingAngleDeg(thetaA: a.thetaRad ?? .pi / 2, phiA: a.phi0Rad, thetaB: b.thetaRad ?? .pi / 2, phiB: b.phi0Rad)
  }
}

import Foundation
import TriggerEvents

extension MCParticle {
  /// Polar angle of the true momentum in degrees.
  public var thetaDeg: Double { atan2(Double(hypot(pxGeV, pyGeV)), Double(pzGeV)) * 180 / .pi }
}

import Foundation
import Testing
import TriggerEvents

@Suite struct BeamsTests {
  @Test func aMasslessParticleAt90DegreesInTheLabHasEnergyGammaEInTheCMFrame() {
    // β = (7.007 − 4.000) / 11.007 = 0.27319 (docs/physics.md: βγ = 0.28): γ = 1.03954, and p_z = 0
    // in the lab gives E* = γE.
    let cm = Beams.masslessInCM(energyGeV: 2, thetaRad: .pi / 2)
    #expect(abs(cm.energyGeV - 2 * Beams.boostGamma) < 1e-12)
    #expect(abs(Beams.boostGamma - 1.03954) < 1e-5)
    // The boost is along +z, so the particle leans backwards in the CM frame: θ* > 90°.
    #expect(cm.thetaRad > .pi / 2)
  }

  @Test func theCMEnergyAloneIsExactlyTheEnergyOfTheFullBoost() {
    for energy in [0.05, 0.7, 2.0, 5.29, 7.5] {
      for thetaDeg in stride(from: 12.0, through: 155.0, by: 0.7) {
        let theta = thetaDeg * .pi / 180
        #expect(Beams.masslessEnergyInCM(energyGeV: energy, thetaRad: theta) == Beams.masslessInCM(energyGeV: energy, thetaRad: theta).energyGeV)
      }
    }
  }
}

import Foundation
import Testing
import TriggerEvents

@Suite struct BeamsTests {
  @Test func aMasslessParticleAt90DegreesInTheLabHasEnergyGammaEInTheCMFrame() {
    // βγ = 0.28 (PHYSICS.md): γ = √(1 + 0.28²) ≈ 1.0385, and p_z = 0 in the lab gives E* = γE.
    let cm = Beams.masslessInCM(energyGeV: 2, thetaRad: .pi / 2)
    #expect(abs(cm.energyGeV - 2 * Beams.boostGamma) < 1e-12)
    #expect(abs(Beams.boostGamma - 1.0385) < 1e-3)
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

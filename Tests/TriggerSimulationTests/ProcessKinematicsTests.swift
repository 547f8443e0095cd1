import Foundation
import Testing
import TriggerEvents
import TriggerSimulation

/// Generator-level physics: each test would fail if the kinematics were wrong.
@Suite struct ProcessKinematicsTests {
  /// `count` events of `process`, each as its list of particles (lab frame).
  func events(_ process: any PhysicsProcess, _ count: Int, seed: UInt64 = 1) -> [[GeneratedParticle]] {
    (0..<count).map { index in
      var random = EventRandom(seed: seed, run: 1, stream: UInt64(process.tag.rawValue), index: UInt64(index))
      var particles: [GeneratedParticle] = []
      process.generate(&random, into: &particles)
      return particles
    }
  }

  func degrees(_ radians: Double) -> Double { radians * 180 / .pi }

  func openingAngle(_ a: FourMomentum, _ b: FourMomentum) -> Double {
    degrees(acos(max(-1, min(1, (a.px * b.px + a.py * b.py + a.pz * b.pz) / (a.p * b.p)))))
  }

  @Test func theBeamsGiveTheBelle2CentreOfMassAndBoost() {
    #expect(abs(Collision.sqrtS - 10.588) < 0.001)
    #expect(abs(Collision.boostBetaGamma - 0.28) < 0.005)
    let lab = Collision.toLab(FourMomentum(px: 0, py: 0, pz: 0, energy: Collision.sqrtS))
    #expect(abs(lab.energy - 11.007) < 1e-9 && abs(lab.pz - 3.007) < 1e-9)
  }

  @Test(arguments: ["mumu", "ee", "gg", "tautau", "zprime@2", "aprime@1.5", "llp@1/3"])
  func everyProcessConservesTheBeamFourMomentum(spec: String) throws {
    let process = try ProcessCatalog.process(named: spec)
    for particles in events(process, 200) {
      // The long-lived X is listed for the truth record; its daughters carry its momentum.
      let total = particles.filter { $0.pdg != Particle.longLived }.reduce(FourMomentum.zero) { $0 + $1.momentum }
      #expect(abs(total.energy - 11.007) < 1e-6 && abs(total.pz - 3.007) < 1e-6, "\(spec)")
      #expect(abs(total.px) < 1e-6 && abs(total.py) < 1e-6, "\(spec)")
    }
  }

  @Test func dimuonsAreBackToBackInTheCMFrameUnlessAHardPhotonRecoils() {
    let sample = events(LeptonPairProcess(.muon), 20_000)
    var backToBack = 0, softBackToBack = 0, soft = 0, hardPhotonInECL = 0
    for particles in sample {
      let muon = Collision.toCM(particles[0].momentum), antimuon = Collision.toCM(particles[1].momentum)
      let photon = particles[2].momentum
      let angle = openingAngle(muon, antimuon)
      if angle > 170 { backToBack += 1 }
      if Collision.toCM(photon).energy < 0.1 {
        soft += 1
        if angle > 170 { softBackToBack += 1 }
      }
      if photon.energy > 0.5 && (12.4...155.1).contains(degrees(photon.theta)) { hardPhotonInECL += 1 }
    }
    #expect(Double(backToBack) / 20_000 > 0.6)  // the non-radiative majority
    #expect(softBackToBack == soft)
    // docs/physics.md: μμγ (E_γ > 0.5 GeV in ECL) 0.242 nb of μμ 0.831 nb, i.e. 29 %.
    #expect(abs(Double(hardPhotonInECL) / 20_000 - 0.29) < 0.04)
  }

  @Test func bhabhaPolarAngleFallsAsOneOverSinToTheFourthOfHalfTheAngle() {
    // Counts in θ* bins of the e⁻ against the integral of ((3 + c²)/(1 − c))², which is
    // 1/sin⁴(θ/2) up to a slowly varying factor at these angles.
    let sample = events(LeptonPairProcess(.electron), 60_000)
    func bin(_ theta: Double) -> Int { Int(theta / 10) }
    var counts = [Int](repeating: 0, count: 18)
    // Events with a soft photon, whose pair frame is the CM frame to better than a degree.
    for particles in sample where Collision.toCM(particles[2].momentum).energy < 0.05 {
      counts[min(17, bin(degrees(Collision.toCM(particles[0].momentum).theta)))] += 1
    }
    func expected(_ low: Double, _ high: Double) -> Double {
      let steps = 2000
      var sum = 0.0
      for k in 0..<steps {
        let theta = (low + (high - low) * (Double(k) + 0.5) / Double(steps)) * .pi / 180
        let c = cos(theta)
        sum += (3 + c * c) * (3 + c * c) / ((1 - c) * (1 - c)) * sin(theta)
      }
      return sum
    }
    let ratioObserved = Double(counts[1]) / Double(counts[4])  // 10–20° over 40–50°
    let ratioExpected = expected(10, 20) / expected(40, 50)
    #expect(abs(ratioObserved / ratioExpected - 1) < 0.1)
    #expect(counts[1] > 10 * counts[4] && counts[4] > 3 * counts[9])  // steeply falling
    #expect(counts[0] < counts[1] / 3)  // the generator cut at 10° (radiation smears it slightly)
  }

  @Test(arguments: [0.5, 2.0, 6.0])
  func theZPrimeRecoilMassIsTheGeneratedMass(mass: Double) {
    for particles in events(ZPrimeProcess(massGeV: mass), 500) {
      let pair = Collision.toCM(particles[0].momentum + particles[1].momentum)
      let recoilSquared = Collision.s + pair.massSquared - 2 * Collision.sqrtS * pair.energy
      #expect(abs(recoilSquared.squareRoot() - mass) < 1e-6)
    }
  }

  @Test(arguments: [0.0, 1.0, 5.0])
  func theDarkPhotonRecoilPhotonHasTheTwoBodyEnergy(mass: Double) {
    let process = DarkPhotonProcess(massGeV: mass)
    #expect(abs(process.photonEnergyCM - (Collision.s - mass * mass) / (2 * Collision.sqrtS)) < 1e-12)
    for particles in events(process, 200) {
      #expect(abs(Collision.toCM(particles[0].momentum).energy - process.photonEnergyCM) < 1e-9)
    }
  }

  @Test func longLivedDecayLengthsFollowTheExponential() {
    let properLength = 3.0
    let sample = events(LongLivedProcess(massGeV: 1, properLengthCm: properLength), 20_000)
    var properLengths: [Double] = []
    for particles in sample {
      let x = particles[1].momentum, vertex = particles[2].vertex
      let length = (vertex.x * vertex.x + vertex.y * vertex.y + vertex.z * vertex.z).squareRoot()
      properLengths.append(length / (x.p / 1.0))
    }
    let mean = properLengths.reduce(0, +) / Double(properLengths.count)
    #expect(abs(mean - properLength) < 3 * properLength / Double(properLengths.count).squareRoot() * 1.5)
    let beyondTwo = Double(properLengths.filter { $0 > 2 * properLength }.count) / Double(properLengths.count)
    #expect(abs(beyondTwo - exp(-2)) < 0.012)
  }

  @Test func displacedVertexRadiiFollowTheDecayLengthExponential() {
    // R_xy = βγ sin θ · cτ · t = (p_T / m) · cτ · t with t exponential: R_xy · m / p_T ~ Exp(cτ).
    let mass = 1.0, properLength = 3.0
    let sample = events(LongLivedProcess(massGeV: mass, properLengthCm: properLength), 20_000, seed: 4)
    let scaled = sample.map { particles -> Double in
      let x = particles[1].momentum, vertex = particles[2].vertex
      return (vertex.x * vertex.x + vertex.y * vertex.y).squareRoot() * mass / x.pt
    }
    let mean = scaled.reduce(0, +) / Double(scaled.count)
    #expect(abs(mean - properLength) < 4 * properLength / Double(scaled.count).squareRoot())
    for multiple in [0.5, 1.0, 2.0] {
      let beyond = Double(scaled.filter { $0 > multiple * properLength }.count) / Double(scaled.count)
      #expect(abs(beyond - exp(-multiple)) < 0.012, "R_xy beyond \(multiple) cτ")
    }
  }

  @Test func tauPairsGiveTwoOppositeChargesAndMissingNeutrinos() {
    for particles in events(TauPairProcess(), 2000) {
      let charged = particles.filter { Particle.charge(of: $0.pdg) != 0 }
      #expect(charged.count == 2)
      #expect(charged.reduce(0) { $0 + Particle.charge(of: $1.pdg) } == 0)
      #expect(particles.filter(\.isInvisible).count >= 2)
    }
  }

  @Test func processSpecsAreParsedOrRejectedClearly() throws {
    #expect(try ProcessCatalog.process(named: "llp@0.5/2").name == "llp@0.5/2")
    #expect(try ProcessCatalog.process(named: "zprime@3").name == "zprime@3")
    #expect(throws: ProcessSpecError(spec: "zprime", message: "expected zprime@MASS_GeV with positive numbers")) {
      try ProcessCatalog.process(named: "zprime")
    }
    #expect(throws: ProcessSpecError(spec: "bhabha", message: "unknown process (known: ee, gg, mumu, tautau, eemumu, zprime@MASS, aprime@MASS, llp@MASS/CTAU)")) {
      try ProcessCatalog.process(named: "bhabha")
    }
  }
}

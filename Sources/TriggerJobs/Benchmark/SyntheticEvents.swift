import TriggerEvents
import TriggerSupport
/// Deterministic, detector-valid but physically meaningless events, for benchmarks and format tests.
///
/// Sizes resemble a low-multiplicity event with beam background (≈150–400 CDC hits, 10–40 TC hits,
/// a few KLM hits, tracks, clusters and truth particles), so the I/O numbers mean something.
/// Not physics: the simulation (`TriggerSimulation`) makes physics samples.
public struct SyntheticEvents {
  private var random: SplitMix64
  private let experiment: UInt16

  public init(seed: UInt64, experiment: UInt16 = 0) {
    random = SplitMix64(seed: seed)
    self.experiment = experiment
  }

  /// Fills `event` (reusing its arrays) with the next synthetic event of `run`.
  public mutating func fill(_ event: inout Event, run: UInt32, eventNumber: UInt32) {
    event.header = EventHeader(experiment: experiment, run: run, eventNumber: eventNumber, process: .synthetic, weight: 1)
    event.removeAllRecords()
    for _ in 0..<uniform(150...400) {
      let layer = uniform(0...(DetectorGeometry.CDC.layerCount - 1))
      let wires = Int(DetectorGeometry.CDC.wiresPerLayer[layer])
      event.cdcHits.append(CDCHit(
        layer: UInt8(layer), wire: UInt16(uniform(0...(wires - 1))), tdc: UInt16(uniform(0...1000)), adc: UInt16(uniform(0...400))))
    }
    for _ in 0..<uniform(10...40) {
      event.eclHits.append(ECLTriggerCellHit(
        cellId: UInt16(uniform(1...DetectorGeometry.ECL.triggerCellCount)), energyGeV: unit() * 2, timeNs: unit() * 200 - 100))
    }
    for _ in 0..<uniform(0...20) {
      let section = DetectorGeometry.KLM.Section(rawValue: UInt8(uniform(0...2)))!
      event.klmHits.append(KLMHit(
        section: section, sector: UInt8(uniform(1...section.sectorCount)), layer: UInt8(uniform(1...section.layerCount)),
        plane: UInt8(uniform(0...1)), timeNs: unit() * 50))
    }
    for _ in 0..<uniform(0...4) {
      event.tracks.append(Track(
        charge: unit() < 0.5 ? -1 : 1, cdcHitCount: UInt16(uniform(10...56)), pGeV: unit() * 5,
        thetaRad: unit() * .pi, phiRad: (unit() * 2 - 1) * .pi, d0Cm: unit() - 0.5, z0Cm: unit() * 4 - 2))
    }
    for _ in 0..<uniform(0...6) {
      event.clusters.append(ECLCluster(
        energyGeV: unit() * 5, thetaRad: unit() * .pi, phiRad: (unit() * 2 - 1) * .pi, timeNs: unit() * 20 - 10))
    }
    for index in 0..<uniform(2...6) {
      event.mcParticles.append(MCParticle(
        pdg: index % 2 == 0 ? 13 : -13, pxGeV: unit() - 0.5, pyGeV: unit() - 0.5, pzGeV: unit() * 3, energyGeV: unit() * 5 + 0.2))
    }
  }

  private mutating func uniform(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(random.next() % UInt64(range.count))
  }

  private mutating func unit() -> Float { Float(random.next() >> 40) / Float(1 << 24) }
}

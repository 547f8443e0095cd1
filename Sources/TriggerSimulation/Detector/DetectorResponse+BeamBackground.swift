import Foundation
import TriggerEvents

extension DetectorResponse {
  /// Nominal beam background per event (level 1): random CDC hits, low-energy trigger cells and
  /// KLM hits. trigemu's choice, of the order seen in Belle II at moderate luminosity; the run
  /// list's beam_background scales all three.
  static let backgroundCDCHits = 100.0
  static let backgroundTriggerCells = 6.0
  static let backgroundKLMHits = 0.5

  /// Layer of a background CDC hit for each of 4096 equal slices of a uniform number: layers
  /// are drawn with probability ∝ 1/r (background falls off with radius).
  static let backgroundLayerTable: [UInt8] = {
    let weights = layerRadiiCm.map { 1 / $0 }
    let total = weights.reduce(0, +)
    var cumulative: [Double] = []
    var sum = 0.0
    for weight in weights {
      sum += weight / total
      cumulative.append(sum)
    }
    return (0..<4096).map { slice in
      let u = (Double(slice) + 0.5) / 4096
      return UInt8(cumulative.firstIndex { $0 >= u } ?? weights.count - 1)
    }
  }()

  /// Adds beam background at `level` times nominal.
  func addBeamBackground(level: Double, random: inout EventRandom, into event: inout Event) {
    guard level > 0 else { return }
    let layerTable = Self.backgroundLayerTable, wiresPerLayer = DetectorGeometry.CDC.wiresPerLayer
    for _ in 0..<random.poisson(mean: Self.backgroundCDCHits * level) {
      let bits = random.next()
      let layer = Int(layerTable[Int(bits >> 52)])
      let wire = Int(((bits & 0xFFFF_FFFF) &* UInt64(wiresPerLayer[layer])) >> 32)
      let more = random.next()
      let tdc = UInt16(((more & 0xFFFF_FFFF) &* 1100) >> 32), adc = UInt16(1 + ((more >> 32) &* 30) >> 32)
      addCDCHit(layer: layer, wire: wire, tdc: tdc, adc: adc, into: &event)
    }
    for _ in 0..<random.poisson(mean: Self.backgroundTriggerCells * level) {
      let cell = 1 + random.below(DetectorGeometry.ECL.triggerCellCount)
      let energy = 0.005 + random.exponential(mean: 0.03)
      let time = Float(random.uniform(-125, 125))  // mostly out of time
      addTriggerCellEnergy(cell, Float(energy), time: time)
      if energy > 0.05 {
        let centre = DetectorGeometry.ECL.centre(ofCell: cell)
        var phi = centre.phiRad
        if phi > .pi { phi -= 2 * .pi }
        event.clusters.append(ECLCluster(energyGeV: Float(energy), thetaRad: Float(centre.thetaDeg * .pi / 180), phiRad: Float(phi), timeNs: time))
      }
    }
    for _ in 0..<random.poisson(mean: Self.backgroundKLMHits * level) {
      let section = DetectorGeometry.KLM.Section(rawValue: UInt8(random.below(3)))!
      addKLMHit(
        section: section, sector: 1 + random.below(section.sectorCount), layer: 1 + random.below(section.layerCount),
        plane: random.below(2),
        timeNs: Float(random.uniform(-100, 100)), into: &event)
    }
  }
}

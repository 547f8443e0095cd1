import Testing
import TriggerEvents

@Suite struct DetectorGeometryTests {
  @Test func cdcHas56LayersIn9SuperlayersWith14336Wires() {
    #expect(DetectorGeometry.CDC.wiresPerLayer.count == 56)
    #expect(DetectorGeometry.CDC.wireCount == 14_336)
    #expect(DetectorGeometry.CDC.trackSegmentCount == 2336)
    let layersPerSuperlayer = (0..<9).map { sl in (0..<56).filter { DetectorGeometry.CDC.superlayer(ofLayer: $0) == sl }.count }
    #expect(layersPerSuperlayer == [8, 6, 6, 6, 6, 6, 6, 6, 6])
    #expect(DetectorGeometry.CDC.superlayer(ofLayer: 7) == 0)
    #expect(DetectorGeometry.CDC.superlayer(ofLayer: 8) == 1)
    #expect(DetectorGeometry.CDC.superlayer(ofLayer: 55) == 8)
    #expect(DetectorGeometry.CDC.firstLayer(ofSuperlayer: 8) == 50)
  }

  @Test func cdcRadiiMatchThePublishedAnchors() {
    #expect(DetectorGeometry.CDC.radiusMM(ofLayer: 0) == 168)
    #expect(DetectorGeometry.CDC.radiusMM(ofLayer: 7) == 238)
    #expect(DetectorGeometry.CDC.radiusMM(ofLayer: 8) == 257)
    #expect(abs(DetectorGeometry.CDC.radiusMM(ofLayer: 55) - 1111.4) < 1e-9)
    let radii = (0..<56).map(DetectorGeometry.CDC.radiusMM(ofLayer:))
    #expect(zip(radii, radii.dropFirst()).allSatisfy { $0 < $1 })
  }

  @Test func eclTriggerCellThetaIndicesFollowTheBelle2Map() {
    var cellsPerTheta = [Int: Int]()
    var phiRange = [Int: ClosedRange<Int>]()
    for id in 1...576 {
      let theta = DetectorGeometry.ECL.thetaIndex(ofCell: id)
      let phi = DetectorGeometry.ECL.phiIndex(ofCell: id)
      cellsPerTheta[theta, default: 0] += 1
      phiRange[theta] = phiRange[theta].map { min($0.lowerBound, phi)...max($0.upperBound, phi) } ?? phi...phi
    }
    #expect(cellsPerTheta[1] == 16 && cellsPerTheta[2] == 32 && cellsPerTheta[3] == 32)
    for theta in 4...15 {
      #expect(cellsPerTheta[theta] == 36)
      #expect(phiRange[theta] == 1...36)
    }
    #expect(cellsPerTheta[16] == 32 && cellsPerTheta[17] == 32)
    #expect(phiRange[16] == 1...32 && phiRange[2] == 1...32)
    // The innermost forward ring has one cell per pair of φ columns.
    #expect(phiRange[1] == 1...31)
    #expect((81...512).allSatisfy { (4...15).contains(DetectorGeometry.ECL.thetaIndex(ofCell: $0)) })
    // Barrel cells in one φ column are consecutive in θ: TC 81 is θ 4, TC 92 is θ 15, TC 93 starts φ 2.
    #expect(DetectorGeometry.ECL.thetaIndex(ofCell: 81) == 4 && DetectorGeometry.ECL.thetaIndex(ofCell: 92) == 15)
    #expect(DetectorGeometry.ECL.phiIndex(ofCell: 93) == 2)
  }

  @Test func everyTriggerCellIsFoundAgainAtItsCentre() {
    var seen = Set<Int>()
    for id in 1...576 {
      let centre = DetectorGeometry.ECL.centre(ofCell: id)
      let theta = DetectorGeometry.ECL.thetaIndex(atThetaDeg: centre.thetaDeg)
      #expect(theta == DetectorGeometry.ECL.thetaIndex(ofCell: id))
      #expect(DetectorGeometry.ECL.cell(thetaIndex: theta!, phiRad: centre.phiRad) == id)
      seen.insert(id)
    }
    #expect(seen.count == 576)
    #expect(DetectorGeometry.ECL.thetaIndex(atThetaDeg: 31.8) == nil)  // the forward gap
    #expect(DetectorGeometry.ECL.thetaIndex(atThetaDeg: 129.5) == nil)  // the backward gap
    #expect(DetectorGeometry.ECL.thetaIndex(atThetaDeg: 90) == 11)  // 7.2 bins of 8.04° above 32.2°
    #expect(DetectorGeometry.ECL.cell(thetaIndex: 4, phiRad: -0.01) == DetectorGeometry.ECL.cell(thetaIndex: 4, phiRad: 2 * .pi - 0.01))
  }

  @Test func klmSectionsHaveThePublishedSectorsAndLayers() {
    typealias Section = DetectorGeometry.KLM.Section
    #expect([Section.barrel, .forwardEndcap, .backwardEndcap].map(\.sectorCount) == [8, 4, 4])
    #expect([Section.barrel, .forwardEndcap, .backwardEndcap].map(\.layerCount) == [15, 14, 12])
    #expect(Section(name: "forward") == .forwardEndcap)
    #expect(Section(name: "middle") == nil)
  }
}

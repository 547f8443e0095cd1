import Foundation
import TriggerEvents

/// The ECL trigger: trigger-cell energies summed per θ index in the time window, and clustered
/// into trigger clusters (connected cells above threshold, in time), each also seen in the CM
/// frame (docs/physics.md, "Detector numbers", ECL trigger).
///
/// Simplifications: the event time is the nominal bunch crossing (t = 0); cells are connected
/// when their θ indices differ by at most one and their φ ranges touch; a cluster's direction is
/// the energy-weighted mean of its cells' centres.
public final class ECLTriggerProcessor {
  /// Cells below this energy (GeV) join no cluster.
  public let cellThresholdGeV = 0.05
  /// Energy sums use cells with |t| below this (the 250 ns window).
  public let energyWindowNs = DetectorGeometry.ECL.timeWindowNs / 2
  /// Clusters use cells with |t| below this.
  public let clusterWindowNs = DetectorGeometry.ECL.clusterTimeWindowNs

  /// Per cell: θ index, φ range in turns, centre direction; computed once.
  static let cells: [Cell] = (0...DetectorGeometry.ECL.triggerCellCount).map { id in
    guard id >= 1 else { return Cell(theta: 0, phiLow: 0, phiHigh: 0, thetaRad: 0, phiRad: 0, cosPhi: 1, sinPhi: 0) }
    let theta = DetectorGeometry.ECL.thetaIndex(ofCell: id)
    let centre = DetectorGeometry.ECL.centre(ofCell: id)
    let width = 1 / Double(DetectorGeometry.ECL.phiCellCount(ofThetaIndex: theta))
    let middle = centre.phiRad / (2 * .pi)
    return Cell(
      theta: theta, phiLow: middle - width / 2, phiHigh: middle + width / 2, thetaRad: centre.thetaDeg * .pi / 180,
      phiRad: centre.phiRad, cosPhi: cos(centre.phiRad), sinPhi: sin(centre.phiRad))
  }

  /// A trigger cell's θ index, φ range in turns, and centre direction.
  struct Cell {
    var theta: Int
    var phiLow: Double, phiHigh: Double
    var thetaRad: Double, phiRad: Double
    var cosPhi: Double, sinPhi: Double
    /// The φ range's centre and width in turns, as `touching` compares them.
    var phiCentre: Double { (phiLow + phiHigh) / 2 }
    var phiWidth: Double { phiHigh - phiLow }
  }

  /// A cell above threshold and in time, waiting to be clustered.
  private struct SelectedCell {
    var cell: Int32
    var thetaIndex: Int32
    var energyGeV: Double
    var timeNs: Double
    var phiCentre: Double
    var phiWidth: Double
  }

  /// Cells above threshold and in time this event (scratch kept between events).
  private var selected = UnsafeMutableBufferPointer<SelectedCell>.allocate(capacity: 64)
  /// The cell table, held by the instance so the clustering loop reads a stored property.
  private let cellTable = ECLTriggerProcessor.cells

  /// The firmware model's view of the cells: the factor each cell's energy is read with (0 for
  /// dead cells, the model's energy scale otherwise), and the time the windows are centred on.
  private let cellGain: [Double]
  private let windowCentreNs: Double

  /// A processor as the firmware model makes it (ideal by default): dead cells, energy scale and
  /// time-window shift.
  public init(firmware: FirmwareFaults = .ideal) {
    var gain = [Double](repeating: firmware.eclEnergyScale, count: DetectorGeometry.ECL.triggerCellCount + 1)
    for range in firmware.deadECLCells { for cell in range { gain[cell] = 0 } }
    cellGain = gain
    windowCentreNs = firmware.eclWindowShiftNs
  }

  deinit { selected.deallocate() }

  public func process(_ hits: ArraySlice<ECLTriggerCellHit>, into summary: inout TriggerSummary) {
    if selected.count < hits.count {
      selected.deallocate()
      selected = .allocate(capacity: max(hits.count, 2 * selected.count))
    }
    let selected = self.selected, energyWindowNs = self.energyWindowNs, clusterWindowNs = self.clusterWindowNs
    let windowCentreNs = self.windowCentreNs, cellThresholdGeV = self.cellThresholdGeV
    var count = 0
    cellTable.withUnsafeBufferPointer { cells in
      cellGain.withUnsafeBufferPointer { gain in
        summary.energyByThetaIndexGeV.withUnsafeMutableBufferPointer { sums in
          hits.withUnsafeBufferPointer { hits in
            for hit in hits {
              // A cell id outside 1…576 (which the reader rejects) is skipped.
              let cell = Int(hit.cellId)
              guard (1...DetectorGeometry.ECL.triggerCellCount).contains(cell) else { continue }
              let time = Double(hit.timeNs), energy = Double(hit.energyGeV) * gain[cell]
              let sinceWindowCentre = time - windowCentreNs
              if abs(sinceWindowCentre) <= energyWindowNs { sums[cells[cell].theta] += energy }
              if energy >= cellThresholdGeV && abs(sinceWindowCentre) <= clusterWindowNs {
                let c = cells[cell]
                selected[count] = SelectedCell(
                  cell: Int32(cell), thetaIndex: Int32(c.theta), energyGeV: energy, timeNs: time, phiCentre: c.phiCentre, phiWidth: c.phiWidth)
                count += 1
              }
            }
          }
        }
        // Connected components by repeated absorption (a handful of cells per event): a seed, then
        // every later cell touching a member is swapped in behind the members, so each cluster
        // ends up as one contiguous run first ..< used.
        var used = 0
        while used < count {
          let first = used
          used += 1
          var index = first
          while index < used {
            let a = selected[index]
            for candidate in used..<count where Self.touching(a, selected[candidate]) {
              selected.swapAt(candidate, used)
              used += 1
            }
            index += 1
          }
          summary.clusters.append(Self.makeCluster(selected, first..<used, cells: cells))
        }
      }
    }
  }

  /// Whether two cells are neighbours: θ indices within one and φ ranges touching (wrapping).
  private static func touching(_ a: SelectedCell, _ b: SelectedCell) -> Bool {
    guard abs(a.thetaIndex - b.thetaIndex) <= 1 else { return false }
    var difference = abs(a.phiCentre - b.phiCentre)
    difference -= difference.rounded(.down)
    difference = min(difference, 1 - difference)
    return difference <= (a.phiWidth + b.phiWidth) / 2 * 1.01
  }

  /// One trigger cluster from its cells: energy sum, energy-weighted θ and φ, the most energetic
  /// cell's θ index and time, and the CM-frame energy and θ.
  private static func makeCluster(
    _ selected: UnsafeMutableBufferPointer<SelectedCell>, _ members: Range<Int>, cells: UnsafeBufferPointer<Cell>
  ) -> TriggerCluster {
    var energy = 0.0, weightedTheta = 0.0, x = 0.0, y = 0.0
    var peak = members.lowerBound
    for index in members {
      let entry = selected[index], cell = cells[Int(entry.cell)]
      energy += entry.energyGeV
      weightedTheta += entry.energyGeV * cell.thetaRad
      x += entry.energyGeV * cell.cosPhi
      y += entry.energyGeV * cell.sinPhi
      if entry.energyGeV > selected[peak].energyGeV { peak = index }
    }
    let theta = weightedTheta / energy, phi = atan2(y, x)
    // Massless four-momentum boosted to the CM frame (`Beams`: βγ = 0.28 along +z).
    let cm = Beams.masslessInCM(energyGeV: energy, thetaRad: theta)
    return TriggerCluster(
      energyGeV: energy, thetaRad: theta, phiRad: phi, thetaIndex: Int(selected[peak].thetaIndex),
      timeNs: selected[peak].timeNs, cellCount: members.count, energyCMGeV: cm.energyGeV, thetaCMRad: cm.thetaRad)
  }
}

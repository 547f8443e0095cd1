import Foundation
import TriggerEvents

/// The ECL trigger: trigger-cell energies summed per θ index in the time window, and clustered
/// into trigger clusters (connected cells above threshold, in time), each also seen in the CM
/// frame (PHYSICS.md, "Detector numbers", ECL trigger).
///
/// Simplifications: the event time is the nominal bunch crossing (t = 0); cells are connected
/// when their θ indices differ by at most one and their φ ranges touch; a cluster's direction is
/// the energy-weighted mean of its cells' centres.
public final class ECLTriggerProcessor {
  /// Cells below this energy (GeV) join no cluster.
  public var cellThresholdGeV = 0.05
  /// Energy sums use cells with |t| below this (the 250 ns window).
  public var energyWindowNs = DetectorGeometry.ECL.timeWindowNs / 2
  /// Clusters use cells with |t| below this.
  public var clusterWindowNs = DetectorGeometry.ECL.clusterTimeWindowNs

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
  }

  private var selected: [(cell: Int, energy: Double, time: Double)] = []
  private var group: [Int] = []
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

  public func process(_ hits: ArraySlice<ECLTriggerCellHit>, into summary: inout TriggerSummary) {
    // The scratch arrays move into locals for the event (no exclusivity check per access).
    var selected = self.selected, group = self.group
    self.selected = []
    self.group = []
    defer {
      self.selected = selected
      self.group = group
    }
    selected.removeAll(keepingCapacity: true)
    let cells = cellTable, gain = cellGain
    for hit in hits {
      let cell = Int(hit.cellId)
      let time = Double(hit.timeNs), energy = Double(hit.energyGeV) * gain[cell]
      let sinceWindowCentre = time - windowCentreNs
      if abs(sinceWindowCentre) <= energyWindowNs { summary.energyByThetaIndexGeV[cells[cell].theta] += energy }
      if energy >= cellThresholdGeV && abs(sinceWindowCentre) <= clusterWindowNs { selected.append((cell, energy, time)) }
    }
    // Connected components by repeated absorption (a handful of cells per event).
    var used = 0
    while used < selected.count {
      group.removeAll(keepingCapacity: true)
      group.append(used)
      used += 1
      var index = 0
      while index < group.count {
        let a = selected[group[index]].cell
        var candidate = used
        while candidate < selected.count {
          if Self.touching(cells[a], cells[selected[candidate].cell]) {
            selected.swapAt(candidate, used)
            group.append(used)
            used += 1
          }
          candidate += 1
        }
        index += 1
      }
      summary.clusters.append(Self.makeCluster(group, of: selected, cells: cells))
    }
  }

  /// Whether two cells are neighbours: θ indices within one and φ ranges touching (wrapping).
  static func touching(_ ca: Cell, _ cb: Cell) -> Bool {
    guard abs(ca.theta - cb.theta) <= 1 else { return false }
    let centreA = (ca.phiLow + ca.phiHigh) / 2, centreB = (cb.phiLow + cb.phiHigh) / 2
    var difference = abs(centreA - centreB)
    difference -= difference.rounded(.down)
    difference = min(difference, 1 - difference)
    return difference <= (ca.phiHigh - ca.phiLow + cb.phiHigh - cb.phiLow) / 2 * 1.01
  }

  private static func makeCluster(_ members: [Int], of selected: [(cell: Int, energy: Double, time: Double)], cells cellTable: [Cell]) -> TriggerCluster {
    var energy = 0.0, weightedTheta = 0.0, x = 0.0, y = 0.0
    var peak = members[0]
    for member in members {
      let entry = selected[member], cell = cellTable[entry.cell]
      energy += entry.energy
      weightedTheta += entry.energy * cell.thetaRad
      x += entry.energy * cell.cosPhi
      y += entry.energy * cell.sinPhi
      if entry.energy > selected[peak].energy { peak = member }
    }
    let theta = weightedTheta / energy, phi = atan2(y, x)
    // Massless four-momentum boosted to the CM frame (`Beams`: βγ = 0.28 along +z).
    let cm = Beams.masslessInCM(energyGeV: energy, thetaRad: theta)
    return TriggerCluster(
      energyGeV: energy, thetaRad: theta, phiRad: phi, thetaIndex: cellTable[selected[peak].cell].theta,
      timeNs: selected[peak].time, cellCount: members.count, energyCMGeV: cm.energyGeV, thetaCMRad: cm.thetaRad)
  }
}

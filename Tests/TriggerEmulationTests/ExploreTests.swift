import Foundation
import TestSupport
import Testing
import TriggerEmulation
import TriggerEvents

@Suite struct ExploreTests {
  @Test func explore() throws {
    let events = try SimulatedSamples.events(["mumu"], luminosityPb: 1, background: 1)
    let processor = CDCTriggerProcessor()
    var summary = TriggerSummary()
    var histogram = [Int: Int](), segs = 0, with3D = 0, tracksTotal = 0
    var phiErr: [Double] = [], ptRatio: [Double] = [], z0s: [Double] = [], thetaErr: [Double] = []
    for event in events {
      summary = TriggerSummary()
      processor.process(event.cdcHits[...], into: &summary)
      histogram[summary.tracks.count, default: 0] += 1
      segs += summary.segments.count
      tracksTotal += summary.tracks.count
      for t in summary.tracks {
        if t.z0Cm != nil { with3D += 1; z0s.append(t.z0Cm!) }
        if let m = event.mcParticles.filter({ abs($0.pdg) == 13 }).min(by: { abs(Double(atan2($0.pyGeV, $0.pxGeV)) - t.phi0Rad) < abs(Double(atan2($1.pyGeV, $1.pxGeV)) - t.phi0Rad) }) {
          phiErr.append(Double(atan2(m.pyGeV, m.pxGeV)) - t.phi0Rad)
          ptRatio.append(t.ptGeV / Double(hypot(m.pxGeV, m.pyGeV)))
          if let th = t.thetaRad { thetaErr.append(th - Double(atan2(hypot(m.pxGeV, m.pyGeV), m.pzGeV))) }
        }
      }
    }
    func median(_ a: [Double]) -> Double { a.isEmpty ? .nan : a.sorted()[a.count / 2] }
    func spread(_ a: [Double]) -> Double { let s = a.map(abs).sorted(); return s.isEmpty ? .nan : s[Int(Double(s.count) * 0.68)] }
    print("events", events.count, "tracks per event", histogram.sorted { $0.key < $1.key }, "segments/event", Double(segs) / Double(events.count))
    print("3D fraction", Double(with3D) / Double(tracksTotal), "z0 median", median(z0s), "z0 68%", spread(z0s))
    print("phi err median", median(phiErr), "68%", spread(phiErr), "pt ratio median", median(ptRatio), "68%", spread(ptRatio.map { $0 - 1 }), "theta err median", median(thetaErr), "68%", spread(thetaErr))
  }
}

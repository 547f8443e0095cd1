import Foundation
import TestSupport
import Testing
import TriggerEvents

@testable import TriggerEmulation
import TriggerSupport

/// The online selection: variables on hand-built events, cut expressions, the hlt section of
/// menus, and the accept logic.
@Suite struct HLTTests {
  func event(tracks: [Track] = [], clusters: [(energyGeV: Float, thetaDeg: Float)] = [], number: UInt32 = 1) -> Event {
    var event = Event(header: EventHeader(experiment: 0, run: 1, eventNumber: number, process: .synthetic))
    event.tracks = tracks
    event.clusters = clusters.map { ECLCluster(energyGeV: $0.energyGeV, thetaRad: $0.thetaDeg * .pi / 180, phiRad: 0, timeNs: 0) }
    return event
  }

  func track(charge: Int8, pGeV: Float, thetaDeg: Float = 90, phiDeg: Float = 0) -> Track {
    Track(charge: charge, cdcHitCount: 50, pGeV: pGeV, thetaRad: thetaDeg * .pi / 180, phiRad: phiDeg * .pi / 180, d0Cm: 0, z0Cm: 0)
  }

  func values(_ event: Event) -> [String: Double] {
    var variables = HLTVariables()
    variables.compute(event.view)
    return Dictionary(uniqueKeysWithValues: zip(HLTVariables.all.map(\.name), variables.values))
  }

  @Test func twoBackToBackMuonsGiveTheirPairMassAndTheRecoilFormula() throws {
    // Two 3 GeV muons at θ = 90°, back to back in φ: in the CM frame each has E* = γE (p_z = 0 in
    // the lab) and p*_z = −γβE.
    let v = values(event(tracks: [track(charge: 1, pGeV: 3), track(charge: -1, pGeV: 3, phiDeg: 180)]))
    let beta = Beams.boostBeta, gamma = 1 / (1 - beta * beta).squareRoot(), m = 0.105658
    let e = (9 + m * m).squareRoot()
    let eCM = gamma * e, pzCM = -gamma * beta * e
    // Pair: E* = 2γE, p* = (0, 0, 2 p*_z); M² = E*² − p*².
    let m2 = 4 * eCM * eCM - 4 * pzCM * pzCM
    let s = Beams.sqrtS * Beams.sqrtS
    let recoil2 = s + m2 - 2 * Beams.sqrtS * 2 * eCM
    #expect(v["n_tracks"] == 2 && v["total_charge"] == 0 && v["n_tracks_all"] == 2)
    // (Tracks hold Float angles: cos(θ) of 90° in Float is 4·10⁻⁸, hence 10⁻⁵ GeV.)
    #expect(abs(v["m_pair"]! - m2.squareRoot()) < 1e-5)
    #expect(abs(v["m_recoil"]! - (recoil2 >= 0 ? recoil2.squareRoot() : -(-recoil2).squareRoot())) < 1e-5)
    #expect(abs(v["opening_angle"]! - 180) < 1e-4)
    #expect(abs(v["p1_cm"]! - (9 * 1 + pzCM * pzCM - 9 + 9).squareRoot()) < 1e-6)
  }

  @Test func aRecoilAboveTheBeamEnergyIsNegativeAsMinusTheRootOfMinusMSquared() throws {
    // Two 5.2 GeV tracks at 90° and φ = 0°, 90°: E*_pair > (s + M²)/(2√s), so M²_rec < 0.
    let v = values(event(tracks: [track(charge: 1, pGeV: 5.2), track(charge: -1, pGeV: 5.2, phiDeg: 90)]))
    #expect(v["m_recoil"]! < 0)
    let beta = Beams.boostBeta, gamma = 1 / (1 - beta * beta).squareRoot(), m = 0.105658
    let e = (5.2 * 5.2 + m * m).squareRoot(), eCM = gamma * e, pzCM = -gamma * beta * e
    let px = 5.2, py = 5.2, pz = 2 * pzCM, energy = 2 * eCM
    let m2 = energy * energy - px * px - py * py - pz * pz
    let recoil2 = Beams.sqrtS * Beams.sqrtS + m2 - 2 * Beams.sqrtS * energy
    #expect(recoil2 < 0 && abs(v["m_recoil"]! + (-recoil2).squareRoot()) < 1e-5, "\(v["m_recoil"]!) vs \(-(-recoil2).squareRoot())")
  }

  @Test func clustersCountByCMEnergyAndTheLeadingOneGivesEnergyAndAngle() {
    let v = values(event(clusters: [(0.2, 90), (2, 60), (0.5, 100), (1.5, 40)]))
    let gamma = 1 / (1 - Beams.boostBeta * Beams.boostBeta).squareRoot()
    #expect(v["n_clusters_100mev"] == 4 && v["n_clusters_300mev"] == 3 && v["n_clusters_1gev"] == 2)
    let leading = Beams.masslessInCM(energyGeV: Double(Float(2)), thetaRad: Double(Float(60) * .pi / 180)).energyGeV
    #expect(abs(v["e1_cm"]! - leading) < 1e-9 && abs(v["theta1"]! - 60) < 1e-4)
    #expect(abs(v["e2_cm"]! - Beams.masslessInCM(energyGeV: 1.5, thetaRad: Double(Float(40) * .pi / 180)).energyGeV) < 1e-6)
    #expect(v["n_tracks"] == 0 && v["m_pair"] == 0 && v["p1_cm"] == 0)
    #expect(abs(values(event(clusters: [(1, 90)]))["e1_cm"]! - gamma) < 1e-6, "at 90° E* = γE")
  }

  @Test func thePairIsTheTwoHighestMomentumGoodTracksWhateverTheirOrder() {
    // A soft track first, the leading one second, the runner-up last, and a fourth too soft to
    // matter: the pair variables are those of the 4 GeV and 2 GeV tracks alone, 120° apart.
    let leading = track(charge: 1, pGeV: 4, phiDeg: 0), runnerUp = track(charge: -1, pGeV: 2, thetaDeg: 60, phiDeg: 120)
    let all = values(event(tracks: [track(charge: 1, pGeV: 1, phiDeg: 30), leading, track(charge: -1, pGeV: 0.5, phiDeg: 200), runnerUp]))
    let pair = values(event(tracks: [leading, runnerUp]))
    #expect(all["n_tracks"] == 4 && pair["n_tracks"] == 2)
    for name in ["p1_cm", "p2_cm", "m_pair", "m_recoil", "opening_angle"] { #expect(all[name] == pair[name], "\(name)") }
    // cos α = sin 60° cos 120° (the 90° track has no p_z): α = 115.66°.
    #expect(abs(all["opening_angle"]! - acos(sin(Double.pi / 3) * cos(2 * Double.pi / 3)) * 180 / .pi) < 1e-4)
    #expect(all["p1_cm"]! > all["p2_cm"]!)
  }

  @Test func badTracksAreNotGoodTracks() {
    var displaced = track(charge: 1, pGeV: 2)
    displaced.d0Cm = 3
    let v = values(event(tracks: [displaced, track(charge: 1, pGeV: 0.1), track(charge: -1, pGeV: 2, thetaDeg: 160), track(charge: -1, pGeV: 2)]))
    #expect(v["n_tracks_all"] == 4 && v["n_tracks"] == 1 && v["total_charge"] == -1)
    // Displaced: p_T > 0.1 GeV and |d0| > 0.9 cm in the CDC; the soft and the prompt tracks are not.
    #expect(v["n_tracks_displaced"] == 1)
    var soft = track(charge: 1, pGeV: 0.08), edge = track(charge: -1, pGeV: 1)
    soft.d0Cm = 5
    edge.d0Cm = -0.95
    #expect(values(event(tracks: [soft, edge, track(charge: 1, pGeV: 1)]))["n_tracks_displaced"] == 1)
  }

  @Test func cutsCompareWithUnitsAndCheckDimensions() throws {
    let v = values(event(clusters: [(2, 90)]))
    let ordered = HLTVariables.all.map { v[$0.name]! }
    #expect(try CutExpression.parse("e1_cm > 2000 MeV && theta1 < 1.6 rad").holds(ordered))
    #expect(try CutExpression.parse("e1_cm > 2 && !(n_tracks > 0)").holds(ordered), "a plain number takes the variable's unit")
    #expect(try !CutExpression.parse("abs(theta1 - 90 deg) > 1 deg || e1_cm / e1_cm != 1").holds(ordered))
    #expect(try CutExpression.parse("2 * e2_cm + 0.5 GeV < e1_cm - 1").holds(ordered))
    func message(_ text: String) -> CutExpression.SyntaxError? {
      do {
        _ = try CutExpression.parse(text)
        return nil
      } catch { return error as? CutExpression.SyntaxError }
    }
    #expect(message("e1_cm > 45 deg") == .init(offset: 6, message: "cannot compare an energy (GeV) with an angle (deg)"))
    #expect(message("e1_cm + theta1 > 1") == .init(offset: 6, message: "cannot add an energy (GeV) with an angle (deg)"))
    #expect(message("e_1 > 1")?.message.hasPrefix("unknown variable \"e_1\" (known: n_tracks, ") == true)
    #expect(message("e1_cm") == .init(offset: 0, message: "the cut is a number, not a condition: compare it (e.g. \"> 1 GeV\")"))
    #expect(message("(e1_cm > 1") == .init(offset: 10, message: "expected \")\" to close the \"(\" at character 1"))
    #expect(message("e1_cm > 1 &&") == .init(offset: 12, message: "expected a variable, a number or \"(\", found the end of the cut"))
    #expect(message("n_tracks == 0 || e1_cm") == .init(offset: 14, message: "|| joins conditions, not numbers"))
  }

  @Test func cutsNestedDeeperThanTheLimitAreRefusedAtTheFirstLevelTooMany() throws {
    let limit = "nested more than 100 levels deep in parentheses and prefix operators: simplify the expression"
    let hundred = String(repeating: "(", count: 100) + "n_tracks > 1" + String(repeating: ")", count: 100)
    _ = try CutExpression.parse(hundred)
    #expect(throws: CutExpression.SyntaxError(offset: 100, message: limit)) { try CutExpression.parse("(" + hundred + ")") }
    #expect(throws: CutExpression.SyntaxError(offset: 100, message: limit)) {
      try CutExpression.parse(String(repeating: "-", count: 1_000_000) + "e1_cm > 1")
    }
    #expect(throws: CutExpression.SyntaxError(offset: 400, message: limit)) {
      try CutExpression.parse(String(repeating: "abs(", count: 101) + "e1_cm" + String(repeating: ")", count: 101) + " > 1")
    }
  }

  static let menu = """
    name: hlt-test
    bits:
      e_1:
        kind: ecl.energy_sum
        parameters: {threshold: 1 GeV}
    lines:
      hie:
        expression: e_1
    hlt:
      lines:
        photon:
          kind: filter
          cut: "n_tracks == 0 && e1_cm > 1 GeV && theta1 > 45 deg && theta1 < 115 deg && e2_cm < 300 MeV"
        anything:
          kind: filter
          cut: "n_clusters_100mev >= 1"
          prescale: 3
        tag:
          kind: skim
          cut: "e1_cm > 1 GeV"
        veto:
          kind: reject
          cut: "e2_cm > 3 GeV"

    """

  @Test func aSinglePhotonFilterKeepsADarkPhotonAndNotAPhotonPair() throws {
    let menu = try TriggerMenu(text: Self.menu, path: "hlt.yaml")
    #expect(menu.hltLines.map(\.name) == ["photon", "anything", "tag", "veto"])
    #expect(menu.hltLines.map(\.kind) == [.filter, .filter, .skim, .reject])
    var evaluator = HLTEvaluator(menu: menu, mode: .counter)
    var decision = evaluator.emptyDecision
    evaluator.evaluate(event(clusters: [(4, 80)]).view, into: &decision)
    #expect(decision.raw == [true, true, true, false] && decision.kept)
    // γγ: two 4 GeV clusters: the photon filter fails (a second cluster), the reject line fires and wins.
    evaluator.evaluate(event(clusters: [(4, 80), (4, 100)]).view, into: &decision)
    #expect(decision.raw == [false, true, true, true])
    #expect(!decision.kept, "a reject line wins over a filter that fired")
  }

  @Test func prescalesOfHLTLinesKeepOneInNAndAreReproducible() throws {
    let menu = try TriggerMenu(text: Self.menu, path: "hlt.yaml")
    func run(_ mode: PrescaleMode) -> [Bool] {
      var evaluator = HLTEvaluator(menu: menu, mode: mode)
      var decision = evaluator.emptyDecision
      return (1...300).map { number in
        evaluator.evaluate(event(clusters: [(0.5, 90)], number: UInt32(number)).view, into: &decision)
        return decision.accepted[1]
      }
    }
    let counter = run(.counter)
    #expect(counter.filter { $0 }.count == 100 && counter.prefix(6) == [false, false, true, false, false, true])
    #expect(run(.random(seed: 5)) == run(.random(seed: 5)))
    #expect((80...120).contains(run(.random(seed: 5)).filter { $0 }.count))
  }

  @Test func badHLTSectionsAreLocatedErrors() throws {
    func error(_ replace: String, with text: String) -> String {
      do {
        _ = try TriggerMenu(text: Self.menu.replacingOccurrences(of: replace, with: text), path: "hlt.yaml")
        return "no error"
      } catch { return "\(error)" }
    }
    #expect(error("kind: skim", with: "kind: trigger") == "hlt.yaml:19:13: HLT line tag: unknown kind \"trigger\" (known: filter, skim, reject)")
    #expect(error("cut: \"e2_cm > 3 GeV\"", with: "cut: \"e2_cm > 3 cm\"") == "hlt.yaml:23:19: HLT line veto: cut: cannot compare an energy (GeV) with a length (cm)")
    #expect(error("    tag:\n", with: "    hie:\n") == "hlt.yaml:18:5: duplicate name \"hie\": an L1 line of that name is defined on line 7")
    #expect(error("prescale: 3", with: "prescale: 0.5") == "hlt.yaml:17:17: HLT line anything: prescale 0.5 is below 1 (a prescale keeps one in N raw fires, N ≥ 1; 0 disables the line)")
    #expect(error("      cut: \"e1_cm > 1 GeV\"\n", with: "") == "hlt.yaml:19:7: HLT line tag needs the field \"cut\"")
  }

  @Test func bothShippedMenusHaveAValidHLTSection() throws {
    for name in ["belle2-lowmult", "belle2-2018-phase2"] {
      let menu = try TriggerMenu(path: RepositoryFiles.path("trigger-menus/\(name).yaml"))
      #expect(menu.hltLines.contains { $0.kind == .filter } && menu.hltLines.contains { $0.kind == .reject })
    }
  }
}

/// The hlt section in `menu show` and `menu diff`.
@Suite struct HLTMenuTextTests {
  @Test func showRoundTripsTheHLTLinesAndDiffListsTheirChanges() throws {
    let menu = try TriggerMenu(text: HLTTests.menu, path: "hlt.yaml")
    let shown = try TriggerMenu(text: menu.expandedText, path: "shown.yaml")
    #expect(shown.hltLines.map(\.name) == menu.hltLines.map(\.name) && shown.hltLines.map(\.cut) == menu.hltLines.map(\.cut))
    let changed = try TriggerMenu(
      text: HLTTests.menu.replacingOccurrences(of: "prescale: 3", with: "prescale: 5").replacingOccurrences(of: "kind: skim", with: "kind: filter"),
      path: "b.yaml")
    #expect(menu.differences(to: changed) == ["~ hlt line anything: prescale 3 → 5", "~ hlt line tag: kind skim → filter"])
  }
}

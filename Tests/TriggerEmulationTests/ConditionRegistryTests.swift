import Testing
import TriggerEmulation

@Suite struct ConditionRegistryTests {
  @Test func everyKindTheIssueNamesIsRegistered() {
    let names = Set(ConditionRegistry.kinds.map(\.name))
    for name in ["cdc.two_track", "ecl.energy_sum", "ecl.single_photon", "klm.single_muon", "cdc.displaced_vertex", "ecl.bhabha_veto",
                 "cdc.track_count", "ecl.cluster_count", "ecl.gamma_gamma_veto", "cdc.z0_window"] {
      #expect(names.contains(name), "\(name)")
    }
    // Every parameter has a default inside its range, and a unit where it has a dimension.
    for kind in ConditionRegistry.kinds {
      for parameter in kind.parameters {
        #expect(parameter.range.contains(parameter.defaultValue), "\(kind.name).\(parameter.name)")
      }
    }
  }

  @Test func anUnknownKindListsTheKnownOnes() {
    #expect(throws: ParameterError.self) { try ConditionRegistry.make(kind: "cdc.three_track") }
    do {
      _ = try ConditionRegistry.make(kind: "cdc.three_track")
    } catch let error as ParameterError {
      #expect(error.description.hasPrefix("cdc.three_track: unknown condition kind (known: cdc.displaced_vertex, cdc.track_count, cdc.two_track,"))
    } catch {}
  }

  @Test func badParametersAreReportedWithNameUnitAndRange() {
    func message(_ kind: String, _ parameters: [String: PluginValue]) -> String? {
      do {
        _ = try ConditionRegistry.make(kind: kind, parameters: parameters)
        return nil
      } catch {
        return (error as? ParameterError)?.description
      }
    }
    #expect(message("ecl.energy_sum", ["threshold": .number(25)]) == "ecl.energy_sum.threshold: 25 GeV is outside the allowed range 0–20 GeV")
    #expect(message("ecl.energy_sum", ["treshold": .number(1)]) == "ecl.energy_sum.treshold: unknown parameter (ecl.energy_sum takes threshold, thetaMin, thetaMax)")
    #expect(message("cdc.two_track", ["minTracks": .number(2.5)]) == "cdc.two_track.minTracks: expected a whole number, found 2.5")
    #expect(message("cdc.two_track", ["logicBins": .number(1)]) == "cdc.two_track.logicBins: expected true or false, found 1")
    #expect(message("cdc.z0_window", ["maxAbsZ0": .boolean(true)]) == "cdc.z0_window.maxAbsZ0: expected a number in cm, found true")
    #expect(message("cdc.z0_window", ["maxAbsZ0": .number(15), "minP": .number(0.7)]) == nil)
  }
}

import Foundation
import TestSupport
import Testing
import TriggerEmulation
import TriggerSupport

/// Menus are checked before any event is read; every bad menu names the file, line and column.
@Suite struct MenuValidationTests {
  /// A valid two-bit, two-line menu; tests break one thing in it.
  static let good = """
    name: test
    version: "1"
    bits:
      two:
        kind: cdc.two_track
        parameters: {minOpeningAngle: 90 deg}
      energy:
        kind: ecl.energy_sum
        parameters:
          threshold: 1.0
    lines:
      ffo:
        expression: two && !energy
        prescale: 1
      hie:
        expression: energy
        prescale: 2.5
    reference_pairs:
      ffo: hie
    """

  func error(_ text: String) -> String {
    do {
      _ = try TriggerMenu(text: text, path: "m.yaml")
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  func replacing(_ old: String, _ new: String) -> String {
    precondition(Self.good.contains(old))
    return Self.good.replacingOccurrences(of: old, with: new)
  }

  @Test func theGoodMenuLoadsWithDefaultsFilledIn() throws {
    let menu = try TriggerMenu(text: Self.good, path: "m.yaml")
    #expect(menu.bits.map(\.name) == ["two", "energy"])
    #expect(menu.bit(named: "two")!.parameters.map(\.name) == ["minTracks", "minOpeningAngle", "logicBins"])
    #expect(menu.bit(named: "two")!.parameters[1].value == .number(90))
    #expect(menu.line(named: "hie")!.prescale == 2.5)
    #expect(menu.reference(of: "ffo") == "hie")
  }

  @Test func valuesWithUnitsAreConvertedToTheParameterUnit() throws {
    let menu = try TriggerMenu(text: replacing("threshold: 1.0", "threshold: 1500 MeV"), path: "m.yaml")
    #expect(menu.bit(named: "energy")!.parameters[0].value == .number(1.5))
    let radians = try TriggerMenu(text: replacing("90 deg", "1.5707963267948966 rad"), path: "m.yaml")
    #expect(abs(radians.bit(named: "two")!.parameters[1].value.number! - 90) < 1e-9)
  }

  @Test func yamlSyntaxErrorsAreLocated() {
    #expect(error(replacing("    prescale: 2.5", "    prescale: [2.5")).hasPrefix("m.yaml:18:16: YAML syntax: did not find expected ',' or ']'"))
  }

  @Test func anUnknownPluginKindNamesTheKnownOnes() {
    let message = error(replacing("kind: ecl.energy_sum", "kind: ecl.energy_summ"))
    #expect(message.hasPrefix("m.yaml:8:11: bit energy: unknown plugin kind \"ecl.energy_summ\" (known: cdc.displaced_vertex, "))
  }

  @Test func anUnknownParameterNamesTheParametersTheKindTakes() {
    #expect(error(replacing("threshold: 1.0", "thresold: 1.0"))
      == "m.yaml:10:7: bit energy: ecl.energy_sum has no parameter \"thresold\" (it takes threshold, thetaMin, thetaMax)")
  }

  @Test func aMistypedParameterSaysWhatWasExpected() {
    #expect(error(replacing("threshold: 1.0", "threshold: true"))
      == "m.yaml:10:18: bit energy: ecl.energy_sum.threshold: expected a number in GeV, found true")
    #expect(error(replacing("{minOpeningAngle: 90 deg}", "{logicBins: 3}"))
      == "m.yaml:6:29: bit two: cdc.two_track.logicBins: expected true or false, found 3")
  }

  @Test func aValueOutOfRangeGivesTheRangeAndUnit() {
    #expect(error(replacing("threshold: 1.0", "threshold: 25"))
      == "m.yaml:10:18: bit energy: ecl.energy_sum.threshold: 25 GeV is outside the allowed range 0–20 GeV")
  }

  @Test func aValueInTheWrongUnitIsRefused() {
    #expect(error(replacing("threshold: 1.0", "threshold: 1 deg"))
      == "m.yaml:10:18: bit energy: threshold: \"1 deg\" is an angle, but this parameter is an energy in GeV")
    #expect(error(replacing("threshold: 1.0", "threshold: 1 furlong")).hasPrefix("m.yaml:10:18: bit energy: threshold: unknown unit \"furlong\""))
  }

  @Test func anUndefinedBitInAnExpressionIsPointedAt() {
    #expect(error(replacing("two && !energy", "two && !enrgy"))
      == "m.yaml:13:25: line ffo: \"enrgy\" is neither a bit nor a line of this menu")
  }

  @Test func expressionSyntaxErrorsPointAtTheCharacter() {
    #expect(error(replacing("two && !energy", "two & energy"))
      == "m.yaml:13:21: line ffo: expression syntax: \"&\" is not an operator: write \"&&\"")
    #expect(error(replacing("two && !energy", "(two && energy"))
      == "m.yaml:13:17: line ffo: expression syntax: \"(\" is never closed")
    #expect(error(replacing("two && !energy", "two && "))
      == "m.yaml:13:23: line ffo: expression syntax: the expression ends where a name or \"(\" was expected")
    #expect(error(replacing("two && !energy", "two energy"))
      == "m.yaml:13:21: line ffo: expression syntax: expected && or || here, found \"energy\"")
  }

  @Test func expressionsNestedDeeperThanTheLimitAreRefusedBeforeTheStackRunsOut() {
    let deep = String(repeating: "(", count: 100) + "two" + String(repeating: ")", count: 100)
    #expect(error(replacing("two && !energy", deep)) == "no error")
    let tooDeep = "(" + deep + ")"
    #expect(error(replacing("two && !energy", tooDeep))
      == "m.yaml:13:117: line ffo: expression syntax: nested more than 100 levels deep in parentheses and prefix operators: simplify the expression")
    let negations = "\"" + String(repeating: "!", count: 1_000_000) + "two\""
    #expect(error(replacing("two && !energy", negations))
      == "m.yaml:13:118: line ffo: expression syntax: nested more than 100 levels deep in parentheses and prefix operators: simplify the expression")
  }

  @Test func duplicateNamesAreRefused() {
    #expect(error(replacing("  hie:\n", "  ffo:\n"))
      == "m.yaml:12:3: duplicate name \"ffo\": a name may be defined only once in a mapping")
    #expect(error(replacing("  hie:\n", "  two:\n"))
      == "m.yaml:15:3: duplicate name \"two\": a bit of that name is defined on line 4")
  }

  @Test func cyclicDefinitionsAreRefused() {
    let text = replacing("expression: energy", "expression: energy && loop")
    let cyclic = text.replacingOccurrences(of: "reference_pairs:", with: "  loop:\n    expression: hie\nreference_pairs:")
    #expect(error(cyclic) == "m.yaml:19:5: line loop: cyclic definition hie → loop → hie")
  }

  @Test func negativeAndFractionalBelowOnePrescalesAreRefused() {
    #expect(error(replacing("prescale: 2.5", "prescale: -1"))
      == "m.yaml:17:15: line hie: prescale -1 is negative (1 keeps every event, 0 disables the line)")
    #expect(error(replacing("prescale: 2.5", "prescale: 0.5")).hasPrefix("m.yaml:17:15: line hie: prescale 0.5 is below 1"))
    #expect(error(replacing("prescale: 2.5", "prescale: \"2\"")) == "m.yaml:17:15: the prescale of line hie must be a number, found \"2\"")
  }

  @Test func unknownFieldsAndBadReferencePairsAreRefused() {
    #expect(error(replacing("    prescale: 2.5", "    prescal: 2.5"))
      == "m.yaml:17:5: unknown field \"prescal\" in line hie (allowed: expression, prescale, description)")
    #expect(error(replacing("ffo: hie", "ffo: lowe")) == "m.yaml:19:8: reference pair: \"lowe\" is not a line of this menu")
  }

  @Test func anExpressionNestedDeeperThanTheEvaluatorsStackIsRefusedWithItsLine() throws {
    let nested = (0..<65).map { _ in "energy" }.joined(separator: " && (") + String(repeating: ")", count: 64)
    let menu = try TriggerMenu(text: replacing("expression: energy\n", "expression: \(nested)\n"), path: "m.yaml")
    #expect(throws: LocatedError(
      file: "m.yaml", line: 15, column: 0,
      message: "line hie: the expression nests 65 operands deep once lines are expanded; at most 64 are supported")) {
      try MenuEvaluator(menu: menu, registry: PluginRegistry())
    }
  }

  @Test func theShippedMenusValidate() throws {
    let folder = RepositoryFiles.root.appendingPathComponent("trigger-menus")
    let lowmult = try TriggerMenu(path: folder.appendingPathComponent("belle2-lowmult.yaml").path)
    let phase2 = try TriggerMenu(path: folder.appendingPathComponent("belle2-2018-phase2.yaml").path)
    for name in ["ffo", "hie", "lml6", "mu_klm", "dv"] { #expect(lowmult.line(named: name) != nil) }
    #expect(lowmult.reference(of: "ffo") == "hie" && lowmult.reference(of: "hie") == "ffo")
    #expect(phase2.reference(of: "ffo") == "hie" && phase2.reference(of: "hie") == "ffo")
    #expect(!phase2.bits.contains { $0.kind.hasPrefix("klm.") })
    #expect(lowmult.differences(to: phase2).contains("- line lml6: single_photon_1"))
  }
}

extension PluginValue {
  var number: Double? {
    if case .number(let value) = self { return value }
    return nil
  }
}

import Foundation
import TriggerEvents

/// Every firmware fault kind trigemu knows, by name (docs/firmware-models.md): the kinds of
/// faults real trigger firmware has had (docs/physics.md, "How the experiment measures it").
public enum FaultRegistry {
  /// The kinds, in name order.
  public static let kinds: [FaultKind] = (cdcKinds + eclKinds + klmKinds + logicKinds).sorted { $0.name < $1.name }

  /// The kind named `name`, if any.
  public static func kind(named name: String) -> FaultKind? { kinds.first { $0.name == name } }

  static let superlayerParameters: [PluginParameter] = [
    .integer("superlayerMin", 0, 0...8, "first superlayer affected"), .integer("superlayerMax", 8, 0...8, "last superlayer affected"),
  ]

  static func superlayers(_ p: PluginParameters, kind: String) throws(ParameterError) -> ClosedRange<Int> {
    guard p.integer("superlayerMin") <= p.integer("superlayerMax") else {
      throw ParameterError(kind: kind, parameter: "superlayerMax", message: "superlayerMax \(p.integer("superlayerMax")) is below superlayerMin \(p.integer("superlayerMin"))")
    }
    return p.integer("superlayerMin")...p.integer("superlayerMax")
  }

  static let cdcKinds: [FaultKind] = [
    FaultKind(
      name: "cdc.dead_segments", stage: .processor,
      summary: "Track segments of some superlayers in an azimuth range never reach the Hough finder (a dead or masked merger board). phiMin > phiMax wraps through 0°.",
      parameters: superlayerParameters + [
        .real("phiMin", "deg", 0, 0...360, "start of the dead azimuth range"), .real("phiMax", "deg", 360, 0...360, "end of the dead azimuth range"),
      ],
      apply: { p, faults throws(ParameterError) in
        faults.deadSegments.append(.init(superlayers: try superlayers(p, kind: "cdc.dead_segments"), phiFromDeg: p.real("phiMin"), phiToDeg: p.real("phiMax")))
      }),
    FaultKind(
      name: "cdc.phi_efficiency", stage: .processor,
      summary: "A φ-dependent track-segment efficiency ε(φ) = 1 − depth·(1 + cos(harmonic·(φ − phase)))/2: the 2018 CDC trigger's φ distortion. Drawn per segment from a seeded hash of the event.",
      parameters: superlayerParameters + [
        .real("depth", "", 0.2, 0...1, "largest segment loss (at φ = phase)"), .integer("harmonic", 1, 1...16, "periods per turn"),
        .real("phase", "deg", 0, 0...360, "azimuth of the largest loss"), .integer("seed", 1, 0...Int(Int32.max), "seed of the per-segment draw"),
      ],
      apply: { p, faults throws(ParameterError) in
        faults.segmentEfficiencies.append(.init(
          superlayers: try superlayers(p, kind: "cdc.phi_efficiency"), depth: p.real("depth"), harmonic: Double(p.integer("harmonic")),
          phaseRad: p.real("phase") * .pi / 180, seed: UInt64(p.integer("seed"))))
      }),
    FaultKind(
      name: "cdc.hough_quantisation", stage: .processor,
      summary: "A coarser 2D Hough plane: fewer φ0 and/or curvature cells than the nominal 160 × 34.",
      parameters: [
        .integer("phiCells", HoughFinder.nominalPhiCells, HoughFinder.phiCellRange, "φ0 cells over 360°"),
        .integer("curvatureCells", HoughFinder.nominalCurvatureCells, HoughFinder.curvatureCellRange, "curvature cells over ±1/R(0.3 GeV)"),
      ],
      apply: { p, faults in
        faults.houghPhiCells = p.integer("phiCells")
        faults.houghCurvatureCells = p.integer("curvatureCells")
      }),
    FaultKind(
      name: "cdc.track_count_offset", stage: .processor,
      summary: "The track count off by N: negative drops the last tracks the Hough finder reports, positive repeats the last one (a ghost clone).",
      parameters: [.integer("offset", -1, -3...3, "tracks added (or, negative, dropped)")],
      apply: { p, faults in faults.trackCountOffset += p.integer("offset") }),
  ]

  static let eclKinds: [FaultKind] = [
    FaultKind(
      name: "ecl.dead_cells", stage: .inputHits,
      summary: "ECL trigger cells first…last never report energy (a dead shaper/digitiser board).",
      parameters: [.integer("first", 1, 1...576, "first trigger-cell id"), .integer("last", 1, 1...576, "last trigger-cell id")],
      apply: { p, faults throws(ParameterError) in
        guard p.integer("first") <= p.integer("last") else {
          throw ParameterError(kind: "ecl.dead_cells", parameter: "last", message: "last \(p.integer("last")) is below first \(p.integer("first"))")
        }
        faults.deadECLCells.append(p.integer("first")...p.integer("last"))
      }),
    FaultKind(
      name: "ecl.energy_scale", stage: .processor,
      summary: "Every trigger-cell energy multiplied by a factor: an ADC-to-GeV constant off by that factor, so every ECL threshold is effectively divided by it.",
      parameters: [.real("factor", "", 1, 0...10, "energy the firmware sees per true GeV")],
      apply: { p, faults in faults.eclEnergyScale *= p.real("factor") }),
  ]

  static let klmKinds: [FaultKind] = [
    FaultKind(
      name: "klm.dead_sectors", stage: .processor,
      summary: "KLM sectors first…last of a section never fire.",
      parameters: [
        .text("section", "barrel", choices: ["barrel", "forward", "backward"], "KLM section"),
        .integer("first", 1, 1...8, "first sector"), .integer("last", 8, 1...8, "last sector"),
      ],
      apply: { p, faults throws(ParameterError) in
        let section: DetectorGeometry.KLM.Section = ["barrel": .barrel, "forward": .forwardEndcap, "backward": .backwardEndcap][p.text("section")]!
        guard p.integer("first") <= p.integer("last"), p.integer("last") <= section.sectorCount else {
          throw ParameterError(
            kind: "klm.dead_sectors", parameter: "last",
            message: "sectors \(p.integer("first"))…\(p.integer("last")) are not a range within 1…\(section.sectorCount) of the \(p.text("section")) section")
        }
        faults.deadKLMSectors.append(.init(section: section, sectors: p.integer("first")...p.integer("last")))
      }),
    FaultKind(
      name: "klm.disabled", stage: .processor, summary: "The whole KLM trigger delivers nothing (2018: no muon identification).", parameters: [],
      apply: { _, faults in faults.klmDisabled = true }),
    FaultKind(
      name: "timing.window_shift", stage: .processor,
      summary: "A detector's trigger time window shifted (a wrong latency setting): in-time hits fall out, out-of-time background falls in.",
      parameters: [
        .text("detector", nil, choices: ["ecl", "klm"], "whose window"), .real("shift", "ns", 0, -1000...1000, "shift of the window"),
      ],
      apply: { p, faults in
        if p.text("detector") == "ecl" { faults.eclWindowShiftNs += p.real("shift") } else { faults.klmWindowShiftNs += p.real("shift") }
      }),
  ]

  /// The built-in condition kind a fault's `condition` parameter names.
  static func conditionKind(_ p: PluginParameters, kind: String) throws(ParameterError) -> ConditionKind {
    guard let condition = ConditionRegistry.kind(named: p.text("condition")) else {
      throw ParameterError(
        kind: kind, parameter: "condition",
        message: "unknown condition kind \"\(p.text("condition"))\" (known: \(ConditionRegistry.kinds.map(\.name).joined(separator: ", ")))")
    }
    return condition
  }

  /// The condition kind and numeric parameter a constant fault names, checked against the
  /// built-in condition kinds.
  static func conditionParameter(_ p: PluginParameters, kind: String, unit: String? = nil) throws(ParameterError) -> (String, String) {
    let conditionName = p.text("condition"), parameterName = p.text("parameter")
    let condition = try conditionKind(p, kind: kind)
    let numeric = condition.parameters.filter { $0.kind == .real || $0.kind == .integer }
    guard let parameter = numeric.first(where: { $0.name == parameterName }) else {
      throw ParameterError(
        kind: kind, parameter: "parameter",
        message: "\(conditionName) has no numeric parameter \"\(parameterName)\" (it has \(numeric.map(\.name).joined(separator: ", ")))")
    }
    if let unit, parameter.unit != unit {
      throw ParameterError(kind: kind, parameter: "parameter", message: "\(conditionName).\(parameterName) is in \(parameter.unit.isEmpty ? "no unit" : parameter.unit), not an angle in \(unit)")
    }
    return (conditionName, parameterName)
  }

  static let constantParameters: [PluginParameter] = [
    .text("condition", nil, "condition kind whose bits are affected (e.g. ecl.energy_sum)"),
    .text("parameter", nil, "numeric parameter of that kind (e.g. threshold)"),
  ]

  static let logicKinds: [FaultKind] = [
    FaultKind(
      name: "threshold.offset", stage: .processor,
      summary: "A constant of every bit of a condition kind offset from the menu's value (in the parameter's unit).",
      parameters: constantParameters + [.real("offset", "", 0, -1e6...1e6, "added to the menu's value, in the parameter's unit")],
      apply: { p, faults throws(ParameterError) in
        let (condition, parameter) = try conditionParameter(p, kind: "threshold.offset")
        faults.parameterChanges.append(.init(condition: condition, parameter: parameter, change: .offset(p.real("offset"))))
      }),
    FaultKind(
      name: "threshold.scale", stage: .processor,
      summary: "A constant of every bit of a condition kind multiplied by a factor: a threshold divided by the wrong factor (divided by 2 where 4 was right is factor 2).",
      parameters: constantParameters + [.real("factor", "", 1, 0...1e6, "firmware value over menu value")],
      apply: { p, faults throws(ParameterError) in
        let (condition, parameter) = try conditionParameter(p, kind: "threshold.scale")
        faults.parameterChanges.append(.init(condition: condition, parameter: parameter, change: .factor(p.real("factor"))))
      }),
    FaultKind(
      name: "angle.wrong_unit", stage: .processor,
      summary: "An angle constant (deg) in the wrong unit: rad_as_deg takes the value in radians as degrees (90° → 1.571°), deg_as_rad takes degrees as radians (90° → 5157°).",
      parameters: constantParameters + [.text("mode", "rad_as_deg", choices: ["rad_as_deg", "deg_as_rad"], "which mix-up")],
      apply: { p, faults throws(ParameterError) in
        let (condition, parameter) = try conditionParameter(p, kind: "angle.wrong_unit", unit: "deg")
        let factor = p.text("mode") == "rad_as_deg" ? Double.pi / 180 : 180 / Double.pi
        faults.parameterChanges.append(.init(condition: condition, parameter: parameter, change: .factor(factor)))
      }),
    FaultKind(
      name: "logic.never_true", stage: .processor,
      summary: "A comparison inside a condition kind that can never be true (e.g. against a constant wider than its register): its bits never fire.",
      parameters: [.text("condition", nil, "condition kind whose bits never fire (e.g. ecl.bhabha_veto)")],
      apply: { p, faults throws(ParameterError) in faults.neverTrueConditions.append(try conditionKind(p, kind: "logic.never_true").name) }),
    FaultKind(
      name: "bit.stuck", stage: .outputBits, summary: "An output bit stuck at 0 or 1, whatever its condition says.",
      parameters: [.text("bit", nil, "the menu's bit name"), .integer("value", 0, 0...1, "the value it is stuck at")],
      apply: { p, faults in faults.stuckBits.append(.init(bit: p.text("bit"), value: p.integer("value") == 1)) }),
    FaultKind(
      name: "bit.random_errors", stage: .outputBits,
      summary: "Output bits flip at random at a given rate per bit and event, from a seeded hash of the event (reproducible).",
      parameters: [
        .real("rate", "", 1e-3, 0...1, "flip probability per bit and event"), .text("bit", "*", "the bit affected (* for every bit)"),
        .integer("seed", 1, 0...Int(Int32.max), "seed of the draw"),
      ],
      apply: { p, faults in faults.bitErrors.append(.init(rate: p.real("rate"), bit: p.text("bit") == "*" ? nil : p.text("bit"), seed: UInt64(p.integer("seed")))) }),
  ]
}

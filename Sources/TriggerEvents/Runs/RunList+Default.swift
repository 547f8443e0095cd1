extension RunList {
  /// The run list embedded in trigemu, used when no `--runs` file is given.
  ///
  /// Six runs of experiment 8 with different luminosities (22.5 pb⁻¹ in all) and beam
  /// backgrounds, a scale like one day of 2018-era running. Run 1005 ran with half the CDC
  /// trigger's merger boards off (`firmware-models/cdc-merger-crate-off.yaml`), so the main job
  /// shows a run dropped by good-run selection; the others ran the ideal firmware.
  public static let defaultText = """
    # trigemu default run list: experiment 8, 22.5 pb^-1 in six runs
    run,experiment,luminosity_pb,firmware,beam_background
    1001,8,2.0,ideal,0.8
    1002,8,5.0,ideal,1.0
    1003,8,3.5,ideal,1.2
    1004,8,6.0,ideal,1.0
    1005,8,1.5,cdc-merger-crate-off,2.0
    1006,8,4.5,ideal,0.9

    """

  /// How messages and reports name the embedded run list.
  public static let defaultName = "(embedded default)"

  /// The embedded default run list.
  public static var `default`: RunList {
    try! RunList(parsing: defaultText, path: defaultName, knownFirmware: [idealFirmware, "cdc-merger-crate-off"])
  }
}

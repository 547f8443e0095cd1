/// One run of a run list: what to simulate or measure and how much data it holds.
public struct RunInfo: Hashable, Sendable {
  public var run: UInt32
  public var experiment: UInt16
  /// Integrated luminosity in pb⁻¹ (≥ 0).
  public var luminosityPb: Double
  /// Firmware model of the run: `ideal` or the name of a file in `firmware-models/` (without `.yaml`).
  public var firmware: String
  /// Beam-background level relative to nominal (1 = nominal, 0 = none).
  public var beamBackground: Double

  public init(run: UInt32, experiment: UInt16, luminosityPb: Double, firmware: String = "ideal", beamBackground: Double = 1) {
    self.run = run
    self.experiment = experiment
    self.luminosityPb = luminosityPb
    self.firmware = firmware
    self.beamBackground = beamBackground
  }
}

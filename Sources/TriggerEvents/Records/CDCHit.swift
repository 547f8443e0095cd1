/// One sense-wire hit in the central drift chamber, as the readout delivers it.
public struct CDCHit: Hashable, Sendable {
  /// Sense layer 0…55 (`DetectorGeometry.CDC.superlayer(ofLayer:)` gives its superlayer).
  public var layer: UInt8
  /// Wire within the layer, 0 up to the layer's wire count minus one.
  public var wire: UInt16
  /// TDC count of the drift time; trigemu takes one count as 1 ns (Belle II's LSB is ≈0.98 ns).
  public var tdc: UInt16
  /// ADC count of the collected charge.
  public var adc: UInt16

  public init(layer: UInt8, wire: UInt16, tdc: UInt16, adc: UInt16) {
    self.layer = layer
    self.wire = wire
    self.tdc = tdc
    self.adc = adc
  }

  /// Superlayer 0…8 of this hit.
  @inlinable public var superlayer: Int { DetectorGeometry.CDC.superlayer(ofLayer: Int(layer)) }
}

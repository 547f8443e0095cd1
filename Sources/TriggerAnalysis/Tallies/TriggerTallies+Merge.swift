import TriggerSupport

extension TriggerTallies {
  /// The tallies of `self` and `other` together, as one pass over both inputs would give.
  /// Both must come from the same menu (same SHA-256), firmware and prescale mode.
  public func merged(with other: TriggerTallies) throws -> TriggerTallies {
    func differ(_ what: String, _ a: String, _ b: String) -> LocatedError {
      LocatedError("cannot merge tallies of different \(what): \(a) and \(b)")
    }
    guard provenance.menuSHA256 == other.provenance.menuSHA256, bitNames == other.bitNames, lineNames == other.lineNames else {
      throw differ("menus", "\(provenance.menuName) (\(provenance.menuSHA256.prefix(12)))", "\(other.provenance.menuName) (\(other.provenance.menuSHA256.prefix(12)))")
    }
    guard provenance.firmwareSHA256 == other.provenance.firmwareSHA256 else { throw differ("firmware models", provenance.firmware, other.provenance.firmware) }
    guard provenance.prescaleMode == other.provenance.prescaleMode else { throw differ("prescale modes", provenance.prescaleMode, other.provenance.prescaleMode) }
    guard provenance.trigemuVersion == other.provenance.trigemuVersion else { throw differ("trigemu versions", provenance.trigemuVersion, other.provenance.trigemuVersion) }
    var result = self
    result.provenance.inputs += other.provenance.inputs
    for run in other.runs {
      if let slot = result.slot(of: run.run) {
        guard result.runs[slot].firmware == run.firmware else {
          throw LocatedError("cannot merge tallies of run \(run.run) emulated with different firmware models: \(result.runs[slot].firmware) and \(run.firmware)")
        }
        guard result.runs[slot].add(run) else {
          throw LocatedError(
            "cannot merge the tallies of run \(run.run): a count or weight sum no longer fits 64 bits (weight sums are held in 10⁻⁶ units, at most \(TriggerTallies.maximumWeightSum))")
        }
      } else {
        result.insert(run)
      }
    }
    return result
  }
}

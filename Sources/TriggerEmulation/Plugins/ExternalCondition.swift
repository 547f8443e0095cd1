import TriggerPluginABI
import TriggerSupport

/// A condition implemented by a plugin library through the C ABI: the event's summary is copied
/// into the ABI's plain structs (reused buffers, once per event and condition) and handed over.
final class ExternalCondition: TriggerCondition, @unchecked Sendable {
  private let plugin: UnsafePointer<trigemu_condition_plugin>
  private let state: UnsafeMutableRawPointer?
  private var tracks: [trigemu_track] = []
  private var clusters: [trigemu_cluster] = []
  private var sectors: [trigemu_klm_sector] = []
  private var vertices: [trigemu_vertex] = []

  private init(plugin: UnsafePointer<trigemu_condition_plugin>, values: [Double]) {
    self.plugin = plugin
    state = values.withUnsafeBufferPointer { plugin.pointee.create?($0.baseAddress) }
  }

  deinit { plugin.pointee.destroy?(state) }

  /// The `ConditionKind` of a plugin's condition: parameters read from its table.
  static func kind(_ plugin: UnsafePointer<trigemu_condition_plugin>, library: String) throws -> ConditionKind {
    let table = plugin.pointee
    guard let kindName = table.kind.map({ String(cString: $0) }), !kindName.isEmpty, table.evaluate != nil else {
      throw LocatedError("plugin library \(library): a condition has no kind name or no evaluate function")
    }
    var parameters: [PluginParameter] = []
    for index in 0..<Int(max(0, table.parameter_count)) {
      let p = table.parameters[index]
      let name = p.name.map { String(cString: $0) } ?? ""
      guard !name.isEmpty, p.min_value <= p.max_value, (p.min_value...p.max_value).contains(p.default_value) else {
        throw LocatedError("plugin library \(library): \(kindName): parameter \(index) has no name or a default outside its range")
      }
      let unit = p.unit.map { String(cString: $0) } ?? ""
      let help = p.help.map { String(cString: $0) } ?? ""
      switch Int(p.type) {
      case TRIGEMU_PARAMETER_INTEGER:
        parameters.append(PluginParameter(name: name, kind: .integer, unit: unit, defaultValue: p.default_value, range: p.min_value...p.max_value, help: help))
      case TRIGEMU_PARAMETER_BOOLEAN:
        parameters.append(.boolean(name, p.default_value != 0, help))
      default:
        parameters.append(.real(name, unit, p.default_value, p.min_value...p.max_value, help))
      }
    }
    let summary = table.summary.map { String(cString: $0) } ?? ""
    nonisolated(unsafe) let pointer = plugin
    let names = parameters.map(\.name)
    return ConditionKind(name: kindName, summary: summary + " (plugin: \(library))", parameters: parameters) { values in
      ExternalCondition(plugin: pointer, values: names.map { values.values[$0]! })
    }
  }

  func evaluate(_ summary: TriggerSummary) -> Bool {
    tracks.removeAll(keepingCapacity: true)
    for t in summary.tracks {
      tracks.append(trigemu_track(
        phi0_rad: t.phi0Rad, curvature_per_cm: t.curvaturePerCm, pt_gev: t.ptGeV, charge: Int32(t.charge),
        has_3d: t.z0Cm != nil && t.thetaRad != nil ? 1 : 0, z0_cm: t.z0Cm ?? 0, theta_rad: t.thetaRad ?? 0))
    }
    clusters.removeAll(keepingCapacity: true)
    for c in summary.clusters {
      clusters.append(trigemu_cluster(
        energy_gev: c.energyGeV, theta_rad: c.thetaRad, phi_rad: c.phiRad, energy_cm_gev: c.energyCMGeV,
        theta_cm_rad: c.thetaCMRad, time_ns: c.timeNs, theta_index: Int32(c.thetaIndex), cell_count: Int32(c.cellCount)))
    }
    sectors.removeAll(keepingCapacity: true)
    for s in summary.klmSectors {
      sectors.append(trigemu_klm_sector(section: Int32(s.section.rawValue), sector: Int32(s.sector), layer_mask: UInt32(s.layerMask)))
    }
    vertices.removeAll(keepingCapacity: true)
    for v in summary.vertices {
      vertices.append(trigemu_vertex(x_cm: v.xCm, y_cm: v.yCm, first_track: Int32(v.firstTrack), second_track: Int32(v.secondTrack)))
    }
    return tracks.withUnsafeBufferPointer { tracks in
      clusters.withUnsafeBufferPointer { clusters in
        sectors.withUnsafeBufferPointer { sectors in
          vertices.withUnsafeBufferPointer { vertices in
            summary.energyByThetaIndexGeV.withUnsafeBufferPointer { energies in
              var view = trigemu_summary(
                tracks: tracks.baseAddress, track_count: Int64(tracks.count), clusters: clusters.baseAddress,
                cluster_count: Int64(clusters.count), klm_sectors: sectors.baseAddress, klm_sector_count: Int64(sectors.count),
                vertices: vertices.baseAddress, vertex_count: Int64(vertices.count), energy_by_theta_index_gev: energies.baseAddress)
              return plugin.pointee.evaluate(state, &view) != 0
            }
          }
        }
      }
    }
  }
}

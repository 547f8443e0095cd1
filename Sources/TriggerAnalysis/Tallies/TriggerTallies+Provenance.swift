extension TriggerTallies {
  /// Where the counts come from.
  public struct Provenance: Equatable, Sendable, Codable {
    public var trigemuVersion: String
    public var menuName: String
    public var menuSHA256: String
    public var firmware: String
    public var firmwareSHA256: String
    public var prescaleMode: String
    public var inputs: [Input]

    enum CodingKeys: String, CodingKey {
      case firmware, inputs
      case trigemuVersion = "trigemu_version", menuName = "menu", menuSHA256 = "menu_sha256", firmwareSHA256 = "firmware_sha256"
      case prescaleMode = "prescale_mode"
    }

    public init(trigemuVersion: String, menuName: String, menuSHA256: String, firmware: String, firmwareSHA256: String, prescaleMode: String, inputs: [Input] = []) {
      self.trigemuVersion = trigemuVersion
      self.menuName = menuName
      self.menuSHA256 = menuSHA256
      self.firmware = firmware
      self.firmwareSHA256 = firmwareSHA256
      self.prescaleMode = prescaleMode
      self.inputs = inputs
    }
  }

  /// An input file: its path as given, its SHA-256 and the events read from it.
  public struct Input: Equatable, Sendable, Codable {
    public var path: String
    public var sha256: String
    public var events: Int
    public init(path: String, sha256: String, events: Int) {
      self.path = path
      self.sha256 = sha256
      self.events = events
    }
  }
}

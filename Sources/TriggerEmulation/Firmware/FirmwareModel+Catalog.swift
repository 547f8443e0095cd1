import Foundation
import TriggerEvents
import TriggerSupport

extension FirmwareModel {
  /// The names a run list's firmware tag may use: `ideal` and the models of `directory`
  /// (the `.yaml` files in it, if it exists), or of the shipped models when `directory` is nil.
  public static func names(in directory: String?) -> Set<String> {
    let names: [String]
    if let directory {
      let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
      names = files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
    } else {
      names = ShippedFiles.names(.firmwareModel)
    }
    return Set(names).union([RunList.idealFirmware])
  }

  /// Every model of `directory` (or the shipped ones when nil), validated, in name order, with
  /// the built-in ideal model first (replaced by an `ideal.yaml`, which must have no faults).
  public static func all(in directory: String?) throws -> [FirmwareModel] {
    var models = [FirmwareModel.ideal]
    for name in names(in: directory).sorted() where name != ideal.name || hasFile(ideal.name, in: directory) {
      let model = try FirmwareModel(named: name, directory: directory)
      if model.name == ideal.name {
        guard model.faults.isEmpty else { throw LocatedError(file: model.path, message: "the model named ideal must have no faults") }
        models[0] = model
      } else {
        models.append(model)
      }
    }
    return models
  }

  /// The model `argument` names: a model file, or a model by name in `directory` (the shipped
  /// models when nil); `ideal` without a file is the built-in ideal model.
  public init(named argument: String, directory: String?) throws {
    if argument.contains("/") || argument.hasSuffix(".yaml") || argument.hasSuffix(".yml") {
      try self.init(path: argument)
    } else if let directory {
      let path = (directory as NSString).appendingPathComponent(argument + ".yaml")
      if FileManager.default.fileExists(atPath: path) {
        try self.init(path: path)
      } else if argument == Self.ideal.name {
        self = .ideal
      } else {
        throw LocatedError("no firmware model file \(path) (known: \(Self.names(in: directory).sorted().joined(separator: ", ")))")
      }
    } else if argument == Self.ideal.name && ShippedFiles.url(.firmwareModel, argument) == nil {
      self = .ideal
    } else {
      let shipped = try ShippedFiles.text(.firmwareModel, argument)
      try self.init(text: shipped.text, path: shipped.label)
    }
  }

  private static func hasFile(_ name: String, in directory: String?) -> Bool {
    guard let directory else { return ShippedFiles.url(.firmwareModel, name) != nil }
    return FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(name + ".yaml"))
  }
}

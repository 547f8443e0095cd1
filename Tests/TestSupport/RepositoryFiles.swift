import Foundation

/// Files of this repository (shipped menus, examples), found from the test sources' location.
public enum RepositoryFiles {
  /// The repository's top folder.
  public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The absolute path of `relative`, e.g. `trigger-menus/belle2-lowmult.yaml`.
  public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

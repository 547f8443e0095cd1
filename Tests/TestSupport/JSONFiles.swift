import Foundation

/// Reading trigemu's JSON outputs in tests as a user's script would (untyped), with the places
/// the formats put things (docs/json-formats.md).
public enum JSONFiles {
  /// The top-level object of the JSON file at `path`.
  public static func object(_ path: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw CocoaError(.coderReadCorrupt) }
    return object
  }

  /// The rows of table `name` of a report document, keyed by column name.
  public static func rows(_ document: [String: Any], _ name: String) -> [[String: Any]]? {
    ((document["tables"] as? [String: Any])?[name] as? [String: Any])?["rows"] as? [[String: Any]]
  }

  /// A member of a report document's `summary`.
  public static func summary(_ document: [String: Any], _ key: String) -> Any? { (document["summary"] as? [String: Any])?[key] }

  /// The event count of a line's `raw`, `accepted` or `pure` entry in a tallies' counts object.
  public static func lineEvents(_ counts: [String: Any], _ line: String, _ which: String, hlt: Bool = false) -> Int? {
    (((counts[hlt ? "hlt_lines" : "lines"] as? [String: Any])?[line] as? [String: Any])?[which] as? [String: Any])?["events"] as? Int
  }
}

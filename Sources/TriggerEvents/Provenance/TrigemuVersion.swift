/// The version of trigemu, recorded in the provenance of every result and shown by `--version`.
public enum TrigemuVersion {
  public static let current = "0.5.0-dev"
}

/// What decided a part of a file's dialect.
public enum DialectOrigin: String, Sendable {
    /// Read off the file's own values.
    case detected
    /// Taken from an earlier import of the same source, the file's values being ambiguous.
    case remembered
    /// Given on the command line.
    case option
}

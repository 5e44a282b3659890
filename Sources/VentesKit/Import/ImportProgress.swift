/// How far an import has gone in one file, for a progress display.
public struct ImportProgress: Sendable {
    public var kind: FileKind
    public var source: String
    /// Data rows read so far.
    public var rows: Int
    /// Bytes of the file read so far (for a resumed file, the skipped prefix counts as read).
    public var bytesRead: Int
    /// The file's size, when known.
    public var totalBytes: Int?
    /// True on the last report for this file.
    public var isFinished: Bool
}

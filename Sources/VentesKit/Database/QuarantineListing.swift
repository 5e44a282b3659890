/// The file a quarantined row came from, as the import read it: enough to write rows back in its dialect.
public struct QuarantineSource: Equatable, Sendable {
    public var importID: Int64
    public var kind: FileKind
    public var source: String
    /// `,`, `;`, `tab` or `|`.
    public var delimiter: String
    public var encoding: TextEncoding
    public var hasByteOrderMark: Bool
    /// The header line as written; empty for imports made before it was recorded.
    public var headerText: String
}

/// The quarantine of one import, or of one of its files.
public struct QuarantineListing: Equatable, Sendable {
    /// The import listed; nil when the database has no import yet.
    public var importID: Int64?
    public var rows: [QuarantinedRow]
    /// The files of the import that rows came from, in import order.
    public var sources: [QuarantineSource]
}

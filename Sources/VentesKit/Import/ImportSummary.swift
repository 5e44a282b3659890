/// What one file of an import held and what became of it: the audit record, and what a person
/// should read about it.
@dynamicMemberLookup
public struct FileImportSummary: Sendable {
    /// What the audit records of the file.
    public var audit: FileAudit
    /// Things a person should know that did not stop a row (a city with no known region).
    public var warnings: [String]
    /// The first rejected rows, for the summary (all of them are in the quarantine).
    public var rejections: [QuarantinedRow]
    /// For a URL source: what the download gave (status, attempts, validators); nil for a local file.
    public var download: Download?
    /// The data rows read from the bytes after the last import's (all of them when not resumed).
    public var readPastPrefix: Int

    public init(audit: FileAudit, warnings: [String] = [], rejections: [QuarantinedRow] = [], download: Download? = nil,
                readPastPrefix: Int? = nil) {
        self.audit = audit
        self.readPastPrefix = readPastPrefix ?? audit.counts.read
        self.warnings = warnings
        self.rejections = rejections
        self.download = download
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<FileAudit, Value>) -> Value { audit[keyPath: keyPath] }

    /// True when the server answered 304 Not Modified: nothing was downloaded nor imported.
    public var isNotModified: Bool { download?.isNotModified == true }
}

extension FileImportSummary {
    /// The summary of a URL source the server reported unchanged: no row read, nothing imported.
    init(notModified source: ImportSource) {
        self.init(audit: FileAudit(kind: source.kind, source: source.path, sha256: "", bytes: 0, delimiter: "", encoding: "",
                                   hasByteOrderMark: false, headerText: "", counts: ImportCounts(), ignoredColumns: [],
                                   lines: 0, endsWithLineFeed: false),
                  download: source.download)
    }
}

/// What an import did, file by file, in the order stores, products, sales.
public struct ImportSummary: Sendable {
    public var importID: Int64
    public var files: [FileImportSummary]

    public func file(_ kind: FileKind) -> FileImportSummary? { files.first { $0.kind == kind } }
}

/// The counters of one file: every data row is exactly one of inserted, updated, unchanged,
/// duplicate or rejected.
public struct ImportCounts: Equatable, Sendable {
    public var read = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var duplicates = 0
    public var rejected = 0

    public init() {}

    /// True when every row read is accounted for.
    public var isBalanced: Bool { read == inserted + updated + unchanged + duplicates + rejected }
}

/// What one file of an import held and what became of it.
public struct FileImportSummary: Sendable {
    public var kind: FileKind
    public var source: String
    public var sha256: String
    public var bytes: Int
    public var delimiter: String
    public var encoding: String
    /// True when the file starts with a UTF-8 byte order mark.
    public var hasByteOrderMark: Bool
    /// How the prices were read (products only).
    public var decimalSeparator: DecimalSeparator?
    /// How the dates were read (sales only), and what decided it.
    public var dateFormat: DateColumnFormat?
    public var dateFormatOrigin: DialectOrigin?
    /// The header line as written in the file.
    public var headerText: String
    public var counts: ImportCounts
    public var ignoredColumns: [String]
    /// Physical lines in the file.
    public var lines: Int
    /// True when the file ends with a line feed.
    public var endsWithLineFeed: Bool
    /// The import whose bytes the file started with, when only the rest was read.
    public var resumedFrom: Int64?
    /// The data rows read from the bytes after that import's (all of `counts.read` when not resumed).
    public var readPastPrefix = 0
    /// Things a person should know that did not stop a row (a city with no known region).
    public var warnings: [String]
    /// The first rejected rows, for the summary (all of them are in the quarantine).
    public var rejections: [RejectedRow]
    /// For a URL source: what the download gave (status, attempts, validators); nil for a local file.
    public var download: Download? = nil

    /// True when the server answered 304 Not Modified: nothing was downloaded nor imported.
    public var isNotModified: Bool { download?.isNotModified == true }
}

extension FileImportSummary {
    /// The summary of a URL source the server reported unchanged: no row read, nothing imported.
    init(notModified source: ImportSource) {
        self.init(kind: source.kind, source: source.path, sha256: "", bytes: 0, delimiter: "", encoding: "",
                  hasByteOrderMark: false, headerText: "", counts: ImportCounts(), ignoredColumns: [], lines: 0, endsWithLineFeed: false, warnings: [],
                  rejections: [], download: source.download)
    }
}

/// What an import did, file by file, in the order stores, products, sales.
public struct ImportSummary: Sendable {
    public var importID: Int64
    public var files: [FileImportSummary]

    public func file(_ kind: FileKind) -> FileImportSummary? { files.first { $0.kind == kind } }
}

/// What decided a part of a file's dialect.
public enum DialectOrigin: String, Sendable {
    /// Read off the file's own values.
    case detected
    /// Taken from an earlier import of the same source, the file's values being ambiguous.
    case remembered
    /// Given on the command line.
    case option
}

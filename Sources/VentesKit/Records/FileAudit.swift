/// What the audit (`import_file`) records of one imported file: what it was, how it was read, and
/// what became of its rows.
public struct FileAudit: Sendable {
    public var kind: FileKind
    /// The path or URL as the user gave it.
    public var source: String
    public var sha256: String
    public var bytes: Int
    /// `,`, `;`, `tab` or `|`.
    public var delimiter: String
    /// `utf-8` or `windows-1252`.
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

    public init(
        kind: FileKind, source: String, sha256: String, bytes: Int, delimiter: String, encoding: String,
        hasByteOrderMark: Bool, decimalSeparator: DecimalSeparator? = nil, dateFormat: DateColumnFormat? = nil,
        dateFormatOrigin: DialectOrigin? = nil, headerText: String, counts: ImportCounts, ignoredColumns: [String],
        lines: Int, endsWithLineFeed: Bool, resumedFrom: Int64? = nil
    ) {
        self.kind = kind
        self.source = source
        self.sha256 = sha256
        self.bytes = bytes
        self.delimiter = delimiter
        self.encoding = encoding
        self.hasByteOrderMark = hasByteOrderMark
        self.decimalSeparator = decimalSeparator
        self.dateFormat = dateFormat
        self.dateFormatOrigin = dateFormatOrigin
        self.headerText = headerText
        self.counts = counts
        self.ignoredColumns = ignoredColumns
        self.lines = lines
        self.endsWithLineFeed = endsWithLineFeed
        self.resumedFrom = resumedFrom
    }
}

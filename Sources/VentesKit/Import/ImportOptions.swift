/// How to import: strictness and dialect overrides.
public struct ImportOptions: Sendable {
    /// Abort the whole import at the first bad row instead of quarantining it.
    public var strict = false
    /// A record longer than this many bytes is quarantined instead of buffered.
    public var maxRecordBytes = 1 << 20
    /// Forces the delimiter instead of detecting it.
    public var delimiter: UInt8?
    /// Forces the text encoding instead of detecting it.
    public var encoding: TextEncoding?
    /// Called every few thousand rows of each file, and once when the file is done.
    public var progress: (@Sendable (ImportProgress) -> Void)?
    /// Forces the date format of the sales file instead of detecting (or remembering) it.
    public var dateFormat: DateColumnFormat?
    /// Forces the decimal separator of the products file's prices instead of detecting it.
    public var decimalSeparator: DecimalSeparator?
    /// When raised, the import stops between two batches of rows and is rolled back (`ImportError.stopped`).
    public var stop: StopSignal?

    public init(strict: Bool = false) { self.strict = strict }
}

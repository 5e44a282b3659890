/// What an upsert of a store or product did.
public enum UpsertOutcome: Sendable {
    case inserted, updated, unchanged
}

/// What the database remembers of the last import of a file.
public struct PreviousFileImport: Sendable {
    public var importID: Int64
    public var sha256: String
    public var bytes: Int
    public var delimiter: String
    public var encoding: String
    public var read: Int
    public var rejected: Int
    public var lines: Int
    public var endsWithLineFeed: Bool
    public var dateFormat: DateColumnFormat?
    public var dateFormatOrigin: DialectOrigin?
}

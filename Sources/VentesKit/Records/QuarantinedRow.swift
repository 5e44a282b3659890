/// A row refused by an import: where it came from, what it said and why.
///
/// The one description of a bad row, from the parser that refuses it to the quarantine table
/// (`rejected_row`) and `ventes rejects` that lists it.
public struct QuarantinedRow: Equatable, Sendable {
    /// The import that quarantined it; nil while that import is still being written.
    public var importID: Int64?
    public var kind: FileKind
    public var source: String
    /// The physical line of the file where the row starts.
    public var line: Int
    /// The record as written in its file, without its line end.
    public var rawText: String
    public var reason: RejectionReason

    public init(importID: Int64? = nil, kind: FileKind, source: String, line: Int, rawText: String, reason: RejectionReason) {
        self.importID = importID
        self.kind = kind
        self.source = source
        self.line = line
        self.rawText = rawText
        self.reason = reason
    }

    /// True when the row may become valid once the stores or products change (an unknown id).
    public var dependsOnData: Bool { reason.dependsOnData }
}

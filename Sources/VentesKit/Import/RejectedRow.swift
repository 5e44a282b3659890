/// A row that could not be imported: where it was, what it said and why it was refused.
public struct RejectedRow: Equatable, Sendable {
    public var kind: FileKind
    public var source: String
    public var line: Int
    public var rawText: String
    public var reason: String
    /// True when the row may become valid once the stores or products change (unknown product or store).
    public var dependsOnData: Bool

    public init(kind: FileKind, source: String, line: Int, rawText: String, reason: String, dependsOnData: Bool = false) {
        self.dependsOnData = dependsOnData
        self.kind = kind
        self.source = source
        self.line = line
        self.rawText = rawText
        self.reason = reason
    }
}

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

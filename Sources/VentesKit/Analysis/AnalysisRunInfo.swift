/// A past run of the analyses, as listed by `ventes history`.
public struct AnalysisRunInfo: Equatable, Sendable {
    public var id: Int64
    public var startedAt: String
    public var sqlSource: String
    public var sqlSHA256: String
    public var salesCount: Int
    public var analysisCount: Int
    public var failedCount: Int
}

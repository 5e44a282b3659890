/// A table of a store as plain values, to copy a whole store into another engine (`ventes migrate`):
/// each value as its text (integers in decimal, dates `yyyy-mm-dd`), nil for NULL.
public struct StoredTable: Sendable {
    public var name: String
    public var columns: [String]
    public var rows: [[String?]]

    public init(name: String, columns: [String], rows: [[String?]]) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }

    /// The tables a store copies, parents before children (the analyses' `result_<name>` tables are
    /// copied run by run, through `AnalysisRun`).
    public static let copiedTables = [
        "import_run", "analysis_run", "store", "product", "product_price", "import_file", "http_source", "import_fetch",
        "rejected_row", "sale", "sale_total_by_day_store", "sale_total_by_product", "analysis_output",
        "refresh_cycle", "refresh_news", "refresh_source",
    ]
}

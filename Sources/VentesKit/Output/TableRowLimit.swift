/// How much of each table a person at a terminal is shown: the first `rows` rows, then one line
/// saying how many more there are and where the whole table is.
///
/// Whether stdout is a terminal, and how the whole table is reached (a file, a command), is
/// the caller's to decide; machine formats (JSON, CSV, Markdown) are never cut.
public struct TableRowLimit: Sendable {
    /// The most rows shown of one table.
    public var rows: Int
    /// Where the whole table of an analysis is, given its name (`results/sales_by_product.csv`).
    public var wholeTable: @Sendable (_ analysis: String) -> String

    public init(rows: Int, wholeTable: @escaping @Sendable (_ analysis: String) -> String) {
        self.rows = max(1, rows)
        self.wholeTable = wholeTable
    }

    /// The line under a table of `total` rows cut to `rows`:
    /// `… 1,988 more rows (2,000 in all): results/sales_by_product.csv`.
    func remainderLine(analysis: String, total: Int) -> String {
        let hidden = total - rows
        return "… \(Self.grouped(hidden)) more row\(hidden == 1 ? "" : "s") (\(Self.grouped(total)) in all): \(wholeTable(analysis))"
    }

    /// `1988` as `1,988`.
    static func grouped(_ number: Int) -> String {
        var digits = String(number.magnitude), output = ""
        while digits.count > 3 {
            output = "," + digits.suffix(3) + output
            digits.removeLast(3)
        }
        return (number < 0 ? "-" : "") + digits + output
    }
}

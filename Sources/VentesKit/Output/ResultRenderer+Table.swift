extension ResultRenderer {
    /// The results as titled, aligned tables under a `title` line.
    ///
    /// Numbers are right-aligned; money has two decimals and thousands separators (`5,268.78`).
    /// With a `limit`, a longer table shows its first rows then a line saying how many more there
    /// are and where the whole table is; without one, every row.
    public static func table(_ results: [AnalysisResult], title: String, limit: TableRowLimit? = nil) -> String {
        var output = title + "\n"
        for result in results {
            output += "\n== \(result.name)" + (result.question.isEmpty ? "" : ": \(result.question)") + "\n"
            if let error = result.error {
                output += "FAILED: \(error)\n"
                continue
            }
            output += table(result, limit: limit)
        }
        return output
    }

    /// One result as an aligned table: a header, a rule, the rows (the first `limit.rows` of
    /// them, then the line that says where the rest is, when there are more).
    public static func table(_ result: AnalysisResult, limit: TableRowLimit? = nil) -> String {
        let header = result.columns.map(\.displayName)
        let cut = limit.map { result.rows.count > $0.rows } ?? false
        let shown = cut ? result.rows.prefix(limit?.rows ?? 0) : result.rows[...]
        // Widths come from the rows shown: a long value further down does not widen the screen.
        let cells = shown.map { row in zip(result.columns, row).map { tableText($1, $0) } }
        let numeric = result.columns.indices.map { isNumeric(result, column: $0) }
        let widths = header.indices.map { index in
            ([header[index]] + cells.map { $0[index] }).map(\.count).max() ?? 0
        }
        func line(_ values: [String]) -> String {
            values.indices.map { index in
                let padding = String(repeating: " ", count: widths[index] - values[index].count)
                return numeric[index] ? padding + values[index] : values[index] + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var output = line(header) + "\n"
        output += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { output += line(row) + "\n" }
        if cells.isEmpty { output += "(no rows)\n" }
        if cut, let limit { output += limit.remainderLine(analysis: result.name, total: result.rows.count) + "\n" }
        return output
    }

    /// A value as a table shows it: money grouped by thousands (`5,268.78`), line breaks as spaces.
    static func tableText(_ value: ResultValue, _ column: ResultColumn) -> String {
        switch value {
        case .integer(let int) where column.isMoney:
            return Cents(int).formatted(decimalSeparator: ".", groupingSeparator: ",")
        case .text(let text):
            return String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        default:
            return text(value, column)
        }
    }
}

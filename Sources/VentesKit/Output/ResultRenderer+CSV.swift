extension ResultRenderer {
    /// One analysis as CSV: a header then rows, RFC 4180 quoting, CRLF line ends.
    ///
    /// Numbers carry no thousands separator, so spreadsheets read them as numbers. A text cell
    /// that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
    /// return) is prefixed with `'`.
    public static func csv(_ result: AnalysisResult, dialect: CSVOutputDialect = .international) -> String {
        let delimiter = String(dialect.delimiter)
        var lines = [result.columns.map { csvCell($0.displayName) }.joined(separator: delimiter)]
        for row in result.rows {
            lines.append(zip(result.columns, row).map { column, value in
                switch value {
                case .text(let text): return csvCell(text)
                case .null: return ""
                case .integer, .real:
                    let number = text(value, column)
                    return dialect.decimalSeparator == "." ? number : number.replacingOccurrences(of: ".", with: String(dialect.decimalSeparator))
                }
            }.joined(separator: delimiter))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Several analyses as CSV: each one's table under a `# name` line, a blank line between.
    ///
    /// One analysis alone (see `--analysis`) is plain CSV, with no name line.
    public static func csv(_ results: [AnalysisResult], dialect: CSVOutputDialect = .international) -> String {
        let succeeded = results.filter { $0.error == nil }
        if results.count == 1, let only = succeeded.first { return csv(only, dialect: dialect) }
        return results.map { result in
            if let error = result.error { return csvCell("# \(result.name): FAILED: \(error)") + "\r\n" }
            return "# \(result.name)\r\n" + csv(result, dialect: dialect)
        }.joined(separator: "\r\n")
    }

    /// A text cell, neutralised against formula injection and quoted when needed.
    ///
    /// Quoting covers both delimiters, so a cell is safe in either dialect.
    static func csvCell(_ text: String) -> String {
        var cell = text
        if let first = cell.first, "=+-@\t\r".contains(first), Double(cell) == nil { cell = "'" + cell }
        if cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) {
            cell = "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return cell
    }
}

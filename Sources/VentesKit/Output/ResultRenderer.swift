import Foundation

/// Renders analysis results for people (aligned tables), machines (JSON) and spreadsheets (CSV).
public enum ResultRenderer {
    /// `{"run_id": N, "analyses": {"NAME": [{row}, ...]}}`, plus `"failed"` when a query failed.
    public static func json(_ run: AnalysisRun) -> JSONValue {
        var analyses: [(String, JSONValue)] = []
        for result in run.results where result.error == nil {
            analyses.append((result.name, .array(result.rows.map { row in
                .object(zip(result.columns, row).map { column, value in (column.displayName, json(value, column)) })
            })))
        }
        var members: [(String, JSONValue)] = [("run_id", .integer(run.id)), ("analyses", .object(analyses))]
        let failures = run.failures
        if !failures.isEmpty {
            members.append(("failed", .object(failures.map { ($0.name, .string($0.error ?? "")) })))
        }
        return .object(members)
    }

    private static func json(_ value: ResultValue, _ column: ResultColumn) -> JSONValue {
        switch value {
        case .null: return .null
        case .integer(let int): return column.isMoney ? .money(Cents(int)) : .integer(int)
        case .real(let double): return .real(double)
        case .text(let text): return .string(text)
        }
    }

    /// The value as text: money with two decimals, reals rounded to two.
    public static func text(_ value: ResultValue, _ column: ResultColumn) -> String {
        switch value {
        case .null: return ""
        case .integer(let int): return column.isMoney ? Cents(int).description : String(int)
        case .real(let double):
            let rounded = (double * 100).rounded() / 100
            return rounded == rounded.rounded() ? String(Int64(rounded)) : "\(rounded)"
        case .text(let text): return text
        }
    }

    /// Every analysis as a titled, aligned table; numbers right-aligned.
    public static func table(_ run: AnalysisRun) -> String {
        var output = "Analysis run #\(run.id) (\(run.salesCount) sales)\n"
        for result in run.results {
            output += "\n== \(result.name)" + (result.question.isEmpty ? "" : ": \(result.question)") + "\n"
            if let error = result.error {
                output += "FAILED: \(error)\n"
                continue
            }
            let header = result.columns.map(\.displayName)
            let cells = result.rows.map { row in zip(result.columns, row).map { text($1, $0) } }
            let numeric = result.columns.indices.map { index in
                result.rows.allSatisfy { row in
                    switch row[index] {
                    case .integer, .real, .null: return true
                    case .text: return false
                    }
                }
            }
            let widths = header.indices.map { index in
                ([header[index]] + cells.map { $0[index] }).map(\.count).max() ?? 0
            }
            func line(_ values: [String]) -> String {
                values.indices.map { index in
                    let padding = String(repeating: " ", count: widths[index] - values[index].count)
                    return numeric[index] ? padding + values[index] : values[index] + padding
                }.joined(separator: "  ").trimmingTrailingSpaces()
            }
            output += line(header) + "\n"
            output += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            for row in cells { output += line(row) + "\n" }
            if cells.isEmpty { output += "(no rows)\n" }
        }
        return output
    }

    /// One analysis as CSV: a header then rows, `,` and `.` decimals, RFC 4180 quoting.
    ///
    /// A cell that a spreadsheet would run as a formula (starting with = + - @) is prefixed
    /// with `'` unless it is a plain number.
    public static func csv(_ result: AnalysisResult) -> String {
        var lines = [result.columns.map { csvCell($0.displayName) }.joined(separator: ",")]
        for row in result.rows {
            lines.append(zip(result.columns, row).map { column, value in
                switch value {
                case .text(let text): return csvCell(text)
                default: return text(value, column)
                }
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func csvCell(_ text: String) -> String {
        var cell = text
        if let first = cell.first, "=+-@\t\r".contains(first), Double(cell) == nil { cell = "'" + cell }
        if cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) {
            cell = "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return cell
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}

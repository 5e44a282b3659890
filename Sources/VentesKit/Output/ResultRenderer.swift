import Foundation

/// Renders analysis results for people (aligned tables, Markdown), machines (JSON) and
/// spreadsheets (CSV).
///
/// Every renderer takes a list of results, so a run, a comparison of two runs and the run
/// history all print the same way.
public enum ResultRenderer {
    /// The output formats of `analyze`, `results`, `history`.
    public enum Format: String, CaseIterable, Sendable {
        case table, json, csv, markdown
    }

    /// Renders `results` under `title` (a heading line for table and Markdown) in `format`;
    /// `metadata` leads the JSON object (e.g. `run_id`). `rowLimit` cuts long tables of the
    /// `table` format only: JSON, CSV and Markdown always hold every row.
    public static func render(
        _ results: [AnalysisResult], title: String, metadata: [(String, JSONValue)], as format: Format,
        csvDialect: CSVOutputDialect = .international, rowLimit: TableRowLimit? = nil
    ) -> String {
        switch format {
        case .table: return table(results, title: title, limit: rowLimit)
        case .json: return json(results, metadata: metadata).serialized() + "\n"
        case .csv: return csv(results, dialect: csvDialect)
        case .markdown: return markdown(results, title: title)
        }
    }

    /// Renders a whole run in `format`.
    public static func render(_ run: AnalysisRun, as format: Format, csvDialect: CSVOutputDialect = .international) -> String {
        render(run.results, title: title(run), metadata: [("run_id", .integer(run.id))], as: format, csvDialect: csvDialect)
    }

    /// `Analysis run #3 (30 sales)`.
    public static func title(_ run: AnalysisRun) -> String {
        "Analysis run #\(run.id) (\(run.salesCount) sales)"
    }

    /// `{"run_id": N, "analyses": {"NAME": [{row}, ...]}}`, plus `"failed"` when a query failed.
    public static func json(_ run: AnalysisRun) -> JSONValue {
        json(run.results, metadata: [("run_id", .integer(run.id))])
    }

    /// `{metadata..., "analyses": {"NAME": [{row}, ...]}}`, plus `"failed"` when a query failed.
    ///
    /// Money is written exactly (`5268.78`), under the column's display name (`revenue`).
    public static func json(_ results: [AnalysisResult], metadata: [(String, JSONValue)]) -> JSONValue {
        var analyses: [(String, JSONValue)] = []
        for result in results where result.error == nil {
            analyses.append((result.name, .array(result.rows.map { row in
                .object(zip(result.columns, row).map { column, value in (column.displayName, json(value, column)) })
            })))
        }
        var members = metadata + [("analyses", .object(analyses))]
        let failures = results.filter { $0.error != nil }
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

    /// The value as plain text: money with two decimals and no grouping (`5268.78`), reals
    /// rounded to two decimals.
    public static func text(_ value: ResultValue, _ column: ResultColumn) -> String {
        switch value {
        case .null: return ""
        case .integer(let int): return column.isMoney ? Cents(int).description : String(int)
        case .real(let double): return realText(double)
        case .text(let text): return text
        }
    }

    /// A real rounded to two decimals, without a trailing `.0`: `12.5`, `3`, `-0.25`.
    static func realText(_ double: Double) -> String {
        guard double.isFinite else { return "" }
        let rounded = (double * 100).rounded() / 100
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : "\(rounded)"
    }

    /// True when every value of the column is a number (or empty): it is right-aligned.
    static func isNumeric(_ result: AnalysisResult, column index: Int) -> Bool {
        result.rows.allSatisfy { row in
            switch row[index] {
            case .integer, .real, .null: return true
            case .text: return false
            }
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}

/// A value of an analysis result, typed as SQLite returned it.
public enum ResultValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// A column of an analysis result: a `_cents` column holds money and shows without the suffix.
public struct ResultColumn: Equatable, Sendable {
    /// The name the query gave the column (`revenue_cents`).
    public var sqlName: String

    public init(sqlName: String) { self.sqlName = sqlName }

    /// True when the column holds integer cents.
    public var isMoney: Bool { sqlName.hasSuffix("_cents") && sqlName.count > 6 }

    /// The name shown in outputs (`revenue`).
    public var displayName: String { isMoney ? String(sqlName.dropLast(6)) : sqlName }
}

/// The outcome of one analysis in a run: its rows, or the error SQLite gave.
public struct AnalysisResult: Equatable, Sendable {
    public var name: String
    public var question: String
    public var columns: [ResultColumn]
    public var rows: [[ResultValue]]
    /// SQLite's message when the query failed; the other analyses still ran.
    public var error: String?

    public init(name: String, question: String, columns: [ResultColumn], rows: [[ResultValue]], error: String? = nil) {
        self.name = name
        self.question = question
        self.columns = columns
        self.rows = rows
        self.error = error
    }

    /// The value in `row` of the column the query named `sqlName` (`revenue_cents`).
    public func value(row: Int, sqlName: String) -> ResultValue? {
        columns.firstIndex { $0.sqlName == sqlName }.map { rows[row][$0] }
    }
}

/// A run of the analyses: when, on what, and every analysis's outcome, in file order.
public struct AnalysisRun: Equatable, Sendable {
    public var id: Int64
    public var startedAt: String
    public var sqlSource: String
    public var sqlSHA256: String
    public var salesCount: Int
    public var results: [AnalysisResult]

    /// The result named `name`, if the run has it.
    public func result(_ name: String) -> AnalysisResult? { results.first { $0.name == name } }

    /// The analyses that failed.
    public var failures: [AnalysisResult] { results.filter { $0.error != nil } }
}

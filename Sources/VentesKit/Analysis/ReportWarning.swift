/// An analysis the outputs rely on that a run of the analyses file does not provide as they
/// need it: missing (renamed or removed), or without a column they read.
///
/// The report still renders without it; the warning says what it leaves out:
/// `analysis sales_by_region not found in results/analyses.sql: the report leaves out the revenue by region chart, …`.
public struct ReportWarning: Sendable, Equatable, CustomStringConvertible {
    /// What the run lacks.
    public enum Problem: Sendable, Equatable {
        /// No query of that name in the file.
        case analysisNotFound
        /// The query exists but gives none of these columns (as the outputs name them).
        case columnsMissing([String])
    }

    /// The analysis the outputs rely on (`sales_by_region`).
    public var analysis: String
    public var problem: Problem
    /// The analyses file the run came from.
    public var analysesFile: String
    /// What the outputs leave out without it, in words.
    public var leftOut: String

    public var description: String {
        switch problem {
        case .analysisNotFound:
            return "analysis \(analysis) not found in \(analysesFile): the report leaves out \(leftOut)"
        case .columnsMissing(let columns):
            return "analysis \(analysis) in \(analysesFile) has no column \(columns.joined(separator: ", ")): the report leaves out \(leftOut)"
        }
    }
}

extension ReportedAnalyses {
    /// One warning per analysis the outputs rely on that `run` lacks or gives without a column
    /// they read, in the order of `relied`.
    ///
    /// A run holds one result per query of its analyses file, so this checks the file as it was
    /// loaded. An analysis that failed is not warned about here: its error is already reported.
    public static func check(_ run: AnalysisRun) -> [ReportWarning] {
        relied.compactMap { analysis in
            guard let feeds = analysis.feeds else { return nil }
            guard let result = run.result(analysis.name) else {
                return ReportWarning(analysis: analysis.name, problem: .analysisNotFound, analysesFile: run.sqlSource, leftOut: feeds)
            }
            let missing = missingColumns(analysis, in: result)
            guard result.error == nil, !missing.isEmpty else { return nil }
            return ReportWarning(analysis: analysis.name, problem: .columnsMissing(missing), analysesFile: run.sqlSource, leftOut: feeds)
        }
    }
}

extension AnalysisRunInfo {
    /// The run list as an analysis result named `history`, so it prints in every format.
    public static func historyResult(_ runs: [AnalysisRunInfo]) -> AnalysisResult {
        let columns = ["run_id", "started_at", "sales_count", "analyses", "failed", "sql_source", "sql_sha256"]
            .map(ResultColumn.init(sqlName:))
        let rows: [[ResultValue]] = runs.map { run in
            [.integer(run.id), .text(run.startedAt), .integer(Int64(run.salesCount)), .integer(Int64(run.analysisCount)),
             .integer(Int64(run.failedCount)), .text(run.sqlSource), .text(run.sqlSHA256)]
        }
        return AnalysisResult(name: "history", question: "Which analysis runs are stored (newest first)?",
                              columns: columns, rows: rows)
    }
}

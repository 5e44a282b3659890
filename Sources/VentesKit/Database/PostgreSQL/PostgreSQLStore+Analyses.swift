import Foundation
import PostgresNIO

extension PostgreSQLStore {
    /// Runs every query of `file` and stores the run and its rows.
    ///
    /// The queries run first, in one read-only transaction (one snapshot: the sales count and every
    /// result see the same data; a query that would write fails with the server's message), each
    /// behind a savepoint so that one failure leaves the others running. The run and its rows are
    /// then stored in one transaction, in `result_<name>` tables as on SQLite. When `stop` is raised
    /// the running query is cancelled on the server and nothing is stored.
    public func runAnalyses(_ file: AnalysisFile, startedAt: Date, stop: StopSignal?) throws -> AnalysisRun {
        let evaluated: (salesCount: Int, results: [AnalysisResult])
        if let stop {
            evaluated = try stop.whileRunning(onRaise: { [connection, backendPID] in
                connection.cancelRunningStatement(backendPID: backendPID)
            }) { try evaluate(file, stop: stop) }
        } else {
            evaluated = try evaluate(file, stop: nil)
        }
        try stop?.check()
        let started = Timestamp.iso8601(startedAt)
        let (runID, results) = try write {
            let runID = try connection.query("""
                INSERT INTO analysis_run (started_at, sql_source, sql_sha256, sales_count) VALUES ($1, $2, $3, $4) RETURNING id
                """, values: [started, file.path, file.sha256, Int64(evaluated.salesCount)]).rows.first!.decode(Int64.self)
            var stored: [AnalysisResult] = []
            for (position, var result) in evaluated.results.enumerated() {
                if result.error == nil {
                    do {
                        try connection.query("SAVEPOINT result_rows")
                        try PostgreSQLResultTable.store(result, runID: runID, on: connection)
                        try connection.query("RELEASE SAVEPOINT result_rows")
                    } catch {
                        try connection.query("ROLLBACK TO SAVEPOINT result_rows")
                        result = AnalysisResult(name: result.name, question: result.question, columns: result.columns, rows: [],
                                                error: "cannot store the rows: \(PostgreSQLFailure.translate(error, address: address).message)")
                    }
                }
                let columnsJSON = String(decoding: try JSONEncoder().encode(result.columns.map(\.sqlName)), as: UTF8.self)
                try connection.query("""
                    INSERT INTO analysis_output (run_id, position, name, question, status, error, row_count, columns)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    """, values: [runID, Int64(position), result.name, result.question, result.error == nil ? "ok" : "failed",
                                  result.error, Int64(result.rows.count), columnsJSON])
                stored.append(result)
            }
            return (runID, stored)
        }
        return AnalysisRun(id: runID, startedAt: started, sqlSource: file.path, sqlSHA256: file.sha256,
                           salesCount: evaluated.salesCount, results: results)
    }

    private func evaluate(_ file: AnalysisFile, stop: StopSignal?) throws -> (salesCount: Int, results: [AnalysisResult]) {
        try read {
            let salesCount = Int(try connection.query("SELECT COUNT(*) FROM sale").rows.first!.decode(Int64.self))
            var results: [AnalysisResult] = []
            for query in file.queries {
                try stop?.check()
                try connection.query("SAVEPOINT analysis")
                do {
                    let result = try evaluate(query)
                    try connection.query("RELEASE SAVEPOINT analysis")
                    results.append(result)
                } catch {
                    // A query cancelled because of the stop failed because of it, not of its SQL.
                    try stop?.check()
                    try connection.query("ROLLBACK TO SAVEPOINT analysis")
                    let message = PostgreSQLFailure.translate(error, address: address).message
                    results.append(AnalysisResult(name: query.name, question: query.question, columns: [], rows: [],
                                                  error: "\(file.path):\(query.line): analysis \(query.name): \(message)"))
                }
            }
            return (salesCount, results)
        }
    }

    /// The rows of `query`, with its column names (asked of the server by an outer join on one
    /// row when the query returns none: an empty answer carries no column names here).
    private func evaluate(_ query: AnalysisQuery) throws -> AnalysisResult {
        var sql = query.sql.trimmingCharacters(in: .whitespacesAndNewlines)
        while sql.hasSuffix(";") { sql = String(sql.dropLast()).trimmingCharacters(in: .whitespacesAndNewlines) }
        let rows = try connection.query(sql).rows
        let names: [String]
        if let first = rows.first {
            names = first.map(\.columnName)
        } else {
            let shape = try connection.query("SELECT q.* FROM (SELECT 1) AS one LEFT JOIN (\n\(sql)\n) AS q ON true").rows
            names = shape.first.map { $0.map(\.columnName) } ?? []
        }
        let values = try rows.map { row in try row.map(PostgreSQLResultValue.value) }
        return AnalysisResult(name: query.name, question: query.question, columns: names.map(ResultColumn.init(sqlName:)),
                              rows: values)
    }

    // MARK: - Reads

    public func analysisRuns() throws -> [AnalysisRunInfo] {
        try connection.query("""
            SELECT r.id, r.started_at, r.sql_source, r.sql_sha256, r.sales_count,
                   COUNT(o.name) AS analyses, COUNT(*) FILTER (WHERE o.status = 'failed') AS failed
            FROM analysis_run r LEFT JOIN analysis_output o ON o.run_id = r.id
            GROUP BY r.id ORDER BY r.id DESC
            """).rows.map { row in
            AnalysisRunInfo(id: try row.value("id"), startedAt: try row.value("started_at"), sqlSource: try row.value("sql_source"),
                            sqlSHA256: try row.value("sql_sha256"), salesCount: Int(try row.value("sales_count", as: Int64.self)),
                            analysisCount: Int(try row.value("analyses", as: Int64.self)),
                            failedCount: Int(try row.value("failed", as: Int64.self)))
        }
    }

    public func analysisRun(id: Int64?) throws -> AnalysisRun? {
        try read {
            let runRows = id == nil
                ? try connection.query("SELECT id, started_at, sql_source, sql_sha256, sales_count FROM analysis_run ORDER BY id DESC LIMIT 1")
                : try connection.query("SELECT id, started_at, sql_source, sql_sha256, sales_count FROM analysis_run WHERE id = $1",
                                       values: [id])
            guard let run = runRows.rows.first else { return nil }
            let runID: Int64 = try run.value("id")
            var results: [AnalysisResult] = []
            let outputs = try connection.query("""
                SELECT name, question, status, error, columns FROM analysis_output WHERE run_id = $1 ORDER BY position
                """, values: [runID]).rows
            for output in outputs {
                let name: String = try output.value("name")
                let sqlNames = try JSONDecoder().decode([String].self, from: Data((try output.value("columns", as: String.self)).utf8))
                let rows = try output.value("status", as: String.self) == "ok"
                    ? try PostgreSQLResultTable.rows(name: name, columns: sqlNames, runID: runID, on: connection) : []
                results.append(AnalysisResult(name: name, question: try output.value("question"),
                                              columns: sqlNames.map(ResultColumn.init(sqlName:)), rows: rows,
                                              error: try output.value("error")))
            }
            return AnalysisRun(id: runID, startedAt: try run.value("started_at"), sqlSource: try run.value("sql_source"),
                               sqlSHA256: try run.value("sql_sha256"), salesCount: Int(try run.value("sales_count", as: Int64.self)),
                               results: results)
        }
    }
}

import Foundation
import GRDB

extension SQLiteStore {
    // MARK: - Writes

    /// Runs every query of `file` and stores the run and its rows, as one transaction.
    ///
    /// Each result goes to the table `result_<name>` (a `run_id` and `row_number` column, then the
    /// query's columns), so past results can be read with plain SQL. A query that fails, or that
    /// would write, is recorded as failed with SQLite's message; the others still run. When `stop`
    /// is raised, the running query is interrupted and the transaction rolled back.
    public func runAnalyses(_ file: AnalysisFile, startedAt: Date, stop: StopSignal?) throws -> AnalysisRun {
        guard let stop else { return try analyzing(file, startedAt: startedAt, stop: nil) }
        return try stop.whileRunning(onRaise: { [writer] in writer.interrupt() }) {
            try analyzing(file, startedAt: startedAt, stop: stop)
        }
    }

    private func analyzing(_ file: AnalysisFile, startedAt: Date, stop: StopSignal?) throws -> AnalysisRun {
        try write { db in
            let salesCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sale") ?? 0
            let started = Timestamp.iso8601(startedAt)
            try db.execute(literal: """
                INSERT INTO analysis_run (started_at, sql_source, sql_sha256, sales_count)
                VALUES (\(started), \(file.path), \(file.sha256), \(salesCount))
                """)
            let runID = db.lastInsertedRowID
            var results: [AnalysisResult] = []
            for (position, query) in file.queries.enumerated() {
                try stop?.check()
                var result = Self.evaluate(query, file: file, in: db)
                // An interrupted query failed because of the stop, not of its SQL: store nothing.
                try stop?.check()
                if result.error == nil {
                    do {
                        try Self.store(result, runID: runID, in: db)
                    } catch {
                        result = AnalysisResult(name: query.name, question: query.question, columns: result.columns,
                                                rows: [], error: "cannot store the rows: \(Self.failure(error).message)")
                    }
                }
                let columnsJSON = String(decoding: try JSONEncoder().encode(result.columns.map(\.sqlName)), as: UTF8.self)
                try db.execute(literal: """
                    INSERT INTO analysis_output (run_id, position, name, question, status, error, row_count, columns)
                    VALUES (\(runID), \(position), \(query.name), \(query.question), \(result.error == nil ? "ok" : "failed"),
                            \(result.error), \(result.rows.count), \(columnsJSON))
                    """)
                results.append(result)
            }
            return AnalysisRun(id: runID, startedAt: started, sqlSource: file.path, sqlSHA256: file.sha256,
                               salesCount: salesCount, results: results)
        }
    }

    private static func evaluate(_ query: AnalysisQuery, file: AnalysisFile, in db: Database) -> AnalysisResult {
        func failure(_ message: String) -> AnalysisResult {
            AnalysisResult(name: query.name, question: query.question, columns: [], rows: [],
                           error: "\(file.path):\(query.line): analysis \(query.name): \(message)")
        }
        do {
            let statement = try db.makeStatement(sql: query.sql)
            guard statement.isReadonly else { return failure("the query would change the database; analyses may only read") }
            let columns = statement.columnNames.map(ResultColumn.init(sqlName:))
            var rows: [[ResultValue]] = []
            let cursor = try Row.fetchCursor(statement)
            while let row = try cursor.next() {
                rows.append((0..<row.count).map { ResultValue(row[$0] as DatabaseValue) })
            }
            return AnalysisResult(name: query.name, question: query.question, columns: columns, rows: rows)
        } catch {
            return failure(SQLiteStore.failure(error).message)
        }
    }

    /// Creates `result_<name>` when it is missing, and adds the `columns` it lacks.
    static func createResultTable(named name: String, columns: [String], in db: Database) throws {
        let table = "result_" + name
        if try !db.tableExists(table) {
            try db.execute(sql: "CREATE TABLE \(quotedIdentifier(table)) (run_id INTEGER NOT NULL REFERENCES analysis_run(id), row_number INTEGER NOT NULL, PRIMARY KEY (run_id, row_number))")
        }
        let existing = Set(try db.columns(in: table).map { $0.name.lowercased() })
        for column in columns where !existing.contains(column.lowercased()) {
            try db.execute(sql: "ALTER TABLE \(quotedIdentifier(table)) ADD COLUMN \(quotedIdentifier(column))")
        }
    }

    /// Creates or widens `result_<name>` and appends the rows under `runID`.
    private static func store(_ result: AnalysisResult, runID: Int64, in db: Database) throws {
        // Table and column names come from the analyses file (validated name) and the query's
        // own column names; identifiers cannot be bound, so they are quoted. Values are bound.
        let table = "result_" + result.name
        let names = result.columns.map(\.sqlName)
        if Set(names.map { $0.lowercased() }).count != names.count || names.contains(where: { ["run_id", "row_number"].contains($0.lowercased()) }) {
            throw DatabaseError(message: "column names must be unique and not run_id or row_number: \(names.joined(separator: ", "))")
        }
        try createResultTable(named: result.name, columns: names, in: db)
        let columnList = (["run_id", "row_number"] + names).map(quotedIdentifier).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: names.count + 2).joined(separator: ", ")
        let insert = try db.makeStatement(sql: "INSERT INTO \(quotedIdentifier(table)) (\(columnList)) VALUES (\(placeholders))")
        for (number, row) in result.rows.enumerated() {
            var arguments: [(any DatabaseValueConvertible)?] = [runID, number + 1]
            for value in row {
                switch value {
                case .null: arguments.append(nil)
                case .integer(let int): arguments.append(int)
                case .real(let double): arguments.append(double)
                case .text(let text): arguments.append(text)
                }
            }
            try insert.execute(arguments: StatementArguments(arguments))
        }
    }

    // MARK: - Reads

    /// The runs, newest first.
    public func analysisRuns() throws -> [AnalysisRunInfo] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.id, r.started_at, r.sql_source, r.sql_sha256, r.sales_count,
                       COUNT(o.name) AS analyses, SUM(o.status = 'failed') AS failed
                FROM analysis_run r LEFT JOIN analysis_output o ON o.run_id = r.id
                GROUP BY r.id ORDER BY r.id DESC
                """).map { row in
                AnalysisRunInfo(id: row["id"], startedAt: row["started_at"], sqlSource: row["sql_source"],
                                sqlSHA256: row["sql_sha256"], salesCount: row["sales_count"],
                                analysisCount: row["analyses"], failedCount: row["failed"] ?? 0)
            }
        }
    }

    /// The stored run `id` (the latest when nil), without recomputing anything; nil when there is none.
    public func analysisRun(id: Int64?) throws -> AnalysisRun? {
        try read { db in
            let runRow: Row?
            if let id {
                runRow = try Row.fetchOne(db, sql: "SELECT * FROM analysis_run WHERE id = ?", arguments: [id])
            } else {
                runRow = try Row.fetchOne(db, sql: "SELECT * FROM analysis_run ORDER BY id DESC LIMIT 1")
            }
            guard let runRow else { return nil }
            let runID: Int64 = runRow["id"]
            var results: [AnalysisResult] = []
            let outputs = try Row.fetchAll(db, sql: "SELECT * FROM analysis_output WHERE run_id = ? ORDER BY position",
                                           arguments: [runID])
            for output in outputs {
                let name: String = output["name"]
                let sqlNames = try JSONDecoder().decode([String].self, from: Data((output["columns"] as String).utf8))
                var rows: [[ResultValue]] = []
                if output["status"] == "ok" {
                    let columnList = sqlNames.isEmpty ? "NULL" : sqlNames.map(Self.quotedIdentifier).joined(separator: ", ")
                    let cursor = try Row.fetchCursor(db, sql: """
                        SELECT \(columnList) FROM \(Self.quotedIdentifier("result_" + name)) WHERE run_id = ? ORDER BY row_number
                        """, arguments: [runID])
                    while let row = try cursor.next() {
                        rows.append((0..<sqlNames.count).map { ResultValue(row[$0] as DatabaseValue) })
                    }
                }
                results.append(AnalysisResult(name: name, question: output["question"],
                                              columns: sqlNames.map(ResultColumn.init(sqlName:)), rows: rows,
                                              error: output["error"]))
            }
            return AnalysisRun(id: runID, startedAt: runRow["started_at"], sqlSource: runRow["sql_source"],
                               sqlSHA256: runRow["sql_sha256"], salesCount: runRow["sales_count"], results: results)
        }
    }
}

private extension ResultValue {
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let int): self = .integer(int)
        case .double(let double): self = .real(double)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .text(data.base64EncodedString())
        }
    }
}

import Foundation
import PostgresNIO

/// The table `result_<name>` of an analysis: `run_id`, `row_number`, then the query's columns,
/// every run's rows, queryable with plain SQL as on SQLite.
///
/// SQLite's columns take any type; here each column gets the narrowest of `bigint`, `double
/// precision` and `text` that holds its values, and is widened (to `double precision`, else `text`)
/// when a later run brings values it cannot hold.
enum PostgreSQLResultTable {
    private enum ColumnType: Int, Comparable {
        case bigint = 0, double = 1, text = 2

        var sql: String { ["bigint", "double precision", "text COLLATE \"C\""][rawValue] }

        init(_ values: some Sequence<ResultValue>) {
            var type = ColumnType?.none
            for value in values {
                let own: ColumnType
                switch value {
                case .null: continue
                case .integer: own = .bigint
                case .real: own = .double
                case .text: own = .text
                }
                type = max(type ?? own, own)
            }
            self = type ?? .text
        }

        init(catalogName: String) {
            switch catalogName {
            case "bigint": self = .bigint
            case "double precision": self = .double
            default: self = .text
            }
        }

        static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }

    /// Creates or widens `result_<name>` and appends the rows of `result` under `runID`.
    static func store(_ result: AnalysisResult, runID: Int64, on connection: PostgreSQLConnection) throws {
        let table = "result_" + result.name
        let quotedTable = PostgreSQLIdentifier.quoted(table)
        let names = result.columns.map(\.sqlName)
        if Set(names.map { $0.lowercased() }).count != names.count || names.contains(where: { ["run_id", "row_number"].contains($0.lowercased()) }) {
            throw StoreFailure(message: "column names must be unique and not run_id or row_number: \(names.joined(separator: ", "))")
        }
        try connection.query("""
            CREATE TABLE IF NOT EXISTS \(quotedTable) (run_id bigint NOT NULL REFERENCES analysis_run(id),
                row_number bigint NOT NULL, PRIMARY KEY (run_id, row_number))
            """)
        var existing: [String: ColumnType] = [:]
        for row in try connection.query("""
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1
            """, values: [table]).rows {
            let (name, type) = try row.decode((String, String).self)
            existing[name.lowercased()] = ColumnType(catalogName: type)
        }
        var types: [ColumnType] = []
        for (index, name) in names.enumerated() {
            let needed = ColumnType(result.rows.map { $0[index] })
            let quoted = PostgreSQLIdentifier.quoted(name)
            if let type = existing[name.lowercased()] {
                if needed > type {
                    try connection.query("ALTER TABLE \(quotedTable) ALTER COLUMN \(quoted) TYPE \(needed.sql) USING \(quoted)::\(needed == .text ? "text" : "double precision")")
                }
                types.append(max(type, needed))
            } else {
                try connection.query("ALTER TABLE \(quotedTable) ADD COLUMN \(quoted) \(needed.sql)")
                types.append(needed)
            }
        }
        guard !result.rows.isEmpty else { return }
        // One statement for the whole result: each column as an array, and which of its values are
        // NULL as another (arrays of optionals cannot be bound), unnested by the server.
        var binds = PostgresBindings(capacity: 2 * names.count + 1)
        binds.append(runID)
        var arrays: [String] = []
        for (index, type) in types.enumerated() {
            let values = result.rows.map { $0[index] }
            switch type {
            case .bigint:
                binds.append(values.map { value -> Int64 in if case .integer(let v) = value { return v }; return 0 })
                arrays.append("$\(2 * index + 2)::int8[]")
            case .double:
                binds.append(values.map { value -> Double in
                    switch value {
                    case .integer(let v): return Double(v)
                    case .real(let v): return v
                    default: return 0
                    }
                })
                arrays.append("$\(2 * index + 2)::float8[]")
            case .text:
                binds.append(values.map { value -> String in
                    switch value {
                    case .null: return ""
                    case .integer(let v): return String(v)
                    case .real(let v): return String(v)
                    case .text(let v): return v
                    }
                })
                arrays.append("$\(2 * index + 2)::text[]")
            }
            binds.append(values.map { $0 == .null })
            arrays.append("$\(2 * index + 3)::bool[]")
        }
        let columnList = (["run_id", "row_number"] + names).map(PostgreSQLIdentifier.quoted).joined(separator: ", ")
        let aliases = (0..<names.count).flatMap { ["c\($0)", "n\($0)"] }
        let values = (0..<names.count).map { "CASE WHEN n\($0) THEN NULL ELSE c\($0) END" }
        if names.isEmpty { binds.append(Int64(result.rows.count)) }
        let select = names.isEmpty
            ? "SELECT $1, generate_series(1, $2::int8)"
            : "SELECT $1, row_number, \(values.joined(separator: ", ")) FROM unnest(\(arrays.joined(separator: ", "))) WITH ORDINALITY AS t(\((aliases + ["row_number"]).joined(separator: ", ")))"
        try connection.query("INSERT INTO \(quotedTable) (\(columnList)) \(select)", binds)
    }

    /// The rows stored for run `runID` of analysis `name`, in their order.
    static func rows(name: String, columns: [String], runID: Int64, on connection: PostgreSQLConnection) throws -> [[ResultValue]] {
        let columnList = columns.isEmpty ? "NULL" : columns.map(PostgreSQLIdentifier.quoted).joined(separator: ", ")
        return try connection.query("""
            SELECT \(columnList) FROM \(PostgreSQLIdentifier.quoted("result_" + name)) WHERE run_id = $1 ORDER BY row_number
            """, values: [runID]).rows.map { row in
            Array(try row.map(PostgreSQLResultValue.value).prefix(columns.count))
        }
    }
}

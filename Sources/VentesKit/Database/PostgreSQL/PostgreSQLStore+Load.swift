import Foundation
import PostgresNIO

extension PostgreSQLStore {
    /// What `load` copied: rows per table, and the sales' total revenue on both sides.
    public struct LoadSummary: Sendable {
        public var rows: [(table: String, count: Int)]
        public var salesRevenueCents: Int64
        public var analysisRuns: Int
    }

    /// Why a copy was refused or did not check out.
    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Copies `tables` and the stored rows of `runs` into this store's schema, which must hold no
    /// import, sale nor analysis run, in one transaction; then checks that every table holds as many
    /// rows as given and the sales the same total revenue, or rolls everything back.
    public func load(_ tables: [StoredTable], runs: [AnalysisRun]) throws -> LoadSummary {
        try write {
            try connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKeySQL))", values: [address.schema, "import"])
            let existing = try connection.query("""
                SELECT (SELECT COUNT(*) FROM import_run), (SELECT COUNT(*) FROM sale), (SELECT COUNT(*) FROM analysis_run)
                """).rows.first!.decode((Int64, Int64, Int64).self)
            guard existing == (0, 0, 0) else {
                throw LoadError(description: "\(location): schema \(address.schema) is not empty (\(existing.0) imports, \(existing.1) sales, \(existing.2) analysis runs): copy into a new schema (another schema= in the URL) or drop this one first")
            }
            var copied: [(table: String, count: Int)] = []
            for table in tables {
                // In slices, so that no statement binds more than a few megabytes.
                for first in stride(from: 0, to: table.rows.count, by: 50_000) {
                    try insert(StoredTable(name: table.name, columns: table.columns,
                                           rows: Array(table.rows[first..<min(first + 50_000, table.rows.count)])))
                }
                let count = Int(try connection.query("SELECT COUNT(*) FROM \(PostgreSQLIdentifier.quoted(table.name))")
                    .rows.first!.decode(Int64.self))
                guard count == table.rows.count else {
                    throw LoadError(description: "\(table.name): \(table.rows.count) rows to copy, \(count) in \(location); nothing was copied")
                }
                copied.append((table.name, count))
            }
            for (table, column) in [("import_run", "id"), ("analysis_run", "id"), ("rejected_row", "id"), ("refresh_cycle", "id")] {
                try connection.query("""
                    SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX(id) FROM \(table)), 0) + 1, false)
                    """, values: [table, column])
            }
            for run in runs {
                for result in run.results where result.error == nil {
                    try PostgreSQLResultTable.store(result, runID: run.id, on: connection)
                }
            }
            let revenue = try connection.query("SELECT COALESCE(SUM(revenue_cents), 0)::bigint FROM sale").rows.first!.decode(Int64.self)
            let expected = try Self.revenue(in: tables)
            guard revenue == expected else {
                throw LoadError(description: "sale: total revenue \(expected) cents to copy, \(revenue) in \(location); nothing was copied")
            }
            return LoadSummary(rows: copied, salesRevenueCents: revenue, analysisRuns: runs.count)
        }
    }

    private static func revenue(in tables: [StoredTable]) throws -> Int64 {
        guard let sale = tables.first(where: { $0.name == "sale" }),
              let column = sale.columns.firstIndex(of: "revenue_cents") else { return 0 }
        return sale.rows.reduce(0) { $0 + (Int64($1[column] ?? "0") ?? 0) }
    }

    /// One statement per table: each column as a text array and a NULL mask, cast by the server
    /// to the column's own type.
    private func insert(_ table: StoredTable) throws {
        guard !table.rows.isEmpty else { return }
        let types = Dictionary(uniqueKeysWithValues: try connection.query("""
            SELECT a.attname::text, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
            WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
            """, values: [PostgreSQLIdentifier.quoted(address.schema) + "." + PostgreSQLIdentifier.quoted(table.name)])
            .rows.map { try $0.decode((String, String).self) })
        var binds = PostgresBindings(capacity: 2 * table.columns.count)
        var arrays: [String] = []
        var values: [String] = []
        for (index, column) in table.columns.enumerated() {
            guard let type = types[column] else {
                throw LoadError(description: "\(table.name).\(column): no such column in \(location)")
            }
            binds.append(table.rows.map { $0[index] ?? "" })
            binds.append(table.rows.map { $0[index] == nil })
            arrays += ["$\(2 * index + 1)::text[]", "$\(2 * index + 2)::bool[]"]
            values.append("CASE WHEN n\(index) THEN NULL ELSE c\(index)::\(type) END")
        }
        let aliases = table.columns.indices.flatMap { ["c\($0)", "n\($0)"] }.joined(separator: ", ")
        let columns = table.columns.map(PostgreSQLIdentifier.quoted).joined(separator: ", ")
        try connection.query("""
            INSERT INTO \(PostgreSQLIdentifier.quoted(table.name)) (\(columns))
            SELECT \(values.joined(separator: ", ")) FROM unnest(\(arrays.joined(separator: ", "))) AS t(\(aliases))
            """, binds)
    }
}

import Foundation
import PostgresNIO

/// `ventes migrate` into PostgreSQL: another store's whole content copied into this empty schema.
extension PostgreSQLStore: CopyTarget {
    /// The tables whose ids come from a sequence, which must continue after the copied ids.
    private static let tablesWithSequences = ["import_run", "analysis_run", "rejected_row", "refresh_cycle"]

    public func receiveCopy(from source: any CopySource) throws -> StoreFingerprint {
        try write {
            // No import may start in this schema while it is filled.
            try connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKeySQL))", values: [address.schema, "import"])
            let own = try connection.query("""
                SELECT table_name::text FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migration'
                ORDER BY table_name
                """).rows.map { try $0.decode(String.self) }
            var holding: [String] = []
            for table in own {
                let count = try count(table)
                if count > 0 { holding.append("\(table): \(count) rows") }
            }
            guard holding.isEmpty else { throw StoreCopyError.targetNotEmpty(target: location, tables: holding) }

            var copiedNames: [String] = []
            // An analysis's rows are stored run by run (column types chosen from the values, as the
            // analyses do); result tables are small next to the sales.
            var results: [String: (table: CopiedTable, rows: [[ResultValue]])] = [:]
            var columnTypes: [String] = []
            let expected = try source.copyContent { table, rows in
                if copiedNames.last != table.name {
                    copiedNames.append(table.name)
                    if !table.isAnalysisResult {
                        guard own.contains(table.name) else { throw StoreCopyError.unknownTable(target: location, table: table.name) }
                        columnTypes = try self.columnTypes(of: table)
                    }
                }
                if table.isAnalysisResult {
                    results[table.name, default: (table, [])].rows += rows
                } else {
                    try insert(rows, into: table, types: columnTypes)
                }
            }
            for (table, rows) in results.values.sorted(by: { $0.table.name < $1.table.name }) {
                try storeResults(rows, of: table)
            }
            for table in Self.tablesWithSequences {
                try connection.query("""
                    SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE((SELECT MAX(id) FROM \(PostgreSQLIdentifier.quoted(table))), 0) + 1, false)
                    """, values: [table])
            }
            var counts: [String: Int64] = [:]
            for table in copiedNames { counts[table] = try count(table) }
            var units: Int64 = 0, revenue: Int64 = 0
            if let row = try connection.query("SELECT COALESCE(SUM(quantity), 0)::bigint, COALESCE(SUM(revenue_cents), 0)::bigint FROM sale").rows.first {
                (units, revenue) = try row.decode((Int64, Int64).self)
            }
            let copied = StoreFingerprint(rowCounts: counts, saleUnits: units, saleRevenueCents: Cents(revenue))
            let differences = expected.differences(from: copied)
            guard differences.isEmpty else { throw StoreCopyError.mismatch(target: location, differences: differences) }
            return copied
        }
    }

    private func count(_ table: String) throws -> Int64 {
        try connection.query("SELECT COUNT(*) FROM \(PostgreSQLIdentifier.quoted(table))").rows.first?.decode(Int64.self) ?? 0
    }

    /// The type of each of `table`'s columns in this schema, in the table's column order.
    private func columnTypes(of table: CopiedTable) throws -> [String] {
        let types = Dictionary(uniqueKeysWithValues: try connection.query("""
            SELECT a.attname::text, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
            WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
            """, values: [PostgreSQLIdentifier.quoted(address.schema) + "." + PostgreSQLIdentifier.quoted(table.name)])
            .rows.map { try $0.decode((String, String).self) })
        return try table.columns.map { column in
            guard let type = types[column] else {
                throw StoreCopyError.unknownTable(target: location, table: "\(table.name).\(column)")
            }
            return type
        }
    }

    /// One statement per chunk: each column bound as a text array with a NULL mask beside it, cast
    /// by the server to the column's own type (`types`, in column order).
    private func insert(_ rows: [[ResultValue]], into table: CopiedTable, types: [String]) throws {
        guard !rows.isEmpty else { return }
        var binds = PostgresBindings(capacity: 2 * table.columns.count)
        var arrays: [String] = []
        var values: [String] = []
        for (index, type) in types.enumerated() {
            let texts = rows.map { Self.text($0[index]) }
            binds.append(texts.map { $0 ?? "" })
            binds.append(texts.map { $0 == nil })
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

    /// Stores the rows of a result table run by run, in row order, as the analyses store them.
    private func storeResults(_ rows: [[ResultValue]], of table: CopiedTable) throws {
        guard let name = table.analysisName else { return }
        func integer(_ value: ResultValue) -> Int64 {
            if case .integer(let int) = value { return int }
            return 0
        }
        let ordered = rows.sorted { (integer($0[0]), integer($0[1])) < (integer($1[0]), integer($1[1])) }
        let columns = table.resultColumns.map(ResultColumn.init(sqlName:))
        if ordered.isEmpty {
            // Created with its columns, as the source has it, though no run stored a row.
            try PostgreSQLResultTable.store(AnalysisResult(name: name, question: "", columns: columns, rows: []), runID: 0, on: connection)
        }
        var first = ordered.startIndex
        while first < ordered.endIndex {
            let runID = integer(ordered[first][0])
            let end = ordered[first...].firstIndex { integer($0[0]) != runID } ?? ordered.endIndex
            let result = AnalysisResult(name: name, question: "", columns: columns,
                                        rows: ordered[first..<end].map { Array($0.dropFirst(2)) })
            try PostgreSQLResultTable.store(result, runID: runID, on: connection)
            first = end
        }
    }

    private static func text(_ value: ResultValue) -> String? {
        switch value {
        case .null: return nil
        case .integer(let int): return String(int)
        case .real(let double): return String(double)
        case .text(let text): return text
        }
    }
}

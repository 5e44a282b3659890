import GRDB

/// `ventes migrate` on SQLite: the whole database read as tables from one snapshot, and an empty
/// database filled from another store in one transaction.
extension SQLiteStore: CopySource, CopyTarget {
    /// Rows handed to the sink at a time: large enough that a chunk costs little, small enough that
    /// a 10M-sale table never sits in memory whole.
    static let copyChunkRows = 10_000

    public func copyContent(_ sink: (CopiedTable, [[ResultValue]]) throws -> Void) throws -> StoreFingerprint {
        try read { db in
            let tables = try Self.copiedTables(db)
            for table in tables {
                try sink(table, [])
                let columns = table.columns.map(Self.quotedIdentifier).joined(separator: ", ")
                let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM \(Self.quotedIdentifier(table.name))")
                var chunk: [[ResultValue]] = []
                chunk.reserveCapacity(Self.copyChunkRows)
                while let row = try cursor.next() {
                    chunk.append((0..<row.count).map { Self.resultValue(row[$0] as DatabaseValue) })
                    if chunk.count == Self.copyChunkRows {
                        try sink(table, chunk)
                        chunk.removeAll(keepingCapacity: true)
                    }
                }
                if !chunk.isEmpty { try sink(table, chunk) }
            }
            return try Self.fingerprint(db, tables: tables)
        }
    }

    public func receiveCopy(from source: any CopySource) throws -> StoreFingerprint {
        try write { db in
            let own = try Self.copiedTables(db)
            let holding = try own.compactMap { table -> String? in
                let count = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM \(Self.quotedIdentifier(table.name))") ?? 0
                return count > 0 ? "\(table.name): \(count) rows" : nil
            }
            guard holding.isEmpty else { throw StoreCopyError.targetNotEmpty(target: location, tables: holding) }
            let known = Set(own.map(\.name))
            var insert: (table: String, statement: Statement)?
            let expected = try source.copyContent { table, rows in
                if insert?.table != table.name {
                    if table.isAnalysisResult, !known.contains(table.name), let name = table.analysisName {
                        try Self.createResultTable(named: name, columns: table.resultColumns, in: db)
                    } else if !known.contains(table.name) {
                        throw StoreCopyError.unknownTable(target: location, table: table.name)
                    }
                    let columns = table.columns.map(Self.quotedIdentifier).joined(separator: ", ")
                    let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                    insert = (table.name, try db.makeStatement(
                        sql: "INSERT INTO \(Self.quotedIdentifier(table.name)) (\(columns)) VALUES (\(placeholders))"))
                }
                guard let statement = insert?.statement else { return }
                for row in rows {
                    try statement.execute(arguments: StatementArguments(row.map(Self.databaseValue)))
                }
            }
            let copied = try Self.fingerprint(db, tables: Self.copiedTables(db))
            let differences = expected.differences(from: copied)
            guard differences.isEmpty else { throw StoreCopyError.mismatch(target: location, differences: differences) }
            return copied
        }
    }

    /// The tables of the database that hold data (SQLite's and GRDB's own left out: the target runs
    /// its own migrations), each after the tables it refers to.
    private static func copiedTables(_ db: Database) throws -> [CopiedTable] {
        let names = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'grdb\\_%' ESCAPE '\\'
            ORDER BY rowid
            """)
        var parents: [String: Set<String>] = [:]
        for name in names {
            parents[name] = Set(try db.foreignKeys(on: name).map(\.destinationTable)).subtracting([name])
        }
        var ordered: [String] = []
        var placed = Set<String>()
        while ordered.count < names.count {
            let ready = names.filter { !placed.contains($0) && parents[$0, default: []].isSubset(of: placed) }
            // A cycle of references would stop the sort: take the rest in creation order.
            let next = ready.isEmpty ? names.filter { !placed.contains($0) } : ready
            ordered += next
            placed.formUnion(next)
        }
        return try ordered.map { name in CopiedTable(name: name, columns: try db.columns(in: name).map(\.name)) }
    }

    private static func fingerprint(_ db: Database, tables: [CopiedTable]) throws -> StoreFingerprint {
        var counts: [String: Int64] = [:]
        for table in tables {
            counts[table.name] = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM \(quotedIdentifier(table.name))") ?? 0
        }
        let totals = try Row.fetchOne(db, sql: "SELECT COALESCE(SUM(quantity), 0) AS units, COALESCE(SUM(revenue_cents), 0) AS revenue FROM sale")
        return StoreFingerprint(rowCounts: counts, saleUnits: totals?["units"] ?? 0, saleRevenueCents: Cents(totals?["revenue"] ?? 0))
    }

    static func quotedIdentifier(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func resultValue(_ value: DatabaseValue) -> ResultValue {
        switch value.storage {
        case .null: return .null
        case .int64(let int): return .integer(int)
        case .double(let double): return .real(double)
        case .string(let text): return .text(text)
        // No table of ventes holds a blob; one an analyst's query made is kept as text.
        case .blob(let data): return .text(String(decoding: data, as: UTF8.self))
        }
    }

    private static func databaseValue(_ value: ResultValue) -> DatabaseValue {
        switch value {
        case .null: return .null
        case .integer(let int): return int.databaseValue
        case .real(let double): return double.databaseValue
        case .text(let text): return text.databaseValue
        }
    }
}

import GRDB

extension SQLiteStore {
    /// Every table of `StoredTable.copiedTables`, whole, in one read transaction (one snapshot).
    public func exportTables() throws -> [StoredTable] {
        try read { db in
            try StoredTable.copiedTables.map { name in
                let columns = try db.columns(in: name).map(\.name)
                let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                var rows: [[String?]] = []
                let cursor = try Row.fetchCursor(db, sql: "SELECT \(list) FROM \"\(name)\"")
                while let row = try cursor.next() {
                    rows.append(row.databaseValues.map { value in
                        switch value.storage {
                        case .null: return nil
                        case .int64(let int): return String(int)
                        case .double(let double): return String(double)
                        case .string(let text): return text
                        case .blob(let data): return String(decoding: data, as: UTF8.self)
                        }
                    })
                }
                return StoredTable(name: name, columns: columns, rows: rows)
            }
        }
    }
}

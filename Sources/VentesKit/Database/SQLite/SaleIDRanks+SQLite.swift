import GRDB
import GRDBSQLite

extension SaleIDRanks {
    /// The two tables whose ids sales name.
    enum Table {
        case store, product

        var sql: String {
            switch self {
            case .store: "SELECT CAST(id AS BLOB) FROM store ORDER BY id"
            case .product: "SELECT CAST(id AS BLOB) FROM product ORDER BY id"
            }
        }
    }

    /// The ids of `table`, read in `sale`'s key order (BINARY collation) through the C API.
    init(_ db: Database, table: Table) throws {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        let statement = try db.makeStatement(sql: table.sql)
        let handle = statement.sqliteStatement
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                    sql: statement.sql)
            }
            let count = Int(sqlite3_column_bytes(handle, 0))
            if count > 0, let blob = sqlite3_column_blob(handle, 0) {
                bytes.append(contentsOf: UnsafeRawBufferPointer(start: blob, count: count))
            }
            ends.append(bytes.count)
        }
        sqlite3_reset(handle)
        self.init(bytes: bytes, ends: ends)
    }
}

import GRDB
import GRDBSQLite

/// Tells, after a chunk of sales was inserted with `ON CONFLICT DO NOTHING`, which of them were
/// not: a sale was inserted when the row under its key is this import's, from its line.
///
/// Asked only for chunks where SQLite inserted fewer rows than given (an export repeats 0.5% of its
/// rows: one chunk in three has one), and only until the chunk's duplicates are all found. Bound
/// through SQLite's C API from the batch's buffer, as the insert is: through GRDB's
/// `Row.fetchOne` these lookups took the first import of 1M sales from 1.4 s to 3.4 s.
struct SaleDuplicateLookup {
    private let statement: Statement
    private let importID: Int64

    init(db: Database, importID: Int64) throws {
        statement = try db.makeStatement(sql: """
            SELECT import_id, line FROM sale WHERE date = ?1 AND store_id = ?2 AND product_id = ?3 AND quantity = ?4 AND sale_ref = ?5
            """)
        self.importID = importID
    }

    /// The sales of `sales[first..<first + count]` that were not inserted, `duplicates` of them.
    func duplicates(in sales: SaleBatch, from first: Int, count: Int, expecting duplicates: Int) throws -> [Int] {
        var found: [Int] = []
        let handle = statement.sqliteStatement
        try sales.text.withUnsafeBufferPointer { text in
            try text.withMemoryRebound(to: CChar.self) { text in
                guard let base = text.baseAddress else { return }
                for index in first..<(first + count) where found.count < duplicates {
                    let texts = index * SaleBatch.textsPerSale
                    func bind(_ parameter: Int32, _ field: Int) {
                        let end = sales.textEnds[texts + field]
                        let start = texts + field == 0 ? 0 : sales.textEnds[texts + field - 1]
                        sqlite3_bind_text(handle, parameter, base + start, Int32(end - start), nil)
                    }
                    sqlite3_reset(handle)
                    bind(1, 1)  // date
                    bind(2, 0)  // store_id
                    bind(3, 2)  // product_id
                    let numbers = sales.numbers(ofSale: index)
                    sqlite3_bind_int64(handle, 4, numbers.quantity)
                    bind(5, 3)  // sale_ref
                    let code = sqlite3_step(handle)
                    let inserted = code == SQLITE_ROW
                        && sqlite3_column_int64(handle, 0) == importID && sqlite3_column_int64(handle, 1) == numbers.line
                    sqlite3_reset(handle)
                    // The texts were bound in place: no statement may keep pointers into the buffer.
                    sqlite3_clear_bindings(handle)
                    guard code == SQLITE_ROW || code == SQLITE_DONE else {
                        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "looking up a duplicate sale failed",
                                            sql: statement.sql)
                    }
                    if !inserted { found.append(index) }
                }
            }
        }
        return found
    }
}

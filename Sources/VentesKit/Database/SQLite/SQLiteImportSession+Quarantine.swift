import GRDB
import GRDBSQLite

extension SQLiteImportSession {
    /// Rows per quarantine INSERT (see `salesPerStatement`: the same reasons, the same measure).
    static let rejectedLinesPerStatement = 64

    /// Puts rows in quarantine, in order (each with its own file, usually one file's).
    ///
    /// The bulk path of a sales file whose rows may nearly all be refused (the export arrived
    /// before the new catalogue): many rows per statement, bound through SQLite's C API as
    /// `insertSales` does, so that refusing a row costs about what importing one does (building
    /// GRDB `StatementArguments` per row took most of the writing thread's time).
    func quarantine(_ rows: [QuarantinedRow]) throws {
        var first = 0
        while first < rows.count {
            let count = min(Self.rejectedLinesPerStatement, rows.count - first)
            let statement = try db.cachedStatement(
                sql: count == Self.rejectedLinesPerStatement ? Self.fullQuarantineSQL : Self.quarantineSQL(rows: count))
            let handle = statement.sqliteStatement
            sqlite3_reset(handle)
            sqlite3_bind_int64(handle, 1, importID)
            var parameter: Int32 = 2
            for row in rows[first..<first + count] {
                try bindText(handle, parameter, row.kind.rawValue)
                try bindText(handle, parameter + 1, row.source)
                sqlite3_bind_int64(handle, parameter + 2, Int64(row.line))
                try bindText(handle, parameter + 3, row.rawText)
                try bindText(handle, parameter + 4, row.reason.description)
                sqlite3_bind_int64(handle, parameter + 5, row.dependsOnData ? 1 : 0)
                parameter += 6
            }
            let code = sqlite3_step(handle)
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            guard code == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
            }
            first += count
        }
    }

    /// The statement of a full chunk, built once.
    private static let fullQuarantineSQL = quarantineSQL(rows: rejectedLinesPerStatement)

    /// `INSERT … VALUES` for `rows` refused rows: parameter 1 (the import) is shared by every row;
    /// each row binds six more.
    private static func quarantineSQL(rows: Int) -> String {
        let values = (0..<rows).map { row in
            let first = 2 + row * 6
            return "(?1, " + (first..<first + 6).map { "?\($0)" }.joined(separator: ", ") + ")"
        }
        return """
            INSERT INTO rejected_row (import_id, kind, source, line, raw_text, reason, depends_on_data)
            VALUES \(values.joined(separator: ", "))
            """
    }

    /// Binds `text` as a copy (SQLite keeps it past the call), NUL bytes included.
    private func bindText(_ handle: OpaquePointer?, _ index: Int32, _ text: String) throws {
        var text = text
        let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
        let code = text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else {
                // An empty buffer may have no address, which SQLite would take for NULL.
                return sqlite3_bind_text(handle, index, "", 0, transient)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { text in
                sqlite3_bind_text(handle, index, text, Int32(bytes.count), transient)
            }
        }
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}

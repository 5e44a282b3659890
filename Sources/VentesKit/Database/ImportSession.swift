import Foundation
import GRDB
import GRDBSQLite

/// What an upsert of a store or product did.
public enum UpsertOutcome: Sendable {
    case inserted, updated, unchanged
}

/// What the database remembers of the last import of a file.
public struct PreviousFileImport: Sendable {
    public var importID: Int64
    public var sha256: String
    public var bytes: Int
    public var delimiter: String
    public var encoding: String
    public var read: Int
    public var rejected: Int
    public var lines: Int
    public var endsWithLineFeed: Bool
    public var dateFormat: DateColumnFormat?
    public var dateFormatOrigin: DialectOrigin?

    static func fetch(_ db: Database, kind: FileKind, source: String) throws -> PreviousFileImport? {
        try Row.fetchOne(db, sql: """
            SELECT import_id, sha256, bytes, delimiter, encoding, read, rejected, lines, ends_with_line_feed,
                   date_format, date_format_origin
            FROM import_file WHERE kind = ? AND source = ? ORDER BY import_id DESC LIMIT 1
            """, arguments: [kind.rawValue, source]).map { row in
            PreviousFileImport(
                importID: row["import_id"], sha256: row["sha256"], bytes: row["bytes"], delimiter: row["delimiter"],
                encoding: row["encoding"], read: row["read"], rejected: row["rejected"], lines: row["lines"],
                endsWithLineFeed: row["ends_with_line_feed"],
                dateFormat: (row["date_format"] as String?).flatMap(DateColumnFormat.init(rawValue:)),
                dateFormatOrigin: (row["date_format_origin"] as String?).flatMap(DialectOrigin.init(rawValue:)))
        }
    }
}

/// The writes of one import, inside its single transaction.
///
/// Handed to the importer by `VentesDatabase.performImport`; it is only valid inside that call.
public final class ImportSession {
    let db: Database
    /// The audit id of this import.
    public let importID: Int64

    /// The sale insert for a full chunk of rows, prepared once per import (it runs for every
    /// `salesPerStatement` rows).
    private let insertSalesStatement: Statement

    /// Rows per sale INSERT. One statement for many rows keeps SQLite's write cursor open from row
    /// to row, so rows in key order are appended without a search from the root each time, and the
    /// per-statement cost (reset, step, halt) is paid once per chunk. Writing thread CPU for 1M
    /// sales: 16 rows 1.02 s, 32 0.95 s, 64 0.93 s, 128 1.0 s, 256 1.02 s, 1024 1.08 s (longer
    /// statements bind, reset and clear more parameters than they save).
    static let salesPerStatement = 64

    init(db: Database, importID: Int64) throws {
        self.db = db
        self.importID = importID
        insertSalesStatement = try db.makeStatement(sql: Self.insertSalesSQL(rows: Self.salesPerStatement))
    }

    /// `INSERT … VALUES` for `rows` sales: parameter 1 is the import id, shared by every row; each
    /// row binds eight more (see `insert(_:from:count:with:)`).
    private static func insertSalesSQL(rows: Int) -> String {
        let values = (0..<rows).map { row in
            let first = 2 + row * 8
            let own = (first..<first + 8).map { "?\($0)" }
            return "(\(own[0...6].joined(separator: ", ")), ?1, \(own[7]))"
        }
        return """
            INSERT INTO sale (store_id, date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, import_id, line)
            VALUES \(values.joined(separator: ", "))
            ON CONFLICT DO NOTHING
            """
    }

    /// Inserts the store, or updates it when a field changed.
    public func upsertStore(_ row: StoreRow) throws -> UpsertOutcome {
        let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT city, region, employees FROM store WHERE id = ?"), arguments: [row.id])
        guard let existing else {
            try db.cachedStatement(sql: "INSERT INTO store (id, city, region, employees, import_id) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [row.id, row.city, row.region, row.employees, importID])
            return .inserted
        }
        if existing["city"] == row.city && existing["region"] == row.region && existing["employees"] == row.employees {
            return .unchanged
        }
        try db.cachedStatement(sql: "UPDATE store SET city = ?, region = ?, employees = ?, import_id = ? WHERE id = ?")
            .execute(arguments: [row.city, row.region, row.employees, importID, row.id])
        return .updated
    }

    /// Inserts the product, or updates it when a field changed; a new price starts a new
    /// entry in the price history and applies to sales imported from now on.
    public func upsertProduct(_ row: ProductRow) throws -> UpsertOutcome {
        let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT name, price_cents, stock FROM product WHERE id = ?"), arguments: [row.id])
        let outcome: UpsertOutcome
        if let existing {
            let priceChanged = existing["price_cents"] != row.price.value
            if !priceChanged && existing["name"] == row.name && existing["stock"] == row.stock { return .unchanged }
            try db.cachedStatement(sql: "UPDATE product SET name = ?, price_cents = ?, stock = ?, import_id = ? WHERE id = ?")
                .execute(arguments: [row.name, row.price.value, row.stock, importID, row.id])
            outcome = .updated
            if !priceChanged { return outcome }
        } else {
            try db.cachedStatement(sql: "INSERT INTO product (id, name, price_cents, stock, import_id) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [row.id, row.name, row.price.value, row.stock, importID])
            outcome = .inserted
        }
        try db.cachedStatement(sql: """
            INSERT INTO product_price (product_id, import_id, price_cents) VALUES (?, ?, ?)
            ON CONFLICT (product_id, import_id) DO UPDATE SET price_cents = excluded.price_cents
            """).execute(arguments: [row.id, importID, row.price.value])
        return outcome
    }

    /// The current price of every product, with its id (ids are distinct byte strings, which two
    /// Unicode-equivalent Swift strings may not be as dictionary keys).
    ///
    /// An id that does not read back as the same bytes (a NUL or invalid UTF-8, written by another
    /// tool) is left out: no sale can be matched to it byte for byte.
    public func currentPrices() throws -> [(id: String, price: Cents)] {
        var prices: [(id: String, price: Cents)] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT id, length(CAST(id AS BLOB)) AS bytes, price_cents FROM product")
        while let row = try rows.next() {
            let id: String = row["id"]
            if id.utf8.count == row["bytes"] { prices.append((id, Cents(row["price_cents"]))) }
        }
        return prices
    }

    /// The id of every store (those that read back as their own bytes: see `currentPrices()`).
    public func storeIDs() throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT id, length(CAST(id AS BLOB)) AS bytes FROM store").compactMap { row in
            let id: String = row["id"]
            return id.utf8.count == row["bytes"] ? id : nil
        }
    }

    /// Inserts `sales` in the given order; returns how many were new, the others being duplicates
    /// of a sale already there (or earlier in `sales`).
    ///
    /// The hot path of an import: statements are bound through SQLite's C API, which took the
    /// per-row cost of building GRDB `StatementArguments` out of a million-row import.
    func insertSales(_ sales: SaleValues) throws -> Int {
        var inserted = 0
        var first = 0
        while first < sales.count {
            let count = min(Self.salesPerStatement, sales.count - first)
            let statement = count == Self.salesPerStatement
                ? insertSalesStatement
                : try db.cachedStatement(sql: Self.insertSalesSQL(rows: count))
            inserted += try insert(sales, from: first, count: count, with: statement)
            first += count
        }
        return inserted
    }

    private func insert(_ sales: SaleValues, from first: Int, count: Int, with statement: Statement) throws -> Int {
        let handle = statement.sqliteStatement
        let code = sales.text.withUnsafeBufferPointer { text in
            text.withMemoryRebound(to: CChar.self) { text in
                sales.textEnds.withUnsafeBufferPointer { ends in
                    sales.numbers.withUnsafeBufferPointer { numbers in
                        sqlite3_reset(handle)
                        sqlite3_bind_int64(handle, 1, importID)
                        // Never nil: every sale has a date, ten bytes of text.
                        let base = text.baseAddress!
                        var textIndex = first * SaleValues.textsPerSale
                        var textStart = textIndex == 0 ? 0 : ends[textIndex - 1]
                        func bindNextText(_ parameter: Int32) {
                            let end = ends[textIndex]
                            sqlite3_bind_text(handle, parameter, base + textStart, Int32(end - textStart), nil)
                            textStart = end
                            textIndex += 1
                        }
                        var parameter: Int32 = 1
                        var number = first * SaleValues.numbersPerSale
                        for _ in 0..<count {
                            bindNextText(parameter + 1)                                     // store_id
                            bindNextText(parameter + 2)                                     // date
                            bindNextText(parameter + 3)                                     // product_id
                            sqlite3_bind_int64(handle, parameter + 4, numbers[number])      // quantity
                            bindNextText(parameter + 5)                                     // sale_ref
                            sqlite3_bind_int64(handle, parameter + 6, numbers[number + 1])  // unit_price_cents
                            sqlite3_bind_int64(handle, parameter + 7, numbers[number + 2])  // revenue_cents
                            sqlite3_bind_int64(handle, parameter + 8, numbers[number + 3])  // line
                            parameter += 8
                            number += SaleValues.numbersPerSale
                        }
                        let code = sqlite3_step(handle)
                        sqlite3_reset(handle)
                        // The texts were bound in place: no statement may keep pointers into the buffer.
                        sqlite3_clear_bindings(handle)
                        return code
                    }
                }
            }
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                sql: statement.sql)
        }
        return Int(sqlite3_changes(db.sqliteConnection))
    }

    /// Puts a row in quarantine.
    public func quarantine(_ rejection: RejectedRow) throws {
        try db.cachedStatement(sql: """
            INSERT INTO rejected_row (import_id, kind, source, line, raw_text, reason, depends_on_data)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [importID, rejection.kind.rawValue, rejection.source, rejection.line,
                                     rejection.rawText, rejection.reason, rejection.dependsOnData])
    }

    /// The last import of `source` as a file of `kind`, for reading only what was added since.
    public func previousImport(of kind: FileKind, source: String) throws -> PreviousFileImport? {
        try PreviousFileImport.fetch(db, kind: kind, source: source)
    }

    /// The rows of `source` that import `importID` quarantined, in file order.
    public func quarantinedRows(importID: Int64, kind: FileKind, source: String) throws -> [RejectedRow] {
        try Row.fetchAll(db, sql: """
            SELECT line, raw_text, reason, depends_on_data FROM rejected_row
            WHERE import_id = ? AND kind = ? AND source = ? ORDER BY line
            """, arguments: [importID, kind.rawValue, source]).map { row in
            RejectedRow(kind: kind, source: source, line: row["line"], rawText: row["raw_text"], reason: row["reason"],
                        dependsOnData: row["depends_on_data"])
        }
    }

    /// Records what one file of the import held and what became of it.
    public func recordFile(_ file: FileImportSummary) throws {
        try db.execute(literal: """
            INSERT INTO import_file (import_id, kind, source, sha256, bytes, delimiter, encoding,
                read, inserted, updated, unchanged, duplicates, rejected, ignored_columns,
                lines, ends_with_line_feed, resumed_from_import,
                decimal_separator, date_format, date_format_origin, byte_order_mark, header_text)
            VALUES (\(importID), \(file.kind.rawValue), \(file.source), \(file.sha256), \(file.bytes),
                \(file.delimiter), \(file.encoding), \(file.counts.read), \(file.counts.inserted),
                \(file.counts.updated), \(file.counts.unchanged), \(file.counts.duplicates),
                \(file.counts.rejected), \(file.ignoredColumns.joined(separator: ", ")),
                \(file.lines), \(file.endsWithLineFeed), \(file.resumedFrom),
                \(file.decimalSeparator?.rawValue), \(file.dateFormat?.rawValue), \(file.dateFormatOrigin?.rawValue),
                \(file.hasByteOrderMark), \(file.headerText))
            """)
    }
}

extension VentesDatabase {
    /// The last import of `source` as a file of `kind` (read outside any import).
    public func previousImport(of kind: FileKind, source: String) throws -> PreviousFileImport? {
        try writer.read { db in try PreviousFileImport.fetch(db, kind: kind, source: source) }
    }

    /// Runs `body` as one import: a single immediate transaction, recorded in the audit.
    ///
    /// Throwing from `body` rolls everything back: the database is left as it was.
    public func performImport<T>(
        startedAt: Date, strict: Bool, finishedAt: () -> Date, _ body: (ImportSession) throws -> T
    ) throws -> T {
        try writer.writeWithoutTransaction { db in
            // SQLite's per-row foreign key checks are off for the import's transaction (the pragma
            // cannot change inside one): the importer only writes a sale whose product and store it
            // found in the same transaction (it must, to price it or to say why it is refused), and
            // the checks cost three index searches per sale, more than the sale's own insert. The
            // keys stay declared and enforced on every other write; tests check
            // `PRAGMA foreign_key_check` after imports.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            let outcome = Result { () throws -> T in
                var result: T?
                try db.inTransaction(.immediate) {
                    try db.execute(literal: """
                        INSERT INTO import_run (started_at, strict) VALUES (\(Timestamp.iso8601(startedAt)), \(strict))
                        """)
                    let session = try ImportSession(db: db, importID: db.lastInsertedRowID)
                    result = try body(session)
                    try db.execute(literal: """
                        UPDATE import_run SET finished_at = \(Timestamp.iso8601(finishedAt())) WHERE id = \(session.importID)
                        """)
                    return .commit
                }
                return result!
            }
            // Back on for every later write of this connection; the pragma is silently ignored
            // inside a transaction, so check that it took.
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            guard try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") == true else {
                var saved = false
                if case .success = outcome { saved = true }
                throw DatabaseError(message: "foreign key checks could not be turned back on after the import"
                                    + (saved ? " (the import itself was saved)" : ""))
            }
            return try outcome.get()
        }
    }
}

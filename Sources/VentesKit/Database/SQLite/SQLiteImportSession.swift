import Foundation
import GRDB
import GRDBSQLite

extension PreviousFileImport {
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
/// Handed to the importer by `SQLiteStore.performImport`; it is only valid inside that call.
final class SQLiteImportSession: ImportTransaction {
    let db: Database
    /// The audit id of this import.
    let importID: Int64

    /// What the sales inserted so far add to the summary tables (written by `finish()`).
    private var totals = SaleTotals()

    /// The sale insert for a full chunk of rows, prepared once per import (it runs for every
    /// `salesPerStatement` rows).
    private let insertSalesStatement: Statement
    /// Finds the sales of a chunk that were not inserted.
    private let duplicateLookup: SaleDuplicateLookup

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
        duplicateLookup = try SaleDuplicateLookup(db: db, importID: importID)
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
    func upsertStore(_ row: StoreRecord) throws -> UpsertOutcome {
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
    func upsertProduct(_ row: ProductRecord) throws -> UpsertOutcome {
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
    func currentPrices() throws -> [(id: String, price: Cents)] {
        var prices: [(id: String, price: Cents)] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT id, length(CAST(id AS BLOB)) AS bytes, price_cents FROM product")
        while let row = try rows.next() {
            let id: String = row["id"]
            if id.utf8.count == row["bytes"] { prices.append((id, Cents(row["price_cents"]))) }
        }
        return prices
    }

    /// The id of every store (those that read back as their own bytes: see `currentPrices()`).
    func storeIDs() throws -> [String] {
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
    func insertSales(_ sales: SaleBatch) throws -> Int {
        var inserted = 0
        var first = 0
        var batchTotals = sales.totals
        while first < sales.count {
            let count = min(Self.salesPerStatement, sales.count - first)
            let statement = count == Self.salesPerStatement
                ? insertSalesStatement
                : try db.cachedStatement(sql: Self.insertSalesSQL(rows: count))
            let new = try insert(sales, from: first, count: count, with: statement)
            if new < count { try takeOutDuplicates(of: sales, from: first, count: count, inserted: new, from: &batchTotals) }
            inserted += new
            first += count
        }
        totals.add(batchTotals)
        return inserted
    }

    /// Takes the sales of the chunk that were not inserted (duplicates) out of `totals`.
    private func takeOutDuplicates(of sales: SaleBatch, from first: Int, count: Int, inserted: Int,
                                   from totals: inout SaleTotals) throws {
        for index in try duplicateLookup.duplicates(in: sales, from: first, count: count, expecting: count - inserted) {
            let texts = sales.texts(ofSale: index)
            let numbers = sales.numbers(ofSale: index)
            totals.subtract(date: texts.date, storeID: texts.storeID, productID: texts.productID,
                            SaleFigures(sales: 1, units: numbers.quantity, revenueCents: numbers.revenue))
        }
    }

    /// Writes what this import's sales add to the summary tables; called once, before the commit.
    func finish() throws {
        try SaleTotalsTables.add(totals, in: db)
        totals = SaleTotals()
    }

    private func insert(_ sales: SaleBatch, from first: Int, count: Int, with statement: Statement) throws -> Int {
        let handle = statement.sqliteStatement
        let code = sales.text.withUnsafeBufferPointer { text in
            text.withMemoryRebound(to: CChar.self) { text in
                sales.textEnds.withUnsafeBufferPointer { ends in
                    sales.numbers.withUnsafeBufferPointer { numbers in
                        sqlite3_reset(handle)
                        sqlite3_bind_int64(handle, 1, importID)
                        // Every sale has a date, ten bytes of text: an empty buffer is a batch of no sale.
                        guard let base = text.baseAddress else { return SQLITE_MISUSE }
                        var textIndex = first * SaleBatch.textsPerSale
                        var textStart = textIndex == 0 ? 0 : ends[textIndex - 1]
                        func bindNextText(_ parameter: Int32) {
                            let end = ends[textIndex]
                            sqlite3_bind_text(handle, parameter, base + textStart, Int32(end - textStart), nil)
                            textStart = end
                            textIndex += 1
                        }
                        var parameter: Int32 = 1
                        var number = first * SaleBatch.numbersPerSale
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
                            number += SaleBatch.numbersPerSale
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

    func previousImport(of kind: FileKind, source: String) throws -> PreviousFileImport? {
        try PreviousFileImport.fetch(db, kind: kind, source: source)
    }

    func quarantinedRows(importID: Int64, kind: FileKind, source: String) throws -> [QuarantinedRow] {
        try Row.fetchAll(db, sql: """
            SELECT line, raw_text, reason, depends_on_data FROM rejected_row
            WHERE import_id = ? AND kind = ? AND source = ? ORDER BY line
            """, arguments: [importID, kind.rawValue, source]).map { row in
            QuarantinedRow(importID: importID, kind: kind, source: source, line: row["line"], rawText: row["raw_text"],
                           reason: .recorded(row["reason"], dependsOnData: row["depends_on_data"]))
        }
    }

    func recordFile(_ file: FileAudit) throws {
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

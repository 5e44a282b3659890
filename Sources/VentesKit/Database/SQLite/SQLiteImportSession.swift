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
    var totals = SaleTotals()

    /// Holds back the sales of a file not in date order, to write them in key order at its end.
    let staging: SaleStaging

    /// The sale insert for a full chunk of rows, prepared once per import (it runs for every
    /// `salesPerStatement` rows).
    let insertSalesStatement: Statement

    /// Rows per sale INSERT. One statement for many rows keeps SQLite's write cursor open from row
    /// to row, so rows in key order are appended without a search from the root each time, and the
    /// per-statement cost (reset, step, halt) is paid once per chunk. Writing thread CPU for 1M
    /// sales: 16 rows 1.02 s, 32 0.95 s, 64 0.93 s, 128 1.0 s, 256 1.02 s, 1024 1.08 s (longer
    /// statements bind, reset and clear more parameters than they save).
    static let salesPerStatement = 64

    init(db: Database, importID: Int64, staging: SaleStaging.Policy = .standard) throws {
        self.db = db
        self.importID = importID
        self.staging = SaleStaging(policy: staging)
        insertSalesStatement = try db.makeStatement(sql: Self.insertSalesSQL(rows: Self.salesPerStatement))
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

    /// Writes what this import's sales add to the summary tables; called once, before the commit.
    func finish() throws {
        guard staging.heldBack == 0 else { throw StoreFailure(message: "internal error: sales held back were never written") }
        try SaleTotalsTables.add(totals, in: db)
        totals = SaleTotals()
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

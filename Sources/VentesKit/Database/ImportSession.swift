import Foundation
import GRDB

/// What an upsert of a store or product did.
public enum UpsertOutcome: Sendable {
    case inserted, updated, unchanged
}

/// The writes of one import, inside its single transaction.
///
/// Handed to the importer by `VentesDatabase.performImport`; it is only valid inside that call.
public final class ImportSession {
    private let db: Database
    /// The audit id of this import.
    public let importID: Int64

    init(db: Database, importID: Int64) {
        self.db = db
        self.importID = importID
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

    /// The current price of every product, by id.
    public func currentPrices() throws -> [String: Cents] {
        var prices: [String: Cents] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT id, price_cents FROM product")
        while let row = try rows.next() { prices[row["id"]] = Cents(row["price_cents"]) }
        return prices
    }

    /// The id of every store.
    public func storeIDs() throws -> Set<String> {
        try Set(String.fetchAll(db, sql: "SELECT id FROM store"))
    }

    /// Inserts a sale priced at `unitPrice`; returns false when its key is already there (a duplicate).
    public func insertSale(_ sale: SaleRow, unitPrice: Cents, line: Int) throws -> Bool {
        try db.cachedStatement(sql: """
            INSERT INTO sale (sale_ref, date, product_id, store_id, quantity, unit_price_cents, revenue_cents, import_id, line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """).execute(arguments: [
                sale.saleRef, sale.date.description, sale.productID, sale.storeID, sale.quantity,
                unitPrice.value, Int64(sale.quantity) * unitPrice.value, importID, line,
            ])
        return db.changesCount > 0
    }

    /// Puts a row in quarantine.
    public func quarantine(_ rejection: RejectedRow) throws {
        try db.cachedStatement(sql: """
            INSERT INTO rejected_row (import_id, kind, source, line, raw_text, reason) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [importID, rejection.kind.rawValue, rejection.source, rejection.line,
                                     rejection.rawText, rejection.reason])
    }

    /// Records what one file of the import held and what became of it.
    public func recordFile(_ file: FileImportSummary) throws {
        try db.execute(literal: """
            INSERT INTO import_file (import_id, kind, source, sha256, bytes, delimiter, encoding,
                read, inserted, updated, unchanged, duplicates, rejected, ignored_columns,
                decimal_separator, date_format, date_format_origin, byte_order_mark, header_text)
            VALUES (\(importID), \(file.kind.rawValue), \(file.source), \(file.sha256), \(file.bytes),
                \(file.delimiter), \(file.encoding), \(file.counts.read), \(file.counts.inserted),
                \(file.counts.updated), \(file.counts.unchanged), \(file.counts.duplicates),
                \(file.counts.rejected), \(file.ignoredColumns.joined(separator: ", ")),
                \(file.decimalSeparator?.rawValue), \(file.dateFormat?.rawValue), \(file.dateFormatOrigin?.rawValue),
                \(file.hasByteOrderMark), \(file.headerText))
            """)
    }
}

extension VentesDatabase {
    /// Runs `body` as one import: a single immediate transaction, recorded in the audit.
    ///
    /// Throwing from `body` rolls everything back: the database is left as it was.
    public func performImport<T>(
        startedAt: Date, strict: Bool, finishedAt: () -> Date, _ body: (ImportSession) throws -> T
    ) throws -> T {
        try writer.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                try db.execute(literal: """
                    INSERT INTO import_run (started_at, strict) VALUES (\(Timestamp.iso8601(startedAt)), \(strict))
                    """)
                let session = ImportSession(db: db, importID: db.lastInsertedRowID)
                result = try body(session)
                try db.execute(literal: """
                    UPDATE import_run SET finished_at = \(Timestamp.iso8601(finishedAt())) WHERE id = \(session.importID)
                    """)
                return .commit
            }
            return result!
        }
    }
}

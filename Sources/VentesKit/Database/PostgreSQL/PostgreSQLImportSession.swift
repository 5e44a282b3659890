import Foundation
import PostgresNIO

/// The writes of one import, inside its single transaction (see `PostgreSQLStore.performImport`).
final class PostgreSQLImportSession: ImportTransaction {
    let connection: PostgreSQLConnection
    let importID: Int64

    init(connection: PostgreSQLConnection, importID: Int64) {
        self.connection = connection
        self.importID = importID
    }

    func upsertStore(_ row: StoreRecord) throws -> UpsertOutcome {
        guard let existing = try storedStore(id: row.id) else {
            try connection.query("INSERT INTO store (id, city, region, employees, import_id) VALUES ($1, $2, $3, $4, $5)",
                                 values: [row.id, row.city, row.region, row.employees.map(Int64.init), importID])
            return .inserted
        }
        if existing == row { return .unchanged }
        try connection.query("UPDATE store SET city = $1, region = $2, employees = $3, import_id = $4 WHERE id = $5",
                             values: [row.city, row.region, row.employees.map(Int64.init), importID, row.id])
        return .updated
    }

    func upsertProduct(_ row: ProductRecord) throws -> UpsertOutcome {
        let outcome: UpsertOutcome
        if let existing = try storedProduct(id: row.id) {
            if existing == row { return .unchanged }
            try connection.query("UPDATE product SET name = $1, price_cents = $2, stock = $3, import_id = $4 WHERE id = $5",
                                 values: [row.name, row.price.value, row.stock.map(Int64.init), importID, row.id])
            outcome = .updated
            if existing.price == row.price { return outcome }
        } else {
            try connection.query("INSERT INTO product (id, name, price_cents, stock, import_id) VALUES ($1, $2, $3, $4, $5)",
                                 values: [row.id, row.name, row.price.value, row.stock.map(Int64.init), importID])
            outcome = .inserted
        }
        try connection.query("""
            INSERT INTO product_price (product_id, import_id, price_cents) VALUES ($1, $2, $3)
            ON CONFLICT (product_id, import_id) DO UPDATE SET price_cents = excluded.price_cents
            """, values: [row.id, importID, row.price.value])
        return outcome
    }

    func currentPrices() throws -> [(id: String, price: Cents)] {
        try connection.query("SELECT id, price_cents FROM product").rows.map { row in
            let (id, cents) = try row.decode((String, Int64).self)
            return (id, Cents(cents))
        }
    }

    func storeIDs() throws -> [String] {
        try connection.query("SELECT id FROM store").rows.map { try $0.decode(String.self) }
    }

    /// Nothing is held back: every batch is written by `insertSales`.
    func finishSales() throws -> Int { 0 }

    /// Sends the whole batch as one statement: its columns as arrays, unnested by the server, in
    /// batch order (which of two rows sharing a sale id is kept depends on it), `ON CONFLICT DO
    /// NOTHING` against both unique keys. The answer is the count inserted and the positions of the
    /// duplicates, whose figures are taken out of the batch's totals; the totals of the import are
    /// written once, by `finish` (the summary tables upserted by every batch, from its `RETURNING`
    /// rows, took 40% of the server's time).
    func insertSales(_ sales: SaleBatch) throws -> Int {
        guard sales.count > 0 else { return 0 }
        var stores: [String] = [], dates: [String] = [], products: [String] = [], refs: [String] = []
        var quantities: [Int64] = [], prices: [Int64] = [], revenues: [Int64] = [], lines: [Int64] = []
        stores.reserveCapacity(sales.count)
        dates.reserveCapacity(sales.count)
        products.reserveCapacity(sales.count)
        refs.reserveCapacity(sales.count)
        for index in 0..<sales.count {
            let texts = sales.texts(ofSale: index)
            let numbers = sales.numbers(ofSale: index)
            stores.append(texts.storeID)
            dates.append(texts.date)
            products.append(texts.productID)
            refs.append(texts.saleRef)
            quantities.append(numbers.quantity)
            prices.append(numbers.unitPrice)
            revenues.append(numbers.revenue)
            lines.append(numbers.line)
        }
        var binds = PostgresBindings(capacity: 9)
        binds.append(stores)
        binds.append(dates)
        binds.append(products)
        binds.append(quantities)
        binds.append(refs)
        binds.append(prices)
        binds.append(revenues)
        binds.append(lines)
        binds.append(importID)
        let row = try connection.query(Self.insertSalesSQL, binds).rows.first
        let (inserted, duplicates) = try row?.decode((Int64, [Int64]).self) ?? (Int64(0), [])
        var batchTotals = sales.totals
        for position in duplicates {
            let texts = sales.texts(ofSale: Int(position) - 1)
            let numbers = sales.numbers(ofSale: Int(position) - 1)
            batchTotals.subtract(date: texts.date, storeID: texts.storeID, productID: texts.productID,
                                 SaleFigures(sales: 1, units: numbers.quantity, revenueCents: numbers.revenue))
        }
        totals.add(batchTotals)
        return Int(inserted)
    }

    /// What the sales inserted so far add to the summary tables (written by `finish`).
    private var totals = SaleTotals()

    /// A sale's line is unique in its batch (one file's rows): the lines not returned are the duplicates.
    private static let insertSalesSQL = """
        WITH inserted AS (
            INSERT INTO sale (store_id, date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, import_id, line)
            SELECT store_id, date::date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, $9, line
            FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::text[], $6::int8[], $7::int8[], $8::int8[])
                WITH ORDINALITY AS t(store_id, date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, line, position)
            ORDER BY position
            ON CONFLICT DO NOTHING
            RETURNING line
        )
        SELECT (SELECT COUNT(*) FROM inserted),
               COALESCE((SELECT array_agg(u.position ORDER BY u.position)
                         FROM unnest($8::int8[]) WITH ORDINALITY AS u(line, position)
                         WHERE u.line NOT IN (SELECT line FROM inserted)), '{}')
        """

    /// Adds what this import's sales add to the summary tables; called once, before the commit.
    func finish() throws {
        let byDayStore = totals.byDayStore.filter { $0.value != SaleFigures() }
        let byProduct = totals.byProduct.filter { $0.value != SaleFigures() }
        totals = SaleTotals()
        if !byDayStore.isEmpty {
            var binds = PostgresBindings(capacity: 5)
            binds.append(byDayStore.map(\.key.date))
            binds.append(byDayStore.map(\.key.storeID))
            binds.append(byDayStore.map(\.value.sales))
            binds.append(byDayStore.map(\.value.units))
            binds.append(byDayStore.map(\.value.revenueCents))
            try connection.query("""
                INSERT INTO sale_total_by_day_store AS t (date, store_id, sales_count, units, revenue_cents)
                SELECT date::date, store_id, sales_count, units, revenue_cents
                FROM unnest($1::text[], $2::text[], $3::int8[], $4::int8[], $5::int8[]) AS u(date, store_id, sales_count, units, revenue_cents)
                ORDER BY 1, 2
                ON CONFLICT (date, store_id) DO UPDATE SET sales_count = t.sales_count + excluded.sales_count,
                    units = t.units + excluded.units, revenue_cents = t.revenue_cents + excluded.revenue_cents
                """, binds)
        }
        if !byProduct.isEmpty {
            var binds = PostgresBindings(capacity: 4)
            binds.append(byProduct.map(\.key))
            binds.append(byProduct.map(\.value.sales))
            binds.append(byProduct.map(\.value.units))
            binds.append(byProduct.map(\.value.revenueCents))
            try connection.query("""
                INSERT INTO sale_total_by_product AS t (product_id, sales_count, units, revenue_cents)
                SELECT product_id, sales_count, units, revenue_cents
                FROM unnest($1::text[], $2::int8[], $3::int8[], $4::int8[]) AS u(product_id, sales_count, units, revenue_cents)
                ORDER BY 1
                ON CONFLICT (product_id) DO UPDATE SET sales_count = t.sales_count + excluded.sales_count,
                    units = t.units + excluded.units, revenue_cents = t.revenue_cents + excluded.revenue_cents
                """, binds)
        }
    }

    /// Puts rows in quarantine, in order: one statement, the rows as arrays.
    func quarantine(_ rows: [QuarantinedRow]) throws {
        guard !rows.isEmpty else { return }
        var binds = PostgresBindings(capacity: 7)
        binds.append(importID)
        binds.append(rows.map(\.kind.rawValue))
        binds.append(rows.map(\.source))
        binds.append(rows.map { Int64($0.line) })
        binds.append(rows.map(\.rawText))
        binds.append(rows.map(\.reason.description))
        binds.append(rows.map { Int64($0.dependsOnData ? 1 : 0) })
        try connection.query("""
            INSERT INTO rejected_row (import_id, kind, source, line, raw_text, reason, depends_on_data)
            SELECT $1, kind, source, line, raw_text, reason, depends_on_data
            FROM unnest($2::text[], $3::text[], $4::int8[], $5::text[], $6::text[], $7::int8[])
                WITH ORDINALITY AS t(kind, source, line, raw_text, reason, depends_on_data, position)
            ORDER BY position
            """, binds)
    }

    func storedStore(id: String) throws -> StoreRecord? {
        try connection.query("SELECT city, region, employees FROM store WHERE id = $1", values: [id]).rows.first.map { row in
            let (city, region, employees) = try row.decode((String, String?, Int64?).self)
            return StoreRecord(id: id, city: city, region: region, employees: employees.map(Int.init))
        }
    }

    func storedProduct(id: String) throws -> ProductRecord? {
        try connection.query("SELECT name, price_cents, stock FROM product WHERE id = $1", values: [id]).rows.first.map { row in
            let (name, price, stock) = try row.decode((String, Int64, Int64?).self)
            return ProductRecord(id: id, name: name, price: Cents(price), stock: stock.map(Int.init))
        }
    }

    func quarantinedRows(importID: Int64, kind: FileKind, source: String) throws -> [QuarantinedRow] {
        try connection.query("""
            SELECT line, raw_text, reason, depends_on_data FROM rejected_row
            WHERE import_id = $1 AND kind = $2 AND source = $3 ORDER BY line
            """, values: [importID, kind.rawValue, source]).rows.map { row in
            let (line, raw, reason, dependsOnData) = try row.decode((Int64, String, String, Int64).self)
            return QuarantinedRow(importID: importID, kind: kind, source: source, line: Int(line), rawText: raw,
                                  reason: .recorded(reason, dependsOnData: dependsOnData != 0))
        }
    }

    func previousImport(of kind: FileKind, source: String) throws -> PreviousFileImport? {
        try PreviousFileImport.fetch(connection, kind: kind, source: source)
    }

    func recordFile(_ file: FileAudit) throws {
        let values: [(any PostgresDynamicTypeEncodable)?] = [
            importID, file.kind.rawValue, file.source, file.sha256, Int64(file.bytes), file.delimiter, file.encoding,
            Int64(file.counts.read), Int64(file.counts.inserted), Int64(file.counts.updated), Int64(file.counts.unchanged),
            Int64(file.counts.duplicates), Int64(file.counts.rejected), file.ignoredColumns.joined(separator: ", "),
            Int64(file.lines), Int64(file.endsWithLineFeed ? 1 : 0), file.resumedFrom,
            file.decimalSeparator?.rawValue, file.dateFormat?.rawValue, file.dateFormatOrigin?.rawValue,
            Int64(file.hasByteOrderMark ? 1 : 0), file.headerText,
        ]
        try connection.query("""
            INSERT INTO import_file (import_id, kind, source, sha256, bytes, delimiter, encoding,
                read, inserted, updated, unchanged, duplicates, rejected, ignored_columns,
                lines, ends_with_line_feed, resumed_from_import,
                decimal_separator, date_format, date_format_origin, byte_order_mark, header_text)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
            """, values: values)
    }

    /// Records what fetching an HTTP source gave, and remembers its validators (they only count once
    /// the import is committed).
    func recordFetch(_ download: Download, kind: FileKind) throws {
        var sha256: String?
        var bytes: Int64?
        if case let .downloaded(_, hash, size) = download.outcome {
            sha256 = hash
            bytes = Int64(size)
        }
        try connection.query("""
            INSERT INTO import_fetch (import_id, kind, url, outcome, http_status, attempts, etag, last_modified, sha256, bytes)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """, values: [importID, kind.rawValue, download.url, download.isNotModified ? "not_modified" : "downloaded",
                          Int64(download.httpStatus), Int64(download.attempts), download.validators.etag,
                          download.validators.lastModified, sha256, bytes])
        guard let sha256, let bytes else { return }
        try connection.query("""
            INSERT INTO http_source (url, etag, last_modified, sha256, bytes, import_id) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                sha256 = excluded.sha256, bytes = excluded.bytes, import_id = excluded.import_id
            """, values: [download.url, download.validators.etag, download.validators.lastModified, sha256, bytes, importID])
    }
}

import NIOCore

/// The sales of one file on their way into `sale` when some may be there already (see
/// `PostgreSQLSaleLoad`): sent as the file is read, with `COPY … FROM STDIN`, into a temporary
/// table (`stage`), then written with one statement at the file's end (`write`), which also adds
/// them to the summary tables.
///
/// Measured on 1M sales (docs/BENCHMARKS.md), the server spends most of an import in that one
/// statement; the COPYs overlap with the parsing.
///
/// The rules are those of an insert in file order:
/// - among identical sales of the file the first line is kept: the rows go in key order, then
///   line order, `ON CONFLICT DO NOTHING` skipping the later ones;
/// - when the file has sale ids, two rows sharing an id keep the first line: the rows then go in
///   line order, as they came;
/// - a sale already stored is skipped, and only what was inserted counts in the totals.
struct PostgreSQLSaleStaging {
    let connection: PostgreSQLConnection
    /// Sales sent since the file's first batch.
    private(set) var staged = 0
    /// Whether a staged sale has a sale id (then rows are written in line order).
    private var hasSaleRefs = false
    /// Reused for every batch.
    private var buffer = ByteBuffer()

    static let table = "sale_staging"
    static let columns = ["store_id", "date", "product_id", "sale_ref", "quantity", "unit_price_cents", "revenue_cents", "line"]

    init(connection: PostgreSQLConnection) {
        self.connection = connection
    }

    /// Sends the sales of `sales` from `start` on to the temporary table (created with the file's
    /// first batch).
    mutating func stage(_ sales: SaleBatch, from start: Int = 0) throws {
        guard start < sales.count else { return }
        if staged == 0 {
            try connection.query("""
                CREATE TEMPORARY TABLE \(Self.table) (
                    store_id text COLLATE "C" NOT NULL, date date NOT NULL, product_id text COLLATE "C" NOT NULL,
                    sale_ref text COLLATE "C" NOT NULL, quantity bigint NOT NULL, unit_price_cents bigint NOT NULL,
                    revenue_cents bigint NOT NULL, line bigint NOT NULL
                ) ON COMMIT DROP
                """)
        }
        buffer.clear()
        if sales.appendCopyText(start..<sales.count, to: &buffer) { hasSaleRefs = true }
        try connection.copy(buffer, into: Self.table, columns: Self.columns)
        staged += sales.count - start
    }

    /// Writes the staged sales into `sale` for import `importID` and adds the inserted ones to the
    /// summary tables; returns how many were inserted. The temporary table is gone afterwards.
    mutating func write(importID: Int64) throws -> Int {
        guard staged > 0 else { return 0 }
        let order = hasSaleRefs ? "line" : "date, store_id, product_id, quantity, sale_ref, line"
        let inserted = try connection.query(Self.insertSQL(order: order), values: [importID]).rows.first?.decode(Int64.self) ?? 0
        try connection.query("DROP TABLE \(Self.table)")
        staged = 0
        hasSaleRefs = false
        return Int(inserted)
    }

    /// `order` is one of the two orders above, never data.
    private static func insertSQL(order: String) -> String {
        """
        WITH inserted AS (
            INSERT INTO sale (store_id, date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, import_id, line)
            SELECT store_id, date, product_id, quantity, sale_ref, unit_price_cents, revenue_cents, $1, line
            FROM \(table) ORDER BY \(order)
            ON CONFLICT DO NOTHING
            RETURNING date, store_id, product_id, quantity, revenue_cents
        ), by_day_store AS (
            INSERT INTO sale_total_by_day_store AS t (date, store_id, sales_count, units, revenue_cents)
            SELECT date, store_id, COUNT(*), SUM(quantity), SUM(revenue_cents) FROM inserted GROUP BY 1, 2 ORDER BY 1, 2
            ON CONFLICT (date, store_id) DO UPDATE SET sales_count = t.sales_count + excluded.sales_count,
                units = t.units + excluded.units, revenue_cents = t.revenue_cents + excluded.revenue_cents
        ), by_product AS (
            INSERT INTO sale_total_by_product AS t (product_id, sales_count, units, revenue_cents)
            SELECT product_id, COUNT(*), SUM(quantity), SUM(revenue_cents) FROM inserted GROUP BY 1 ORDER BY 1
            ON CONFLICT (product_id) DO UPDATE SET sales_count = t.sales_count + excluded.sales_count,
                units = t.units + excluded.units, revenue_cents = t.revenue_cents + excluded.revenue_cents
        )
        SELECT COUNT(*) FROM inserted
        """
    }
}

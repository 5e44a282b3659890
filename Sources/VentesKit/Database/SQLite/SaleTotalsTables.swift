import GRDB

/// The summary tables: sales totalled by day and store (`sale_total_by_day_store`) and by product
/// (`sale_total_by_product`), kept up to date in each import's own transaction, so that the
/// analyses read a row per day and store or per product instead of every sale.
///
/// Only imports write sales, and a sale, once written, never changes (a new price applies to later
/// sales): adding what each import inserted keeps the totals exact. `differences` recomputes them
/// from `sale` to prove it (`ventes check`, the tests).
enum SaleTotalsTables {
    /// Creates the tables and fills them from the sales already there (the migration that adds them).
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sale_total_by_day_store (
                date TEXT NOT NULL,
                store_id TEXT NOT NULL REFERENCES store(id),
                sales_count INTEGER NOT NULL,
                units INTEGER NOT NULL,
                revenue_cents INTEGER NOT NULL,
                PRIMARY KEY (date, store_id)
            ) WITHOUT ROWID;
            CREATE TABLE sale_total_by_product (
                product_id TEXT NOT NULL PRIMARY KEY REFERENCES product(id),
                sales_count INTEGER NOT NULL,
                units INTEGER NOT NULL,
                revenue_cents INTEGER NOT NULL
            ) WITHOUT ROWID;
            INSERT INTO sale_total_by_day_store \(recomputedByDayStore);
            INSERT INTO sale_total_by_product \(recomputedByProduct);
            """)
    }

    private static let recomputedByDayStore = """
        SELECT date, store_id, COUNT(*), SUM(quantity), SUM(revenue_cents) FROM sale GROUP BY date, store_id
        """
    private static let recomputedByProduct = """
        SELECT product_id, COUNT(*), SUM(quantity), SUM(revenue_cents) FROM sale GROUP BY product_id
        """

    /// Adds `totals` (what an import inserted) to the tables.
    static func add(_ totals: SaleTotals, in db: Database) throws {
        let byDayStore = try db.cachedStatement(sql: """
            INSERT INTO sale_total_by_day_store (date, store_id, sales_count, units, revenue_cents) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (date, store_id) DO UPDATE SET sales_count = sales_count + excluded.sales_count,
                units = units + excluded.units, revenue_cents = revenue_cents + excluded.revenue_cents
            """)
        for (key, figures) in totals.byDayStore where figures != SaleFigures() {
            try byDayStore.execute(arguments: [key.date, key.storeID, figures.sales, figures.units, figures.revenueCents])
        }
        let byProduct = try db.cachedStatement(sql: """
            INSERT INTO sale_total_by_product (product_id, sales_count, units, revenue_cents) VALUES (?, ?, ?, ?)
            ON CONFLICT (product_id) DO UPDATE SET sales_count = sales_count + excluded.sales_count,
                units = units + excluded.units, revenue_cents = revenue_cents + excluded.revenue_cents
            """)
        for (productID, figures) in totals.byProduct where figures != SaleFigures() {
            try byProduct.execute(arguments: [productID, figures.sales, figures.units, figures.revenueCents])
        }
    }

    /// Every row where the tables differ from the totals recomputed from `sale`, one line each;
    /// empty when they agree.
    static func differences(in db: Database) throws -> [String] {
        var found: [String] = []
        for (table, key, recomputed) in [
            ("sale_total_by_day_store", "date || ' ' || store_id", recomputedByDayStore),
            ("sale_total_by_product", "product_id", recomputedByProduct),
        ] {
            let columns = table == "sale_total_by_product" ? "product_id" : "date, store_id"
            let rows = try Row.fetchAll(db, sql: """
                WITH stored AS (SELECT \(columns), sales_count, units, revenue_cents FROM \(table)),
                     actual AS (\(recomputed)),
                     wrong AS (SELECT * FROM stored EXCEPT SELECT * FROM actual
                               UNION SELECT * FROM actual EXCEPT SELECT * FROM stored)
                SELECT DISTINCT \(key) AS key FROM wrong ORDER BY key LIMIT 20
                """)
            for row in rows {
                let key: String = row["key"]
                found.append("\(table): the totals of \(key) are not those of the sales")
            }
        }
        return found
    }
}

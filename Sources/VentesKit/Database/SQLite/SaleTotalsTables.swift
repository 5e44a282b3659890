import GRDB
import GRDBSQLite

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
    ///
    /// In key order and bound through SQLite's C API: a first import of 1M sales adds some 55,000
    /// day-and-store totals, which GRDB's arguments, in the dictionary's order, took 0.15 s to write.
    static func add(_ totals: SaleTotals, in db: Database) throws {
        let byDayStore = try db.cachedStatement(sql: """
            INSERT INTO sale_total_by_day_store (date, store_id, sales_count, units, revenue_cents) VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT (date, store_id) DO UPDATE SET sales_count = sales_count + excluded.sales_count,
                units = units + excluded.units, revenue_cents = revenue_cents + excluded.revenue_cents
            """)
        let days = totals.byDayStore.filter { $0.value != SaleFigures() }
            .sorted { ($0.key.date, $0.key.storeID) < ($1.key.date, $1.key.storeID) }
        for (key, figures) in days {
            try execute(byDayStore, keys: [key.date, key.storeID], figures, in: db)
        }
        let byProduct = try db.cachedStatement(sql: """
            INSERT INTO sale_total_by_product (product_id, sales_count, units, revenue_cents) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (product_id) DO UPDATE SET sales_count = sales_count + excluded.sales_count,
                units = units + excluded.units, revenue_cents = revenue_cents + excluded.revenue_cents
            """)
        for (productID, figures) in totals.byProduct.sorted(by: { $0.key < $1.key }) where figures != SaleFigures() {
            try execute(byProduct, keys: [productID], figures, in: db)
        }
    }

    /// Runs `statement` with the text `keys`, then the three figures, bound in that order.
    private static func execute(_ statement: Statement, keys: [String], _ figures: SaleFigures, in db: Database) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        for (index, key) in keys.enumerated() {
            // SQLITE_TRANSIENT: SQLite copies the text, which the Swift string owns only for this call.
            sqlite3_bind_text(handle, Int32(index + 1), key, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
        let first = Int32(keys.count + 1)
        sqlite3_bind_int64(handle, first, figures.sales)
        sqlite3_bind_int64(handle, first + 1, figures.units)
        sqlite3_bind_int64(handle, first + 2, figures.revenueCents)
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                sql: statement.sql)
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

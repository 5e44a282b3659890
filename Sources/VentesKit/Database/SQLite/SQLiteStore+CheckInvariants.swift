import GRDB

/// The invariants of a ventes database that SQLite does not check by itself, for `SQLiteStore.check`.
///
/// Values are read as `DatabaseValue`s and shown as found: a database edited by another tool may
/// hold text where a number belongs, and the check must say so, never stop on it.
extension SQLiteStore {
    /// A sale's key columns, its prices, its import and line, and the file it came from (looked up
    /// only for the sales a check reports).
    private static let saleColumns = """
        s.date, s.store_id, s.product_id, s.quantity, s.sale_ref, s.unit_price_cents, s.revenue_cents,
        s.import_id, s.line,
        (SELECT f.source FROM import_file f WHERE f.import_id = s.import_id AND f.kind = 'sales') AS source
        """

    /// Sales whose store, product or import does not exist (written with foreign keys off).
    ///
    /// `IN (SELECT id …)` lists: SQLite looks each id up in a small in-memory index, half the
    /// time of an `EXISTS` search in the tables (1.5 s instead of 2.8 s of CPU for 5M sales).
    static func saleReferenceFindings(_ db: Database) throws -> [CheckFinding] {
        var stores = FindingList(.saleStore, counting: "more sales whose store does not exist")
        var products = FindingList(.saleProduct, counting: "more sales whose product does not exist")
        var imports = FindingList(.saleImport, counting: "more sales whose import does not exist")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(saleColumns),
                   s.store_id IN (SELECT id FROM store) AS has_store,
                   s.product_id IN (SELECT id FROM product) AS has_product,
                   s.import_id IN (SELECT id FROM import_run) AS has_import
            FROM sale s
            WHERE s.store_id NOT IN (SELECT id FROM store) OR s.product_id NOT IN (SELECT id FROM product)
               OR s.import_id NOT IN (SELECT id FROM import_run)
            """)
        while let row = try rows.next() {
            if !row["has_store"] { stores.add("\(sale(row)): its store \(shown(row["store_id"])) does not exist") }
            if !row["has_product"] { products.add("\(sale(row)): its product \(shown(row["product_id"])) does not exist") }
            if !row["has_import"] { imports.add("\(sale(row)): its import \(shown(row["import_id"])) does not exist") }
        }
        return stores.all + products.all + imports.all
    }

    /// Sales whose revenue is not their quantity times their unit price.
    static func saleRevenueFindings(_ db: Database) throws -> [CheckFinding] {
        var findings = FindingList(.saleRevenue, counting: "more sales whose revenue is not quantity × unit price")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(saleColumns), s.quantity * s.unit_price_cents AS expected
            FROM sale s
            WHERE s.revenue_cents IS NOT s.quantity * s.unit_price_cents
            """)
        while let row = try rows.next() {
            findings.add("""
                \(sale(row)): revenue \(money(row["revenue_cents"])) is not quantity \(shown(row["quantity"])) \
                × unit price \(money(row["unit_price_cents"])) = \(money(row["expected"]))
                """)
        }
        return findings.all
    }

    /// Sales of an existing product whose unit price is not that product's price in effect at
    /// their import (the last one recorded at or before it): a new price never changes the sales
    /// already imported.
    ///
    /// Each price of the history becomes the range of imports it was in effect for, and each sale
    /// is looked up in those ranges (2.3 s of CPU for 5M sales, against 6.4 s for a subquery
    /// ordering the history for every sale).
    static func salePriceFindings(_ db: Database) throws -> [CheckFinding] {
        var findings = FindingList(.salePrice, counting: "more sales whose unit price is not their product's price at their import")
        let rows = try Row.fetchCursor(db, sql: """
            WITH price AS MATERIALIZED (
                SELECT product_id, import_id AS first_import, price_cents,
                       LEAD(import_id, 1, 9223372036854775807) OVER (PARTITION BY product_id ORDER BY import_id) AS next_import
                FROM product_price)
            SELECT \(saleColumns), price.price_cents AS expected
            FROM sale s
            LEFT JOIN price ON price.product_id = s.product_id
                AND s.import_id >= price.first_import AND s.import_id < price.next_import
            WHERE price.price_cents IS NOT s.unit_price_cents AND s.product_id IN (SELECT id FROM product)
            """)
        while let row = try rows.next() {
            let product = "product \(shown(row["product_id"]))"
            if (row["expected"] as DatabaseValue).isNull {
                findings.add("""
                    \(sale(row)): unit price \(money(row["unit_price_cents"])), but \(product) had no price yet \
                    at import \(shown(row["import_id"])) (product_price)
                    """)
            } else {
                findings.add("""
                    \(sale(row)): unit price \(money(row["unit_price_cents"])) is not \(money(row["expected"])), \
                    the price of \(product) in effect at import \(shown(row["import_id"]))
                    """)
            }
        }
        return findings.all
    }

    /// Products whose current price is not the last one of their price history, or that have none.
    static func productPriceFindings(_ db: Database) throws -> [CheckFinding] {
        var findings = FindingList(.productPrice, counting: "more products whose price is not the last of their price history")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT product.id, product.price_cents, last.price_cents AS last_price, last.import_id AS last_import
            FROM product
            LEFT JOIN product_price last ON last.product_id = product.id AND last.import_id =
                (SELECT MAX(import_id) FROM product_price WHERE product_id = product.id)
            WHERE last.price_cents IS NOT product.price_cents
            ORDER BY product.id
            """)
        while let row = try rows.next() {
            let product = "product \(shown(row["id"])) costs \(money(row["price_cents"]))"
            if (row["last_import"] as DatabaseValue).isNull {
                findings.add("\(product) but has no price in its history (product_price)")
            } else {
                findings.add("""
                    \(product) but the last price of its history is \(money(row["last_price"])) \
                    (import \(shown(row["last_import"])))
                    """)
            }
        }
        return findings.all
    }

    /// Files of the audit whose counters do not account for every row read: `read = inserted +
    /// updated + unchanged + rejected` for stores and products (no duplicates), `read = inserted +
    /// duplicates + rejected` for sales (never updated nor unchanged). No counter is negative.
    static func importCounterFindings(_ db: Database) throws -> [CheckFinding] {
        var findings = FindingList(.importCounters, counting: "more files of the audit whose counters do not add up")
        let names = ["read", "inserted", "updated", "unchanged", "duplicates", "rejected"]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT import_id, kind, source, read, inserted, updated, unchanged, duplicates, rejected
            FROM import_file ORDER BY import_id, kind
            """)
        while let row = try rows.next() {
            let file = "import \(shown(row["import_id"])), \(shown(row["kind"])) file \(shown(row["source"]))"
            var counter: [String: Int64] = [:]
            for name in names {
                guard let value = Int64.fromDatabaseValue(row[name]), value >= 0 else {
                    findings.add("\(file): its counter \(name) is \(shown(row[name])), not a count")
                    continue
                }
                counter[name] = value
            }
            guard counter.count == names.count, let read = counter["read"] else { continue }
            let outcomes = (row["kind"] as DatabaseValue) == "sales".databaseValue
                ? ["inserted", "duplicates", "rejected"]
                : ["inserted", "updated", "unchanged", "rejected"]
            for name in names.dropFirst() where !outcomes.contains(name) && counter[name] != 0 {
                findings.add("\(file): \(name) \(counter[name]!), but no row of a \(shown(row["kind"])) file is counted as \(name)")
            }
            let sum = outcomes.reduce(0) { $0 + counter[$1]! }
            if read != sum {
                let terms = outcomes.map { "\($0) \(counter[$0]!)" }.joined(separator: " + ")
                findings.add("\(file): read \(read) is not \(terms) = \(sum)")
            }
        }
        return findings.all
    }

    /// Imports whose sales in the database are not the number their audit says they inserted
    /// (sales are never deleted nor moved to another import).
    static func importedSalesFindings(_ db: Database) throws -> [CheckFinding] {
        var findings = FindingList(.importSales, counting: "more imports whose sales are not the number their audit inserted")
        let rows = try Row.fetchCursor(db, sql: """
            WITH counted AS (SELECT import_id, COUNT(*) AS sales FROM sale GROUP BY import_id)
            SELECT import_run.id, COALESCE(counted.sales, 0) AS sales, f.inserted, f.source
            FROM import_run
            LEFT JOIN counted ON counted.import_id = import_run.id
            LEFT JOIN import_file f ON f.import_id = import_run.id AND f.kind = 'sales'
            WHERE COALESCE(counted.sales, 0) IS NOT COALESCE(f.inserted, 0)
            ORDER BY import_run.id
            """)
        while let row = try rows.next() {
            let sales: Int64 = row["sales"]
            if (row["source"] as DatabaseValue).isNull {
                findings.add("import \(shown(row["id"])) holds \(sales) sales, but its audit records no sales file")
            } else {
                findings.add("""
                    import \(shown(row["id"])), sales file \(shown(row["source"])): inserted \(shown(row["inserted"])) \
                    according to its audit, but the database holds \(sales) of its sales
                    """)
            }
        }
        return findings.all
    }

    /// Files of the audit whose rejected counter is not the number of their rows in quarantine.
    static func importRejectFindings(_ db: Database) throws -> [CheckFinding] {
        var findings = FindingList(.importRejects, counting: "more files whose quarantine does not match their rejected counter")
        let rows = try Row.fetchCursor(db, sql: """
            WITH quarantined AS (SELECT import_id, kind, COUNT(*) AS rows FROM rejected_row GROUP BY import_id, kind)
            SELECT f.import_id, f.kind, f.source, f.rejected, COALESCE(q.rows, 0) AS rows
            FROM import_file f LEFT JOIN quarantined q ON q.import_id = f.import_id AND q.kind = f.kind
            WHERE f.rejected IS NOT COALESCE(q.rows, 0)
            UNION ALL
            SELECT q.import_id, q.kind, NULL, NULL, q.rows
            FROM quarantined q LEFT JOIN import_file f ON f.import_id = q.import_id AND f.kind = q.kind
            WHERE f.import_id IS NULL
            ORDER BY 1, 2
            """)
        while let row = try rows.next() {
            let rows: Int64 = row["rows"]
            if (row["source"] as DatabaseValue).isNull {
                findings.add("""
                    import \(shown(row["import_id"])) holds \(rows) quarantined \(shown(row["kind"])) rows, \
                    but its audit records no \(shown(row["kind"])) file
                    """)
            } else {
                findings.add("""
                    import \(shown(row["import_id"])), \(shown(row["kind"])) file \(shown(row["source"])): \
                    rejected \(shown(row["rejected"])) according to its audit, but the quarantine holds \(rows) of its rows
                    """)
            }
        }
        return findings.all
    }

    /// A sale as people find it: its id or key, then its line, file and import.
    private static func sale(_ row: Row) -> String {
        let reference: DatabaseValue = row["sale_ref"]
        let key = "\(shown(row["date"])), store \(shown(row["store_id"])), product \(shown(row["product_id"])), quantity \(shown(row["quantity"]))"
        let name = reference == "".databaseValue || reference.isNull ? "sale (\(key)" : "sale \(shown(reference)) (\(key)"
        let file = (row["source"] as DatabaseValue).isNull ? "" : " of \(shown(row["source"]))"
        return "\(name); line \(shown(row["line"]))\(file), import \(shown(row["import_id"])))"
    }

    /// A stored value as the sqlite3 shell shows it (`NULL` for null).
    private static func shown(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "NULL"
        case .int64(let int): return String(int)
        case .double(let double): return String(double)
        case .string(let string): return string
        case .blob(let data): return "x'" + data.map { String($0, radix: 16).leftPadded(to: 2) }.joined() + "'"
        }
    }

    /// Integer cents in euros (`4999` → `49.99`); anything else as stored.
    private static func money(_ value: DatabaseValue) -> String {
        if case .int64(let cents) = value.storage { return Cents(cents).description }
        return shown(value)
    }
}

private extension String {
    func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}

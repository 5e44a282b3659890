import PostgresNIO

extension PostgreSQLStore {
    /// How many rows one check names; the others are counted in one more finding.
    public static let findingsPerCheck = 20

    /// Checks the schema without writing to it: the invariants every ventes database holds (see
    /// `CheckFinding.Check`), in one read-only transaction.
    ///
    /// What SQLite's `integrity_check` and `foreign_key_check` look for, PostgreSQL enforces on every
    /// write (its foreign keys are never turned off here, and the revenue is a CHECK constraint), so
    /// those checks have no counterpart; the sale revenue is still recomputed, and sale's references
    /// (triggers, which a table owner may disable: `PostgreSQLReferenceTriggers`) are checked. The
    /// schema is never created nor migrated: a URL whose schema does not exist is an error.
    public static func check(url: String) throws(OpenError) -> CheckReport {
        let (address, connection) = try connect(url: url)
        var findings: [CheckFinding] = []
        do {
            try connection.transaction(readOnly: true) {
                let exists = try connection.query("SELECT to_regclass($1) IS NOT NULL",
                                                  values: [PostgreSQLIdentifier.quoted(address.schema) + ".schema_migration"])
                    .rows.first!.decode(Bool.self)
                guard exists else {
                    findings.append(CheckFinding(.schema, "schema \(address.schema) holds no ventes database (no migration applied); run ventes init to create it"))
                    return
                }
                try connection.query("SELECT set_config('search_path', $1, true)", values: [PostgreSQLIdentifier.quoted(address.schema)])
                let applied = Set(try connection.query("SELECT identifier FROM schema_migration").rows.map { try $0.decode(String.self) })
                let missing = PostgreSQLMigrations.migrations.map(\.0).filter { !applied.contains($0) }
                guard missing.isEmpty else {
                    findings.append(CheckFinding(.schema, "the schema lacks the migrations \(missing.joined(separator: ", ")): it was made by an older ventes; run `ventes init` on it to migrate it, then check it again"))
                    return
                }
                for (check, counting, sql) in PostgreSQLInvariants.checks {
                    let messages = try connection.query(sql).rows.map { try $0.decode(String.self) }
                    findings += messages.prefix(findingsPerCheck).map { CheckFinding(check, $0) }
                    if messages.count > findingsPerCheck {
                        findings.append(CheckFinding(check, "and \(messages.count - findingsPerCheck) \(counting)"))
                    }
                }
            }
        } catch {
            findings.append(CheckFinding(.unreadable, "a check could not finish: \(PostgreSQLFailure.translate(error, address: address).message)"))
        }
        return CheckReport(path: address.location, findings: findings)
    }
}

/// The invariants of a ventes database, as queries returning one message per finding.
enum PostgreSQLInvariants {
    private static let sale = """
        'sale ' || CASE WHEN s.sale_ref = '' THEN '' ELSE s.sale_ref || ' ' END || '(' || s.date || ', store ' || s.store_id
            || ', product ' || s.product_id || ', quantity ' || s.quantity || '; line ' || s.line
            || COALESCE(' of ' || (SELECT f.source FROM import_file f WHERE f.import_id = s.import_id AND f.kind = 'sales'), '')
            || ', import ' || s.import_id || ')'
        """

    private static func money(_ cents: String) -> String {
        "to_char(\(cents) / 100.0, 'FM999999999999990.00')"
    }

    static let checks: [(CheckFinding.Check, String, String)] = PostgreSQLReferenceTriggers.references.map { reference in
        let check: CheckFinding.Check = switch reference.parent {
        case "store": .saleStore
        case "product": .saleProduct
        default: .saleImport
        }
        let noun = reference.parent == "import_run" ? "import" : reference.parent
        return (check, "more sales whose \(noun) does not exist", """
            SELECT \(sale) || ': its \(noun) ' || s.\(reference.column) || ' does not exist'
            FROM sale s WHERE NOT EXISTS (SELECT 1 FROM \(reference.parent) p WHERE p.id = s.\(reference.column))
            ORDER BY s.date, s.store_id, s.product_id, s.quantity, s.sale_ref
            """)
    } + [
        (.saleRevenue, "more sales whose revenue is not quantity × unit price", """
            SELECT \(sale) || ': revenue ' || \(money("s.revenue_cents")) || ' is not quantity ' || s.quantity
                || ' × unit price ' || \(money("s.unit_price_cents")) || ' = ' || \(money("s.quantity * s.unit_price_cents"))
            FROM sale s WHERE s.revenue_cents IS DISTINCT FROM s.quantity * s.unit_price_cents
            ORDER BY s.date, s.store_id, s.product_id, s.quantity, s.sale_ref
            """),
        (.salePrice, "more sales whose unit price is not their product's price at their import", """
            WITH price AS MATERIALIZED (
                SELECT product_id, import_id AS first_import, price_cents,
                       LEAD(import_id, 1, 9223372036854775807) OVER (PARTITION BY product_id ORDER BY import_id) AS next_import
                FROM product_price)
            SELECT \(sale) || ': unit price ' || \(money("s.unit_price_cents")) || CASE WHEN price.price_cents IS NULL
                THEN ', but product ' || s.product_id || ' had no price yet at import ' || s.import_id || ' (product_price)'
                ELSE ' is not ' || \(money("price.price_cents")) || ', the price of product ' || s.product_id
                     || ' in effect at import ' || s.import_id END
            FROM sale s LEFT JOIN price ON price.product_id = s.product_id
                AND s.import_id >= price.first_import AND s.import_id < price.next_import
            WHERE price.price_cents IS DISTINCT FROM s.unit_price_cents
            ORDER BY s.date, s.store_id, s.product_id, s.quantity, s.sale_ref
            """),
        (.productPrice, "more products whose price is not the last of their price history", """
            SELECT 'product ' || p.id || ' costs ' || \(money("p.price_cents")) || CASE WHEN last.import_id IS NULL
                THEN ' but has no price in its history (product_price)'
                ELSE ' but the last price of its history is ' || \(money("last.price_cents")) || ' (import ' || last.import_id || ')' END
            FROM product p LEFT JOIN product_price last ON last.product_id = p.id
                AND last.import_id = (SELECT MAX(import_id) FROM product_price WHERE product_id = p.id)
            WHERE last.price_cents IS DISTINCT FROM p.price_cents ORDER BY p.id
            """),
        (.importCounters, "more files of the audit whose counters do not add up", """
            SELECT 'import ' || import_id || ', ' || kind || ' file ' || source || ': ' || CASE
                WHEN LEAST(read, inserted, updated, unchanged, duplicates, rejected) < 0 THEN 'a counter is negative'
                WHEN kind = 'sales' AND updated + unchanged <> 0 THEN 'rows of a sales file counted as updated or unchanged'
                WHEN kind <> 'sales' AND duplicates <> 0 THEN 'duplicates ' || duplicates || ', but no row of a ' || kind || ' file is counted as duplicates'
                WHEN kind = 'sales' THEN 'read ' || read || ' is not inserted ' || inserted || ' + duplicates ' || duplicates
                    || ' + rejected ' || rejected || ' = ' || (inserted + duplicates + rejected)
                ELSE 'read ' || read || ' is not inserted ' || inserted || ' + updated ' || updated || ' + unchanged ' || unchanged
                    || ' + rejected ' || rejected || ' = ' || (inserted + updated + unchanged + rejected) END
            FROM import_file
            WHERE LEAST(read, inserted, updated, unchanged, duplicates, rejected) < 0
               OR (kind = 'sales' AND (updated + unchanged <> 0 OR read <> inserted + duplicates + rejected))
               OR (kind <> 'sales' AND (duplicates <> 0 OR read <> inserted + updated + unchanged + rejected))
            ORDER BY import_id, kind
            """),
        (.importSales, "more imports whose sales are not the number their audit inserted", """
            WITH counted AS (SELECT import_id, COUNT(*) AS sales FROM sale GROUP BY import_id)
            SELECT CASE WHEN f.source IS NULL
                THEN 'import ' || r.id || ' holds ' || COALESCE(c.sales, 0) || ' sales, but its audit records no sales file'
                ELSE 'import ' || r.id || ', sales file ' || f.source || ': inserted ' || f.inserted
                    || ' according to its audit, but the database holds ' || COALESCE(c.sales, 0) || ' of its sales' END
            FROM import_run r LEFT JOIN counted c ON c.import_id = r.id
            LEFT JOIN import_file f ON f.import_id = r.id AND f.kind = 'sales'
            WHERE COALESCE(c.sales, 0) <> COALESCE(f.inserted, 0) ORDER BY r.id
            """),
        (.importRejects, "more files whose quarantine does not match their rejected counter", """
            WITH quarantined AS (SELECT import_id, kind, COUNT(*) AS rows FROM rejected_row GROUP BY import_id, kind)
            SELECT message FROM (
                SELECT f.import_id, f.kind, 'import ' || f.import_id || ', ' || f.kind || ' file ' || f.source || ': rejected '
                    || f.rejected || ' according to its audit, but the quarantine holds ' || COALESCE(q.rows, 0) || ' of its rows' AS message
                FROM import_file f LEFT JOIN quarantined q ON q.import_id = f.import_id AND q.kind = f.kind
                WHERE f.rejected <> COALESCE(q.rows, 0)
                UNION ALL
                SELECT q.import_id, q.kind, 'import ' || q.import_id || ' holds ' || q.rows || ' quarantined ' || q.kind
                    || ' rows, but its audit records no ' || q.kind || ' file'
                FROM quarantined q LEFT JOIN import_file f ON f.import_id = q.import_id AND f.kind = q.kind
                WHERE f.import_id IS NULL) found
            ORDER BY import_id, kind
            """),
        (.saleTotals, "more rows of the summary tables that are not the totals of the sales", """
            WITH stored AS (SELECT date::text || ' ' || store_id AS key, sales_count, units, revenue_cents FROM sale_total_by_day_store),
                 actual AS (SELECT date::text || ' ' || store_id, COUNT(*), SUM(quantity)::bigint, SUM(revenue_cents)::bigint
                            FROM sale GROUP BY date, store_id),
                 stored_p AS (SELECT product_id, sales_count, units, revenue_cents FROM sale_total_by_product),
                 actual_p AS (SELECT product_id, COUNT(*), SUM(quantity)::bigint, SUM(revenue_cents)::bigint FROM sale GROUP BY product_id)
            SELECT message FROM (
                SELECT DISTINCT 0 AS t, key, 'sale_total_by_day_store: the totals of ' || key || ' are not those of the sales' AS message
                FROM ((SELECT * FROM stored EXCEPT SELECT * FROM actual) UNION (SELECT * FROM actual EXCEPT SELECT * FROM stored)) w
                UNION ALL
                SELECT DISTINCT 1, product_id, 'sale_total_by_product: the totals of ' || product_id || ' are not those of the sales'
                FROM ((SELECT * FROM stored_p EXCEPT SELECT * FROM actual_p) UNION (SELECT * FROM actual_p EXCEPT SELECT * FROM stored_p)) w
            ) found ORDER BY t, key
            """),
    ]
}

import Foundation
import Testing

/// `ventes check` on a PostgreSQL store: sound after ventes wrote it; a finding, in SQLite's words,
/// for each invariant broken by hand with SQL the server's own constraints let through.
@Suite("Check command on PostgreSQL (run when VENTES_TEST_POSTGRESQL_URL is set)",
       .enabled(if: PostgreSQLTestServer.url != nil, "VENTES_TEST_POSTGRESQL_URL is not set"))
struct PostgreSQLCheckTests {
    @Test("a schema written by ventes is sound: exit 0 and one ok line naming it, without its password")
    func sound() throws {
        let project = try Project(backend: .postgresql)
        try project.importBrief()
        try #require(project.ventes("analyze").succeeded)

        let result = try project.ventes("check")

        #expect(result.succeeded, "\(result.transcript)")
        #expect(result.stdout.hasSuffix("schema=\(project.schema ?? ""): ok (integrity, foreign keys, sales, prices, audit counters, summary tables)\n"),
                "\(result.stdout)")
    }

    @Test("a schema broken on purpose gives exit 1 and a line naming the problem", arguments: [
        ("SET session_replication_role = replica; DELETE FROM store WHERE id = '2'",
         "sale_store", "its store 2 does not exist"),
        ("ALTER TABLE sale DISABLE TRIGGER sale_references_on_update; UPDATE sale SET product_id = 'REF999' WHERE line = 2",
         "sale_product", "line 2 of csv/ventes.csv, import 1): its product REF999 does not exist"),
        ("UPDATE sale SET unit_price_cents = 1999, revenue_cents = quantity * 1999 WHERE line = 2",
         "sale_price", "line 2 of csv/ventes.csv, import 1): unit price 19.99 is not 49.99, the price of product REF001 in effect at import 1"),
        ("UPDATE product SET price_cents = 100 WHERE id = 'REF001'",
         "product_price", "product REF001 costs 1.00 but the last price of its history is 49.99 (import 1)"),
        ("UPDATE import_file SET duplicates = 1, inserted = inserted - 1 WHERE kind = 'products'",
         "import_counters", "import 1, products file csv/produits.csv: duplicates 1, but no row of a products file is counted as duplicates"),
        ("DELETE FROM sale WHERE line = 3",
         "import_sales", "import 1, sales file csv/ventes.csv: inserted 30 according to its audit, but the database holds 29 of its sales"),
        ("UPDATE import_file SET read = read + 1, rejected = 1 WHERE kind = 'sales'",
         "import_rejects", "import 1, sales file csv/ventes.csv: rejected 1 according to its audit, but the quarantine holds 0 of its rows"),
        ("UPDATE sale_total_by_product SET units = units + 1 WHERE product_id = 'REF001'",
         "sale_totals", "sale_total_by_product: the totals of REF001 are not those of the sales"),
        ("DELETE FROM sale_total_by_day_store WHERE date = '2023-05-27' AND store_id = '1'",
         "sale_totals", "sale_total_by_day_store: the totals of 2023-05-27 1 are not those of the sales"),
    ])
    func brokenOnPurpose(sql: String, check: String, expected: String) throws {
        let project = try Project(backend: .postgresql)
        try project.importBrief()
        _ = try PostgreSQLTestServer.psql(sql, schema: project.schema)

        let result = try project.ventes("check")

        #expect(result.status == 1, "\(result.transcript)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("\(check): ") && $0.hasSuffix(expected) }, "\(result.transcript)")
        #expect(result.stderr.contains(" finding"), "\(result.stderr)")
    }
}

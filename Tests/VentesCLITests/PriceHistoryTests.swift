import Foundation
import Testing

/// A new price applies to sales imported from then on; sales already imported keep theirs.
@Suite("price changes")
struct PriceHistoryTests {
    @Test("a price change never changes past revenue; later sales use the new price; the history keeps both (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available, [true, false])
    func priceChange(backend: Backend, productsAndSalesInOneCall: Bool) throws {
        let project = try Project(backend: backend)
        let firstImport = try project.importBrief().importID
        let products = try project.add("products-price-change.csv")
        let sales = try project.add("sales-after-price-change.csv")

        let results: [CommandResult]
        if productsAndSalesInOneCall {
            results = [try project.ventes("import", "--products", products, "--sales", sales, "--format", "json")]
        } else {
            results = [try project.ventes("import", "--products", products, "--format", "json"),
                       try project.ventes("import", "--sales", sales, "--format", "json")]
        }

        for result in results { try #require(result.succeeded, "\(result.transcript)") }
        let productCounters = try #require(try ImportReport.parse(results[0].stdout).products)
        #expect((productCounters.read, productCounters.inserted, productCounters.updated, productCounters.unchanged)
                == (5, 0, 1, 4))
        let saleReport = try ImportReport.parse(results.last!.stdout)
        #expect(saleReport.sales?.inserted == 2)

        let database = project.store
        #expect(try database.rows("SELECT DISTINCT unit_price_cents FROM sale WHERE product_id = 'REF001' AND import_id = \(firstImport)")
                == [["4999"]])
        #expect(try database.integer("SELECT SUM(revenue_cents) FROM sale WHERE import_id = \(firstImport)") == 526_878)
        #expect(try database.rows("SELECT product_id, unit_price_cents, revenue_cents FROM sale WHERE import_id = \(saleReport.importID) ORDER BY product_id")
                == [["REF001", "5999", "11998"], ["REF002", "1999", "1999"]])
        #expect(try database.rows("SELECT import_id, price_cents FROM product_price WHERE product_id = 'REF001' ORDER BY import_id")
                == [["\(firstImport)", "4999"], ["\(firstImport + 1)", "5999"]])
        #expect(try database.count("product_price") == 6, "one price per product, plus REF001's new one")
        #expect(try database.rows("SELECT price_cents FROM product WHERE id = 'REF001'") == [["5999"]])

        let analysis = try project.ventes("analyze", "--format", "json")
        try #require(analysis.succeeded, "\(analysis.transcript)")
        #expect(analysis.stdout.contains("\"total_revenue\":[{\"revenue\":5408.75,\"units\":125,\"sales_count\":32}]"),
                "\(analysis.stdout)")
    }

    @Test("re-importing the brief's products after a price change brings the old price back for new sales only (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func priceBack(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        let products = try project.add("products-price-change.csv")
        let changed = try project.ventes("import", "--products", products)
        try #require(changed.succeeded, "\(changed.transcript)")

        let back = try project.ventes("import", "--products", "csv/produits.csv", "--format", "json")

        try #require(back.succeeded, "\(back.transcript)")
        #expect(try ImportReport.parse(back.stdout).products?.updated == 1)
        #expect(try project.store.rows("SELECT price_cents FROM product_price WHERE product_id = 'REF001' ORDER BY import_id")
                == [["4999"], ["5999"], ["4999"]])
        #expect(try project.store.integer("SELECT SUM(revenue_cents) FROM sale") == 526_878)
    }
}

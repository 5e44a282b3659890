import Foundation
import Testing

/// What `ventes import` counts, and what it does with rows it has already seen.
@Suite("import counters and duplicates")
struct ImportCounterTests {
    @Test("first import: the JSON counters have the issue's exact shape and values (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func firstImport(backend: Backend) throws {
        let project = try Project(backend: backend)

        let result = try project.ventes("import", "--format", "json")

        try #require(result.succeeded, "\(result.transcript)")
        let stdout = result.stdout
        let stores = "\"stores\":{\"read\":7,\"inserted\":7,\"updated\":0,\"unchanged\":0,\"rejected\":0"
        let products = "\"products\":{\"read\":5,\"inserted\":5,\"updated\":0,\"unchanged\":0,\"rejected\":0"
        let sales = "\"sales\":{\"read\":30,\"inserted\":30,\"duplicates\":0,\"rejected\":0"
        let positions = [stores, products, sales].map { stdout.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "\(stdout)")
        #expect(stdout.hasPrefix("{\(stores)"), "\(stdout)")
        if let s = positions[0], let p = positions[1], let v = positions[2] { #expect(s < p && p < v) }
        #expect(stdout.hasSuffix("}\n"))
        #expect(stdout.filter { $0 == "\n" }.count == 1, "one JSON object on one line")

        let report = try ImportReport.parse(stdout)
        for counters in [report.stores, report.products, report.sales] {
            let counters = try #require(counters)
            #expect(counters.isBalanced)
        }
        #expect(report.sales?.source == "csv/ventes.csv")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test("first import is audited: one import run, one row per file with its hash and counters (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func importAudit(backend: Backend) throws {
        let project = try Project(backend: backend)

        let report = try project.importBrief()

        let database = project.store
        #expect(try database.rows("SELECT id, CASE WHEN finished_at IS NOT NULL THEN 1 ELSE 0 END, strict FROM import_run") == [["\(report.importID)", "1", "0"]])
        let files = try database.rows("""
            SELECT kind, source, read, inserted, updated, unchanged, duplicates, rejected, length(sha256)
            FROM import_file ORDER BY kind
            """)
        #expect(files == [
            ["products", "csv/produits.csv", "5", "5", "0", "0", "0", "0", "64"],
            ["sales", "csv/ventes.csv", "30", "30", "0", "0", "0", "0", "64"],
            ["stores", "csv/magasins.csv", "7", "7", "0", "0", "0", "0", "64"],
        ])
    }

    @Test("re-importing the same files inserts nothing: 30 duplicates, stores and products unchanged (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func reimport(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()

        let again = try project.importBrief()

        #expect(again.stores?.inserted == 0)
        #expect(again.stores?.unchanged == 7)
        #expect(again.stores?.updated == 0)
        #expect(again.products?.inserted == 0)
        #expect(again.products?.unchanged == 5)
        #expect(again.sales?.read == 30)
        #expect(again.sales?.inserted == 0)
        #expect(again.sales?.duplicates == 30)
        #expect(again.sales?.rejected == 0)
        let database = project.store
        #expect(try database.count("sale") == 30)
        #expect(try database.count("store") == 7)
        #expect(try database.count("product") == 5)
        #expect(try database.count("import_run") == 2)
        let hashes = try database.rows("SELECT DISTINCT sha256 FROM import_file WHERE kind = 'sales'")
        #expect(hashes.count == 1, "the same file has the same hash")
    }

    @Test("appended rows: only the new ones are inserted (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func appendedRows(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        let appended = try project.add("sales-appended.csv")

        let result = try project.ventes("import", "--sales", appended, "--format", "json")

        try #require(result.succeeded, "\(result.transcript)")
        let report = try ImportReport.parse(result.stdout)
        #expect(report.stores == nil && report.products == nil, "only the file named is imported")
        let sales = try #require(report.sales)
        #expect((sales.read, sales.inserted, sales.duplicates, sales.rejected) == (33, 3, 30, 0))
        let database = project.store
        #expect(try database.count("sale") == 33)
        #expect(try database.rows("SELECT date, product_id, quantity, store_id, line FROM sale WHERE import_id = \(report.importID) ORDER BY date")
                == [["2023-06-26", "REF001", "2", "3", "32"], ["2023-06-27", "REF003", "4", "5", "33"],
                    ["2023-06-28", "REF005", "1", "7", "34"]])
    }

    @Test("identical rows inside one file: the first is imported, the others are duplicates (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func inFileDuplicates(backend: Backend) throws {
        let project = try Project(backend: backend)
        let file = try project.add("sales-in-file-duplicates.csv")

        let result = try project.ventes("import", "--stores", "csv/magasins.csv", "--products", "csv/produits.csv",
                                        "--sales", file, "--format", "json")

        try #require(result.succeeded, "\(result.transcript)")
        let sales = try #require(try ImportReport.parse(result.stdout).sales)
        #expect((sales.read, sales.inserted, sales.duplicates, sales.rejected) == (6, 3, 3, 0))
        #expect(try project.store.rows("SELECT line, date, product_id, quantity, store_id FROM sale ORDER BY line")
                == [["2", "2023-07-01", "REF001", "2", "1"], ["3", "2023-07-02", "REF002", "1", "3"],
                    ["5", "2023-07-03", "REF004", "5", "6"]])
    }

    @Test("with an \"ID Vente\" column the sale id is the key: same content, new id is a new sale; same id is a duplicate (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func saleIDKey(backend: Backend) throws {
        let project = try Project(backend: backend)
        let file = try project.add("sales-with-sale-id.csv")
        let arguments = ["import", "--stores", "csv/magasins.csv", "--products", "csv/produits.csv", "--sales", file,
                         "--format", "json"]

        let first = try project.ventes(arguments)
        let second = try project.ventes(arguments)

        try #require(first.succeeded, "\(first.transcript)")
        try #require(second.succeeded, "\(second.transcript)")
        let firstSales = try #require(try ImportReport.parse(first.stdout).sales)
        #expect((firstSales.read, firstSales.inserted, firstSales.duplicates, firstSales.rejected) == (4, 3, 1, 0))
        let secondSales = try #require(try ImportReport.parse(second.stdout).sales)
        #expect((secondSales.read, secondSales.inserted, secondSales.duplicates, secondSales.rejected) == (4, 0, 4, 0))
        #expect(try project.store.rows("SELECT sale_ref, date, product_id, quantity, store_id FROM sale ORDER BY sale_ref")
                == [["V001", "2023-07-01", "REF001", "2", "1"], ["V002", "2023-07-01", "REF001", "2", "1"],
                    ["V003", "2023-07-02", "REF002", "1", "3"]])
    }

    @Test("files are imported in the order stores, products, sales, whatever the order of the options (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func importOrder(backend: Backend) throws {
        let project = try Project(backend: backend)

        let result = try project.ventes("import", "--sales", "csv/ventes.csv", "--products", "csv/produits.csv",
                                        "--stores", "csv/magasins.csv", "--format", "json")

        try #require(result.succeeded, "\(result.transcript)")
        let report = try ImportReport.parse(result.stdout)
        #expect(report.sales?.inserted == 30)
        #expect(report.sales?.rejected == 0)
        #expect(result.stdout.hasPrefix("{\"stores\":"), "\(result.stdout)")
    }

    @Test("without a sale id the key is the normalised row: another date format, spaces or 03 are still duplicates (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func normalisedRowKey(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        let file = try project.directory.write("""
            Date;ID Référence produit;Quantité;ID Magasin
            27/05/2023; REF001 ; 5 ;1
            2023-05-28;REF002;03;2
            """, to: "in/sales-written-differently.csv")

        let result = try project.ventes("import", "--sales", file, "--format", "json")

        try #require(result.succeeded, "\(result.transcript)")
        let sales = try #require(try ImportReport.parse(result.stdout).sales)
        #expect((sales.read, sales.inserted, sales.duplicates, sales.rejected) == (2, 0, 2, 0))
        #expect(try project.store.count("sale") == 30)
    }

    @Test("a header with no data rows is fine: read 0 (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func headerOnly(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        let file = try project.add("sales-header-only.csv")

        let result = try project.ventes("import", "--sales", file, "--format", "json")

        try #require(result.succeeded, "\(result.transcript)")
        let sales = try #require(try ImportReport.parse(result.stdout).sales)
        #expect((sales.read, sales.inserted, sales.duplicates, sales.rejected) == (0, 0, 0, 0))
        #expect(try project.store.count("sale") == 30)
    }
}

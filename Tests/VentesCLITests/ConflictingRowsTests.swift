import Foundation
import Testing

/// A stores or products file that lists an id twice with different values: the last line wins, as
/// a later export would, and the import says so, once per id, naming its lines and what differs.
@Suite("Conflicting rows inside one file")
struct ConflictingRowsTests {
    static let products = """
        Nom,ID Référence produit,Prix,Stock
        Produit A,REF001,49.99,100
        Produit B,REF002,19.99,50
        Produit C,REF003,29.99,75
        Produit D,REF004,79.99,120
        Produit E,REF005,39.99,80
        Produit A,REF001,59.99,80
        Produit B,REF002,19.99,50

        """
    static let productWarning = "in/produits.csv: product REF001 is on lines 2 and 7 with different values "
        + "(price 49.99 then 59.99; stock 100 then 80): the last line is imported"

    @Test("a product listed twice with two prices: one warning in the summary and the JSON, the last line imported (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func productListedTwice(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.directory.write(Self.products, to: "in/produits.csv")

        let json = try project.ventes("import", "--format", "json", "--products", "in/produits.csv")
        try #require(json.succeeded, "\(json.transcript)")
        let products = try #require(try ImportReport.parse(json.stdout).products)
        // REF002 is listed twice with the same values: not a conflict.
        #expect(products.warnings == [Self.productWarning])
        let counters: [Int] = [products.read, products.inserted, products.updated ?? -1, products.unchanged ?? -1, products.rejected]
        #expect(counters == [7, 5, 1, 1, 0])
        #expect(try project.store.rows("SELECT name, price_cents, stock FROM product WHERE id = 'REF001'")
                == [["Produit A", "5999", "80"]])

        // The text summary, imported again: line 2 now updates REF001 back, line 7 updates it again.
        let text = try project.ventes("import", "--products", "in/produits.csv")
        try #require(text.succeeded, "\(text.transcript)")
        #expect(text.stdout.contains("read 7: inserted 0, updated 2, unchanged 5, rejected 0"), "\(text.stdout)")
        #expect(text.stdout.components(separatedBy: "\n").filter { $0.contains("warning:") }
                == ["  warning: \(Self.productWarning)"], "\(text.stdout)")
    }

    @Test("a store listed three times, twice the same: one warning naming the three lines and the fields that differ (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func storeListedThreeTimes(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.directory.write("""
            ID Magasin,Ville,Nombre de salariés
            1,Paris,10
            2,Marseille,5
            3,Lyon,8
            4,Bordeaux,12
            3,Lyon,8
            3,Grenoble,9
            5,Lille,6

            """, to: "in/magasins.csv")

        let result = try project.ventes("import", "--format", "json", "--stores", "in/magasins.csv")

        try #require(result.succeeded, "\(result.transcript)")
        let stores = try #require(try ImportReport.parse(result.stdout).stores)
        #expect(stores.warnings == ["in/magasins.csv: store 3 is on lines 4, 6 and 7 with different values "
                                    + "(city \"Lyon\" then \"Grenoble\"; employees 8 then 9): the last line is imported"])
        let counters: [Int] = [stores.read, stores.inserted, stores.updated ?? -1, stores.unchanged ?? -1]
        #expect(counters == [7, 5, 1, 1])
        #expect(try project.store.rows("SELECT city, region, employees FROM store WHERE id = '3'")
                == [["Grenoble", "Auvergne-Rhône-Alpes", "9"]])
    }

    @Test("an id that changes on many lines: the warning stays one line, with the first and last of its lines and values (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func manyConflictingLines(backend: Backend) throws {
        let project = try Project(backend: backend)
        let lines = (1...30).map { "Produit A,REF001,\($0).00,10\n" }
        try project.directory.write("Nom,ID Référence produit,Prix,Stock\n" + lines.joined(), to: "in/produits.csv")

        let result = try project.ventes("import", "--format", "json", "--products", "in/produits.csv")

        try #require(result.succeeded, "\(result.transcript)")
        let products = try #require(try ImportReport.parse(result.stdout).products)
        #expect(products.warnings == ["in/produits.csv: product REF001 is on lines 2, 3, 4, 5, 6, 7, 8, 9, … and 31 with different values "
                                      + "(price 1.00 then 2.00 then 3.00 then … then 30.00): the last line is imported"])
        #expect(try project.store.rows("SELECT price_cents FROM product") == [["3000"]])
    }
}

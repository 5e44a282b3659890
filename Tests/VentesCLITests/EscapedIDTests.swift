import Foundation
import Testing

/// Ids and sale ids holding the characters a bulk load format gives a meaning to (backslash,
/// `\N`, tab, quotes) are stored as they are written, on either backend.
@Suite("ids with special characters")
struct EscapedIDTests {
    @Test("a backslash, \\N, a tab, quotes and accents in ids and sale ids are stored byte for byte; a second import finds them all (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func storedAsWritten(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.directory.write(#"""
            ID Magasin,Ville,Nombre de salariés
            M\1,Paris,3
            \N,Lyon,4
            "M\#t2",Nice,5

            """#, to: "in/magasins.csv")
        try project.directory.write(#"""
            Nom,ID Référence produit,Prix,Stock
            Barre,P\1,1.50,10
            "Guillemets ""doubles""","P""2",2.00,10
            Crème,\N,3.00,10

            """#, to: "in/produits.csv")
        try project.directory.write(#"""
            ID Vente,Date,ID Référence produit,Quantité,ID Magasin
            V\1,2024-01-02,P\1,2,M\1
            \N,2024-01-02,"P""2",1,\N
            "V\#t3",2024-01-03,\N,3,"M\#t2"
            V\1,2024-01-04,\N,1,\N

            """#, to: "in/ventes.csv")
        let arguments = ["import", "--stores", "in/magasins.csv", "--products", "in/produits.csv", "--sales", "in/ventes.csv",
                         "--format", "json"]

        let first = try project.ventes(arguments)
        let second = try project.ventes(arguments)

        try #require(first.succeeded, "\(first.transcript)")
        try #require(second.succeeded, "\(second.transcript)")
        let sales = try #require(try ImportReport.parse(first.stdout).sales)
        // The last row shares its sale id with the first: the first line is kept.
        #expect((sales.read, sales.inserted, sales.duplicates, sales.rejected) == (4, 3, 1, 0))
        let again = try #require(try ImportReport.parse(second.stdout).sales)
        #expect((again.read, again.inserted, again.duplicates, again.rejected) == (4, 0, 4, 0))
        let stored = try project.store.rows("""
            SELECT replace(sale_ref, '\t', '<tab>'), replace(store_id, '\t', '<tab>'), product_id, revenue_cents, line
            FROM sale ORDER BY line
            """)
        #expect(stored == [
            ["V\\1", "M\\1", "P\\1", "300", "2"],
            ["\\N", "\\N", "P\"2", "200", "3"],
            ["V<tab>3", "M<tab>2", "\\N", "900", "4"],
        ])
        #expect(try project.store.integer("SELECT SUM(revenue_cents) FROM sale_total_by_product") == 1400)
        let check = try project.ventes("check")
        #expect(check.succeeded, "\(check.transcript)")
    }
}

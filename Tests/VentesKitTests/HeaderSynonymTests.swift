import Testing
@testable import VentesKit

@Suite("Header synonyms") struct HeaderSynonymTests {
    @Test("spreadsheet headers in French and English, any case, accents or not, find their columns", arguments: [
        ["Date de la vente", "Code article", "Qté vendue", "Point de vente"],
        ["  DATE  ", "ref produit", "QTE", "code magasin"],
        ["Transaction date", "Item code", "Quantity sold", "Store code"],
        ["date_vente", "réf._produit", "quantité", "n° magasin"],
    ])
    func salesHeaders(_ header: [String]) throws {
        let map = try HeaderMap(header: header, specs: Columns.sales)
        #expect(map.index(of: Columns.date) == 0)
        #expect(map.index(of: Columns.productID) == 1)
        #expect(map.index(of: Columns.quantity) == 2)
        #expect(map.index(of: Columns.storeID) == 3)
        #expect(map.ignoredColumns.isEmpty)
    }

    @Test("a missing column lists what was found and the closest name")
    func missingColumn() {
        #expect(throws: HeaderMap.Problem.missingColumn(name: "price", found: ["Nom", "Ref", "Pirx", "Stock"], suggestion: "Pirx")) {
            try HeaderMap(header: ["Nom", "Ref", "Pirx", "Stock"], specs: Columns.products)
        }
    }
}

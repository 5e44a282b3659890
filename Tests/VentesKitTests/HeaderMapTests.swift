import Testing
@testable import VentesKit

@Suite struct HeaderMapTests {
    @Test func findsColumnsByNameInAnyOrderCaseAndAccents() throws {
        let map = try HeaderMap(header: ["quantite", "ID MAGASIN", "Date", " id référence_produit "], specs: Columns.sales)
        #expect(map.index(of: Columns.quantity) == 0)
        #expect(map.index(of: Columns.storeID) == 1)
        #expect(map.index(of: Columns.date) == 2)
        #expect(map.index(of: Columns.productID) == 3)
        #expect(map.index(of: Columns.saleID) == nil)
    }

    @Test func acceptsEnglishNamesAndReportsUnknownColumns() throws {
        let map = try HeaderMap(header: ["product_id", "product_name", "price", "stock", "colour"], specs: Columns.products)
        #expect(map.index(of: Columns.price) == 2)
        #expect(map.ignoredColumns == ["colour"])
    }

    @Test func suggestsTheClosestColumnWhenOneIsMissing() {
        #expect(throws: HeaderMap.Problem.missingColumn(
            name: "quantity", found: ["Date", "ID Référence produit", "Quantiteé", "ID Magasin"], suggestion: "Quantiteé")
        ) {
            try HeaderMap(header: ["Date", "ID Référence produit", "Quantiteé", "ID Magasin"], specs: Columns.sales)
        }
    }

    @Test func refusesTwoColumnsWithTheSameMeaning() {
        #expect(throws: HeaderMap.Problem.ambiguousColumn(name: "quantity", headers: ["Qté", "Quantité"])) {
            try HeaderMap(header: ["Date", "Ref", "Qté", "Quantité", "ID Magasin"], specs: Columns.sales)
        }
    }
}

/// A sale parsed and priced, ready to be written, with the line it came from.
struct PricedSale: Sendable {
    var sale: SaleRow
    /// The product's price when the sale was imported.
    var unitPrice: Cents
    var line: Int

    init(sale: SaleRow, unitPrice: Cents, line: Int) {
        self.sale = sale
        self.unitPrice = unitPrice
        self.line = line
    }
}

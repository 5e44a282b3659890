/// A sale parsed and priced, ready to be written, with the line it came from.
public struct PricedSale: Sendable {
    public var sale: SaleRow
    /// The product's price when the sale was imported.
    public var unitPrice: Cents
    public var line: Int

    public init(sale: SaleRow, unitPrice: Cents, line: Int) {
        self.sale = sale
        self.unitPrice = unitPrice
        self.line = line
    }

    /// Whether `self` goes before `other` in the order the sales table stores them (date, then
    /// store), ties in file order: writing a batch in this order appends to the table's B-tree.
    func precedesInStorage(_ other: PricedSale) -> Bool {
        if sale.date != other.sale.date { return sale.date < other.sale.date }
        if sale.storeID != other.sale.storeID { return Self.bytesPrecede(sale.storeID, other.sale.storeID) }
        return line < other.line
    }

    /// Byte order, as SQLite compares text (Swift's `<` on String follows Unicode, not bytes).
    private static func bytesPrecede(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

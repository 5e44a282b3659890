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
}

/// Where a sale goes in the sales table's key order, as integers: its date, then the first eight
/// bytes of its store id (big-endian, zero-padded: the byte order SQLite compares text in), ties
/// in file order.
///
/// Sorting a batch by it makes its inserts appends to the table's B-tree; comparing integers
/// instead of strings took the sort from a third of the reading thread's time to a few percent.
/// Ids longer than eight bytes only sort less finely, which costs speed, never correctness.
struct StorageOrder: Comparable {
    let date: Int
    let storePrefix: UInt64
    let line: Int

    init(_ priced: PricedSale) {
        let date = priced.sale.date
        self.date = date.year * 10_000 + date.month * 100 + date.day
        var prefix: UInt64 = 0
        var count = 0
        for byte in priced.sale.storeID.utf8.prefix(8) {
            prefix = prefix << 8 | UInt64(byte)
            count += 1
        }
        storePrefix = count == 0 ? 0 : prefix << (8 * UInt64(8 - count))
        line = priced.line
    }

    static func < (a: StorageOrder, b: StorageOrder) -> Bool {
        (a.date, a.storePrefix, a.line) < (b.date, b.storePrefix, b.line)
    }
}

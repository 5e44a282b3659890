/// Where a sale goes in the sales table's key order, as integers: its date, then the first eight
/// bytes of its store id (big-endian, zero-padded: the byte order SQLite compares text in), ties
/// in file order.
///
/// Sorting a batch by it makes its inserts appends to the table's B-tree; comparing integers
/// instead of strings took the sort from a third of the reading thread's time to a few percent.
/// Ids longer than eight bytes only sort less finely, which costs speed, never correctness.
struct SaleStorageOrder: Comparable {
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

    static func < (a: SaleStorageOrder, b: SaleStorageOrder) -> Bool {
        (a.date, a.storePrefix, a.line) < (b.date, b.storePrefix, b.line)
    }
}

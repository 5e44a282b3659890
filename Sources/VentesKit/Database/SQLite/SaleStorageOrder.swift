/// Where a sale goes in the sales table's key order, as integers: its date, then the first eight
/// bytes of its store id and of its product id (big-endian, zero-padded: the byte order SQLite
/// compares text in), its quantity; ties in file order.
///
/// Sorting a batch by it makes its inserts appends to the table's B-tree (`sale` is a
/// `WITHOUT ROWID` table keyed date, store, product, quantity): SQLite then finds each row's place
/// without a search from the root. Comparing integers instead of strings took the sort from a third
/// of the reading thread's time to a few percent. Ids longer than eight bytes only sort less finely,
/// which costs speed, never correctness: identical sales have equal keys, and stay in file order.
struct SaleStorageOrder: Comparable {
    let date: Int
    let storePrefix: UInt64
    let productPrefix: UInt64
    let quantity: Int
    let line: Int

    init(_ sale: SaleRecord) {
        date = sale.date.year * 10_000 + sale.date.month * 100 + sale.date.day
        storePrefix = Self.prefix(sale.storeID)
        productPrefix = Self.prefix(sale.productID)
        quantity = sale.quantity
        line = sale.line
    }

    static func < (a: SaleStorageOrder, b: SaleStorageOrder) -> Bool {
        (a.date, a.storePrefix, a.productPrefix, a.quantity, a.line) < (b.date, b.storePrefix, b.productPrefix, b.quantity, b.line)
    }

    /// The first eight bytes of `id`, big-endian, zero-padded.
    private static func prefix(_ id: String) -> UInt64 {
        var prefix: UInt64 = 0
        var count = 0
        for byte in id.utf8.prefix(8) {
            prefix = prefix << 8 | UInt64(byte)
            count += 1
        }
        return count == 0 ? 0 : prefix << (8 * UInt64(8 - count))
    }

    /// `sales` in the order to write them: storage order when none carries a sale id; else file
    /// order, since which of two rows sharing a sale id is kept depends on it.
    static func batch(_ sales: [SaleRecord]) -> SaleBatch {
        guard sales.allSatisfy({ $0.saleRef == nil }) else { return SaleBatch(sales) }
        let order = sales.indices.map { (SaleStorageOrder(sales[$0]), $0) }.sorted { $0.0 < $1.0 }
        return SaleBatch(order.lazy.map { sales[$0.1] })
    }
}

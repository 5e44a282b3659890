/// Which sales of one file come first with their key (day, store, product, quantity, sale id) and
/// with their sale id, among the file's sales it has seen: what an insert in line order with `ON
/// CONFLICT DO NOTHING` keeps of a file when the table holds none of its sales yet. Each sale it
/// admits gets its place in `sale`'s key order (`DirectSale`), so that they can be sent sorted.
///
/// A sale without a sale id is remembered as 16 bytes: its day (`yyyymmdd`), the ranks of its store
/// and product in byte order (`SaleIDRanks`), its quantity. One with a sale id is remembered by its
/// id (two sales sharing an id are one sale, and two sales with different ids never share a key).
/// `capacity` bounds what it remembers: once full it admits nothing more, and the caller sends the
/// rest of the file another way; so does a sale it cannot number (a store or product without a rank,
/// a date not written `yyyy-mm-dd`).
struct FirstSaleFilter {
    /// How many sales it remembers at most.
    let capacity: Int
    private let stores: SaleIDRanks
    private let products: SaleIDRanks

    private struct Key: Hashable {
        let dayStoreProduct: UInt64
        let quantity: Int64
    }

    private var keys: Set<Key> = []
    private var saleRefs: Set<ExactText> = []

    /// Ranks fit in their bits: 17 for stores, 20 for products (27 for the day).
    static func canNumber(stores: SaleIDRanks, products: SaleIDRanks) -> Bool {
        stores.count <= 1 << 17 && products.count <= 1 << 20
    }

    init(capacity: Int, stores: SaleIDRanks, products: SaleIDRanks) {
        precondition(Self.canNumber(stores: stores, products: products))
        self.capacity = capacity
        self.stores = stores
        self.products = products
    }

    /// How many sales it remembers.
    var count: Int { keys.count + saleRefs.count }

    /// Looks at the sales of `batch` in order, until its end or until it is full (or meets a sale
    /// it cannot number); appends each new one to `admitted`, as sale of batch `batchNumber`.
    /// Returns where it stopped and, in ascending order, the sales it refused as already seen.
    mutating func admit(_ batch: SaleBatch, batchNumber: UInt32, into admitted: inout [DirectSale]) -> (end: Int, seen: [Int]) {
        var seen: [Int] = []
        for sale in 0..<batch.count {
            guard count < capacity else { return (sale, seen) }
            let quantity = batch.numbers(ofSale: sale).quantity
            let numbered: (key: UInt64, saleRef: ExactText?)? = batch.withTexts(ofSale: sale) { storeID, date, productID, saleRef in
                guard let day = Self.day(date), let store = stores.rank(of: storeID), let product = products.rank(of: productID)
                else { return nil }
                let key = UInt64(day) << 37 | UInt64(store) << 20 | UInt64(product)
                return (key, saleRef.isEmpty ? nil : ExactText(String(decoding: saleRef, as: UTF8.self)))
            }
            guard let numbered else { return (sale, seen) }
            let isNew = if let saleRef = numbered.saleRef {
                saleRefs.insert(saleRef).inserted
            } else {
                keys.insert(Key(dayStoreProduct: numbered.key, quantity: quantity)).inserted
            }
            if isNew {
                admitted.append(DirectSale(key: numbered.key, quantity: quantity, batch: batchNumber, sale: UInt32(sale)))
            } else {
                seen.append(sale)
            }
        }
        return (batch.count, seen)
    }

    /// `yyyy-mm-dd` as the number `yyyymmdd`; nil for any other text.
    private static func day(_ text: UnsafeRawBufferPointer) -> UInt32? {
        guard text.count == 10, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-") else { return nil }
        var day: UInt32 = 0
        for index in [0, 1, 2, 3, 5, 6, 8, 9] {
            let digit = text[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            day = day * 10 + UInt32(digit)
        }
        return day
    }
}

/// A sale admitted by `FirstSaleFilter`: where it sorts in `sale`'s key order (day, store rank,
/// product rank, then quantity; sales differing only by their sale id sort in any order), and
/// which sale of which batch it is.
struct DirectSale {
    let key: UInt64
    let quantity: Int64
    let batch: UInt32
    let sale: UInt32

    static func precedes(_ a: DirectSale, _ b: DirectSale) -> Bool {
        a.key != b.key ? a.key < b.key : a.quantity < b.quantity
    }
}

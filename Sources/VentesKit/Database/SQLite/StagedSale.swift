/// A sale held back by the staging (`SaleStaging`) until the end of the file: its key as integers
/// (the day, the ranks of its store and product, see `SaleIDRanks`), its quantity, unit price and
/// line. Forty bytes, spilled as they are; a sale id, when the file has one, follows it in the run
/// file (`saleRefLength` bytes).
///
/// Ordered as `sale`'s primary key orders rows (date, store, product, quantity, sale ref), ties by
/// line: identical sales are then next to each other, the first line first.
struct StagedSale {
    /// The day as `yyyymmdd` in the high half, the store's rank in the low half.
    var dayAndStore: UInt64
    var productRank: UInt32
    var saleRefLength: UInt32
    var quantity: Int64
    var unitPrice: Int64
    var line: Int64

    var day: Int { Int(dayAndStore >> 32) }
    var storeRank: UInt32 { UInt32(truncatingIfNeeded: dayAndStore) }

    static func dayAndStore(day: Int, storeRank: UInt32) -> UInt64 {
        UInt64(day) << 32 | UInt64(storeRank)
    }

    /// Whether `a` (sale id `aRef`) comes before `b` (`bRef`) in the table's key order, then by line.
    @inline(__always)
    static func precedes(_ a: StagedSale, _ aRef: UnsafeRawBufferPointer, _ b: StagedSale, _ bRef: UnsafeRawBufferPointer) -> Bool {
        if a.dayAndStore != b.dayAndStore { return a.dayAndStore < b.dayAndStore }
        if a.productRank != b.productRank { return a.productRank < b.productRank }
        if a.quantity != b.quantity { return a.quantity < b.quantity }
        if a.saleRefLength | b.saleRefLength != 0 {
            let order = compare(aRef, bRef)
            if order != 0 { return order < 0 }
        }
        return a.line < b.line
    }

    /// Whether `a` and `b` (sale ids `aRef`, `bRef`) have the same key: one is a duplicate of the other.
    @inline(__always)
    static func sameKey(_ a: StagedSale, _ aRef: [UInt8], _ b: StagedSale, _ bRef: [UInt8]) -> Bool {
        a.dayAndStore == b.dayAndStore && a.productRank == b.productRank && a.quantity == b.quantity
            && a.saleRefLength == b.saleRefLength && (a.saleRefLength == 0 || aRef == bRef)
    }

    /// Byte order (memcmp, then the shorter first), as SQLite's BINARY collation compares texts.
    private static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return a.count - b.count
    }

    /// `yyyymmdd` from the ten bytes of `yyyy-mm-dd`.
    static func day(fromText date: UnsafeRawBufferPointer) -> Int {
        precondition(date.count == 10, "a sale's date is ten bytes, yyyy-mm-dd")
        @inline(__always) func digit(_ index: Int) -> Int { Int(date[index] &- 0x30) }
        return (((digit(0) * 10 + digit(1)) * 10 + digit(2)) * 10 + digit(3)) * 10_000
            + (digit(5) * 10 + digit(6)) * 100 + digit(8) * 10 + digit(9)
    }

    /// Writes `yyyy-mm-dd` for `day` (`yyyymmdd`) into ten bytes.
    static func writeDate(_ day: Int, into text: UnsafeMutableRawBufferPointer) {
        @inline(__always) func put(_ index: Int, _ digit: Int) { text[index] = UInt8(truncatingIfNeeded: 0x30 + digit) }
        let year = day / 10_000, month = day / 100 % 100, dayOfMonth = day % 100
        put(0, year / 1000 % 10); put(1, year / 100 % 10); put(2, year / 10 % 10); put(3, year % 10)
        text[4] = UInt8(ascii: "-")
        put(5, month / 10); put(6, month % 10)
        text[7] = UInt8(ascii: "-")
        put(8, dayOfMonth / 10); put(9, dayOfMonth % 10)
    }
}

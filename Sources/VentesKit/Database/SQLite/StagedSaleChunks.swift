/// The sales held back by the staging, merged from their runs into batches ready to write: in key
/// order, each key once (a later line with the same key is a duplicate, dropped here: the database
/// would refuse it), and what the sales handed over add to the totals, counted on the way (sales in
/// key order come day and store after day and store; products by rank, without hashing).
struct StagedSaleChunks {
    private var merger: SaleRunMerger
    private var stores: SaleIDRanks
    private var products: SaleIDRanks
    private let chunkSales: Int
    private var chunk: SaleBatch
    private var previous: StagedSale?
    private var previousRef: [UInt8] = []
    private var saleRef: [UInt8] = []
    /// The ten bytes of `yyyy-mm-dd` for `dateTextDay`.
    private var dateText: (UInt64, UInt16) = (0, 0)
    private var dateTextDay = -1
    private var byProduct: [SaleFigures]
    private var byDayStore: [UInt64: SaleFigures] = [:]
    private var dayStore: (key: UInt64, figures: SaleFigures)?

    init(_ merger: SaleRunMerger, stores: SaleIDRanks, products: SaleIDRanks, policy: SaleStaging.Policy) {
        self.merger = merger
        self.stores = stores
        self.products = products
        chunkSales = policy.chunkSales
        chunk = SaleBatch(capacity: policy.chunkSales)
        byProduct = Array(repeating: SaleFigures(), count: products.count)
    }

    /// The next batch of at most `chunkSales` sales; nil at the end.
    mutating func next() throws -> SaleBatch? {
        chunk.removeAll()
        while chunk.count < chunkSales, let sale = try merger.next(saleRef: &saleRef) {
            if let previous, StagedSale.sameKey(previous, previousRef, sale, saleRef) { continue }
            previous = sale
            swap(&previousRef, &saleRef)
            add(sale)
        }
        return chunk.count > 0 ? chunk : nil
    }

    /// What the sales handed over add to the totals (once `next()` returned nil).
    mutating func totals() -> SaleTotals {
        flushDayStore()
        var totals = SaleTotals()
        for (rank, figures) in byProduct.enumerated() where figures.sales > 0 {
            totals.addProduct(products.string(UInt32(rank)), figures)
        }
        var date = [UInt8](repeating: 0, count: 10)
        for (key, figures) in byDayStore {
            let sale = StagedSale(dayAndStore: key, productRank: 0, saleRefLength: 0, quantity: 0, unitPrice: 0, line: 0)
            date.withUnsafeMutableBytes { StagedSale.writeDate(sale.day, into: $0) }
            totals.addDayStore(date: String(decoding: date, as: UTF8.self), storeID: stores.string(sale.storeRank), figures)
        }
        return totals
    }

    /// Appends `sale` (its sale id in `previousRef`) to the chunk and counts it.
    private mutating func add(_ sale: StagedSale) {
        if sale.day != dateTextDay {
            withUnsafeMutableBytes(of: &dateText) { StagedSale.writeDate(sale.day, into: $0) }
            dateTextDay = sale.day
        }
        // Locals, so that appending to the chunk overlaps no other access to `self`.
        let stores = stores, products = products, saleRef = previousRef
        var date = dateText
        stores.withID(sale.storeRank) { storeID in
            products.withID(sale.productRank) { productID in
                withUnsafeBytes(of: &date) { date in
                    saleRef.withUnsafeBytes { saleRef in
                        chunk.append(storeID: storeID, date: UnsafeRawBufferPointer(rebasing: date[0..<10]), productID: productID,
                                     saleRef: saleRef, quantity: sale.quantity, unitPrice: sale.unitPrice, line: sale.line)
                    }
                }
            }
        }
        let figures = SaleFigures(sales: 1, units: sale.quantity, revenueCents: sale.quantity * sale.unitPrice)
        byProduct[Int(sale.productRank)].add(figures)
        if dayStore?.key == sale.dayAndStore {
            dayStore?.figures.add(figures)
        } else {
            flushDayStore()
            dayStore = (sale.dayAndStore, figures)
        }
    }

    private mutating func flushDayStore() {
        guard let dayStore else { return }
        byDayStore[dayStore.key, default: SaleFigures()].add(dayStore.figures)
        self.dayStore = nil
    }
}

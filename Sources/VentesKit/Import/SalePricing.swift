/// Prices sales at the current product price and checks that their product and store exist.
///
/// Ids are compared byte for byte (`ExactText`), as the database compares them: the import's
/// transaction writes sales without SQLite's foreign key checks, on the strength of this lookup.
/// (Both sides are in NFC, as read and as stored: an id written decomposed finds its product.)
struct SalePricing: Sendable {
    private let prices: [ExactText: Cents]
    private let stores: Set<ExactText>
    /// The nearest known id to an unknown one, for the reason its sale is refused.
    private let unknownProducts: UnknownIDReasons
    private let unknownStores: UnknownIDReasons
    /// `prices` and `stores` again for the usual short ASCII identifiers, found without hashing
    /// Strings (two String hashes were a fifth of the reading thread's time); a miss asks them.
    private let shortPrices: ShortASCIIKeyTable<Cents>
    private let shortStores: ShortASCIIKeyTable<Bool>

    init(_ transaction: any ImportTransaction) throws {
        let prices = try transaction.currentPrices()
        let stores = try transaction.storeIDs()
        self.prices = Dictionary(prices.map { (ExactText($0.id), $0.price) }, uniquingKeysWith: { first, _ in first })
        self.stores = Set(stores.map(ExactText.init))
        unknownProducts = UnknownIDReasons(known: prices.map(\.id))
        unknownStores = UnknownIDReasons(known: stores)
        shortPrices = ShortASCIIKeyTable(prices.lazy.map { (key: $0.id, value: $0.price) })
        shortStores = ShortASCIIKeyTable(stores.lazy.map { (key: $0, value: true) })
    }

    /// `sale` priced at its product's current price, or why it cannot be.
    func priced(_ sale: SaleRow, line: Int) throws(RejectionReason) -> SaleRecord {
        guard let price = shortPrices.value(for: sale.productID) ?? prices[ExactText(sale.productID)] else {
            throw .unknownProduct(id: sale.productID, known: unknownProducts.knownCount,
                                  nearest: unknownProducts.suggestion(for: sale.productID))
        }
        guard shortStores.value(for: sale.storeID) != nil || stores.contains(ExactText(sale.storeID)) else {
            throw .unknownStore(id: sale.storeID, known: unknownStores.knownCount,
                                nearest: unknownStores.suggestion(for: sale.storeID))
        }
        guard !Int64(sale.quantity).multipliedReportingOverflow(by: price.value).overflow else {
            throw .revenueTooLarge(quantity: sale.quantity, unitPrice: price)
        }
        return SaleRecord(saleRef: sale.saleRef, date: sale.date, productID: sale.productID, quantity: sale.quantity,
                          storeID: sale.storeID, unitPrice: price, line: line)
    }
}

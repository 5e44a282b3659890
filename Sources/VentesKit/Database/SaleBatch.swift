/// Sales as the values their insert binds, laid out flat: the four texts of every sale end to end
/// in one buffer, and four numbers per sale, in the order the store writes them.
///
/// Made by `SalesStore.prepareSales` on the importer's reading thread, so that the writing thread,
/// the import's bottleneck, only binds: the SQLite store binds the texts in place, where binding
/// each Swift string had SQLite allocate and copy four times a row.
public struct SaleBatch: Sendable {
    /// store id, date, product id, sale ref (`''` without one), for each sale.
    private(set) var text: [UInt8] = []
    /// Where each text ends in `text`: four per sale.
    private(set) var textEnds: [Int] = []
    /// quantity, unit price in cents, revenue in cents, line: four per sale.
    private(set) var numbers: [Int64] = []

    static let textsPerSale = 4
    static let numbersPerSale = 4

    /// `sales`, in this order.
    public init<Sales: Collection<SaleRecord>>(_ sales: Sales) {
        text.reserveCapacity(sales.count * 32)
        textEnds.reserveCapacity(sales.count * Self.textsPerSale)
        numbers.reserveCapacity(sales.count * Self.numbersPerSale)
        for sale in sales { append(sale) }
    }

    /// How many sales.
    public var count: Int { numbers.count / Self.numbersPerSale }

    private mutating func append(_ sale: SaleRecord) {
        appendText(sale.storeID)
        appendText(sale.date.description)
        appendText(sale.productID)
        appendText(sale.saleRef ?? "")
        let quantity = Int64(sale.quantity)
        let revenue = quantity.multipliedReportingOverflow(by: sale.unitPrice.value)
        precondition(!revenue.overflow, "a sale's revenue fits in 64 bits (the importer refuses the others)")
        numbers.append(quantity)
        numbers.append(sale.unitPrice.value)
        numbers.append(revenue.partialValue)
        numbers.append(Int64(sale.line))
    }

    private mutating func appendText(_ value: String) {
        text.append(contentsOf: value.utf8)
        textEnds.append(text.count)
    }
}

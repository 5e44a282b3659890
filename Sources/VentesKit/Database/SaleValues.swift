/// Sales as the values their INSERT binds, laid out flat: the four texts of every sale end to end
/// in one buffer, and four numbers per sale.
///
/// Built on the reading thread (`SaleReader`), so that the writing thread, the import's bottleneck,
/// only binds: texts are bound in place (SQLITE_STATIC), where binding each Swift string had SQLite
/// allocate and copy four times a row.
struct SaleValues: Sendable {
    /// store id, date, product id, sale ref (`''` without one), for each sale.
    private(set) var text: [UInt8] = []
    /// Where each text ends in `text`: four per sale.
    private(set) var textEnds: [Int] = []
    /// quantity, unit price in cents, revenue in cents, line: four per sale.
    private(set) var numbers: [Int64] = []

    static let textsPerSale = 4
    static let numbersPerSale = 4

    /// Room for `sales` sales without growing.
    init(reservingCapacity sales: Int = 0) {
        text.reserveCapacity(sales * 32)
        textEnds.reserveCapacity(sales * Self.textsPerSale)
        numbers.reserveCapacity(sales * Self.numbersPerSale)
    }

    /// How many sales.
    var count: Int { numbers.count / Self.numbersPerSale }

    /// Adds a sale at the end.
    mutating func append(_ priced: PricedSale) {
        let sale = priced.sale
        appendText(sale.storeID)
        appendText(sale.date.description)
        appendText(sale.productID)
        appendText(sale.saleRef ?? "")
        let quantity = Int64(sale.quantity)
        let revenue = quantity.multipliedReportingOverflow(by: priced.unitPrice.value)
        precondition(!revenue.overflow, "a priced sale's revenue fits in 64 bits (SalePricing refuses the others)")
        numbers.append(quantity)
        numbers.append(priced.unitPrice.value)
        numbers.append(revenue.partialValue)
        numbers.append(Int64(priced.line))
    }

    private mutating func appendText(_ value: String) {
        text.append(contentsOf: value.utf8)
        textEnds.append(text.count)
    }
}

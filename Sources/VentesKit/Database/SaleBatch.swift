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
    /// What the batch adds to the totals by day and store and by product, if every sale is new
    /// (the store takes the duplicates back out as it finds them). Empty for a batch out of date
    /// order: the store totals those sales itself, in its own order, as it writes them.
    private(set) var totals = SaleTotals()
    /// Whether the sales of the file, up to and including these, came in date order (as the importer
    /// saw them: `SalesStore.prepareSales`).
    private(set) var inDateOrder = true
    /// A batch out of date order holds its sales as they came, not laid out: the store lays them out
    /// its own way on its writing thread, which has time to spare while such a file is read.
    private(set) var records: [SaleRecord] = []

    static let textsPerSale = 4
    static let numbersPerSale = 4

    /// `sales`, in this order: laid out and totalled when `inDateOrder`, else kept as they are
    /// (`records`). Out of date order nearly every sale has a day and store of its own: totalling
    /// them here took a third of the reading thread (dictionary inserts and growth), for nothing.
    public init<Sales: Collection<SaleRecord>>(_ sales: Sales, inDateOrder: Bool = true) {
        self.inDateOrder = inDateOrder
        guard inDateOrder else {
            records = Array(sales)
            return
        }
        text.reserveCapacity(sales.count * 32)
        textEnds.reserveCapacity(sales.count * Self.textsPerSale)
        numbers.reserveCapacity(sales.count * Self.numbersPerSale)
        // One pass: each sale laid out and counted. Consecutive sales of the same day and store (a
        // batch in the table's order, a file in time order) are summed before they are counted:
        // one dictionary update per run, not per sale.
        var run: (date: SaleDate, storeID: String, figures: SaleFigures)?
        for sale in sales {
            let figures = append(sale)
            totals.addProduct(sale.productID, figures)
            if let current = run, current.date == sale.date, current.storeID == sale.storeID {
                run?.figures.add(figures)
            } else {
                if let current = run { totals.addDayStore(date: current.date.description, storeID: current.storeID, current.figures) }
                run = (sale.date, sale.storeID, figures)
            }
        }
        if let current = run { totals.addDayStore(date: current.date.description, storeID: current.storeID, current.figures) }
    }

    /// An empty batch with room for `capacity` sales, filled by `append(storeID:date:productID:saleRef:quantity:unitPrice:line:)`
    /// (a store that writes sales back from its own staging area). Its `totals` stay empty.
    init(capacity: Int) {
        text.reserveCapacity(capacity * 32)
        textEnds.reserveCapacity(capacity * Self.textsPerSale)
        numbers.reserveCapacity(capacity * Self.numbersPerSale)
    }

    /// Appends a sale given as the values its insert binds; the revenue is quantity × unit price.
    mutating func append(storeID: UnsafeRawBufferPointer, date: UnsafeRawBufferPointer, productID: UnsafeRawBufferPointer,
                         saleRef: UnsafeRawBufferPointer, quantity: Int64, unitPrice: Int64, line: Int64) {
        appendText(storeID)
        appendText(date)
        appendText(productID)
        appendText(saleRef)
        let revenue = quantity.multipliedReportingOverflow(by: unitPrice)
        precondition(!revenue.overflow, "a sale's revenue fits in 64 bits (the importer refuses the others)")
        numbers.append(quantity)
        numbers.append(unitPrice)
        numbers.append(revenue.partialValue)
        numbers.append(line)
    }

    /// Empties the batch, keeping its capacity.
    mutating func removeAll() {
        text.removeAll(keepingCapacity: true)
        textEnds.removeAll(keepingCapacity: true)
        numbers.removeAll(keepingCapacity: true)
        totals = SaleTotals()
    }

    /// The texts of sale `index`: store id, date, product id, sale ref (`''` without one).
    func texts(ofSale index: Int) -> (storeID: String, date: String, productID: String, saleRef: String) {
        withTexts(ofSale: index) { storeID, date, productID, saleRef in
            (String(decoding: storeID, as: UTF8.self), String(decoding: date, as: UTF8.self),
             String(decoding: productID, as: UTF8.self), String(decoding: saleRef, as: UTF8.self))
        }
    }

    /// Calls `body` with the bytes of the texts of sale `index`: store id, date, product id, sale
    /// ref (empty without one).
    func withTexts<Result>(ofSale index: Int, _ body: (_ storeID: UnsafeRawBufferPointer, _ date: UnsafeRawBufferPointer,
                                                       _ productID: UnsafeRawBufferPointer, _ saleRef: UnsafeRawBufferPointer) -> Result) -> Result {
        let first = index * Self.textsPerSale
        let start = first == 0 ? 0 : textEnds[first - 1]
        return text.withUnsafeBytes { text in
            func field(_ field: Int) -> UnsafeRawBufferPointer {
                UnsafeRawBufferPointer(rebasing: text[(field == 0 ? start : textEnds[first + field - 1])..<textEnds[first + field]])
            }
            return body(field(0), field(1), field(2), field(3))
        }
    }

    /// quantity, unit price, revenue and line of sale `index`.
    func numbers(ofSale index: Int) -> (quantity: Int64, unitPrice: Int64, revenue: Int64, line: Int64) {
        let first = index * Self.numbersPerSale
        return (numbers[first], numbers[first + 1], numbers[first + 2], numbers[first + 3])
    }

    /// How many sales.
    public var count: Int { records.isEmpty ? numbers.count / Self.numbersPerSale : records.count }

    /// Lays `sale` out at the end; returns what it counts for in the totals.
    private mutating func append(_ sale: SaleRecord) -> SaleFigures {
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
        return SaleFigures(sales: 1, units: quantity, revenueCents: revenue.partialValue)
    }

    private mutating func appendText(_ value: String) {
        text.append(contentsOf: value.utf8)
        textEnds.append(text.count)
    }

    private mutating func appendText(_ bytes: UnsafeRawBufferPointer) {
        text.append(contentsOf: bytes)
        textEnds.append(text.count)
    }
}

/// Whether a sales file comes in date order, watched batch after batch as it is read.
///
/// Exports sorted by sale time may hold a few late rows; a file sorted otherwise (a chain's stores
/// one after the other, by product, by hand) soon has a batch of which many sales are dated before
/// a row read earlier (in the same batch or before it). More than an eighth of a batch puts the
/// file out of date order for good: the store may then stage what follows (`SalesStore.prepareSales`).
struct DateOrderWatch {
    private(set) var inDateOrder = true
    /// The latest date read so far, as `yyyymmdd`.
    private var latest = 0

    /// Watches the next batch of the file; whether the file is still in date order with it.
    mutating func observe(_ sales: [SaleRecord]) -> Bool {
        guard inDateOrder else { return false }
        var early = 0
        for sale in sales {
            let day = sale.date.year * 10_000 + sale.date.month * 100 + sale.date.day
            if day < latest { early += 1 }
            latest = max(latest, day)
        }
        if early * 8 > sales.count { inDateOrder = false }
        return inDateOrder
    }
}

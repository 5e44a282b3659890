/// Whether a sales file comes in date order, watched batch after batch as it is read.
///
/// Exports sorted by sale time repeat the last day of a batch at the start of the next one, and may
/// hold a few late rows; a file sorted otherwise (a chain's stores one after the other, by product,
/// by hand) soon has a batch of which many sales are dated before rows already read. More than an
/// eighth of a batch before the latest date read so far puts the file out of date order for good:
/// the store may then stage what follows (`SalesStore.prepareSales`).
struct DateOrderWatch {
    private(set) var inDateOrder = true
    /// The latest date read so far, as `yyyymmdd`.
    private var latest = 0

    /// Watches the next batch of the file; whether the file is still in date order with it.
    mutating func observe(_ sales: [SaleRecord]) -> Bool {
        guard inDateOrder else { return false }
        var early = 0
        var latestOfBatch = latest
        for sale in sales {
            let day = sale.date.year * 10_000 + sale.date.month * 100 + sale.date.day
            if day < latest { early += 1 }
            latestOfBatch = max(latestOfBatch, day)
        }
        latest = latestOfBatch
        if early * 8 > sales.count { inDateOrder = false }
        return inDateOrder
    }
}

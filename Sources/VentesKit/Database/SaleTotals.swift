/// How many sales, units and cents of revenue.
public struct SaleFigures: Equatable, Sendable {
    public var sales: Int64 = 0
    public var units: Int64 = 0
    public var revenueCents: Int64 = 0

    public init(sales: Int64 = 0, units: Int64 = 0, revenueCents: Int64 = 0) {
        self.sales = sales
        self.units = units
        self.revenueCents = revenueCents
    }

    mutating func add(_ other: SaleFigures) {
        sales += other.sales
        units += other.units
        revenueCents += other.revenueCents
    }

    mutating func subtract(_ other: SaleFigures) {
        sales -= other.sales
        units -= other.units
        revenueCents -= other.revenueCents
    }
}

/// Sales totalled by day and store, and by product: what the store's summary tables hold, or what a
/// batch of sales adds to them. The analyses read these instead of every sale, so they answer in
/// time proportional to days, stores and products, not to sales.
public struct SaleTotals: Sendable {
    /// A day (`yyyy-mm-dd`) and a store.
    public struct DayStore: Hashable, Sendable {
        public let date: String
        public let storeID: String
    }

    public private(set) var byDayStore: [DayStore: SaleFigures] = [:]
    public private(set) var byProduct: [String: SaleFigures] = [:]

    public init() {}

    mutating func addProduct(_ productID: String, _ figures: SaleFigures) {
        byProduct[productID, default: SaleFigures()].add(figures)
    }

    mutating func addDayStore(date: String, storeID: String, _ figures: SaleFigures) {
        byDayStore[DayStore(date: date, storeID: storeID), default: SaleFigures()].add(figures)
    }

    /// Takes one sale back out (one that turned out to be a duplicate).
    mutating func subtract(date: String, storeID: String, productID: String, _ figures: SaleFigures) {
        byDayStore[DayStore(date: date, storeID: storeID), default: SaleFigures()].subtract(figures)
        byProduct[productID, default: SaleFigures()].subtract(figures)
    }

    /// Adds every total of `other`.
    mutating func add(_ other: SaleTotals) {
        for (key, figures) in other.byDayStore { byDayStore[key, default: SaleFigures()].add(figures) }
        for (key, figures) in other.byProduct { byProduct[key, default: SaleFigures()].add(figures) }
    }
}
